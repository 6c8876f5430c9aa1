using System;
using McuAi.Interpreter.Simd;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// DEPTHWISE_CONV_2D with int8 input, filter and output and int32 bias, bit-exact with TFLM:
    /// acc[c] = Σ over the valid taps of filter[tap, c] · (input[pixel, c / M] + input_offset) + bias[c],
    /// rescaled per channel. Eval first widens the input (plus offset) into output-channel order once,
    /// so the tap loop is a vector multiply-add over all channels of a pixel (<see cref="ChannelAccumulate"/>).
    /// </summary>
    public sealed class DepthwiseConv2DInt8 : PreparedOp
    {
        private readonly DepthwiseTaps _taps;
        private readonly RuntimeTensor _input;
        private readonly RuntimeTensor _output;
        private readonly ConvGeometry _g;
        private readonly int _multiplier;
        private readonly int[] _filter;
        private readonly int _inputOffset;
        private readonly Int8OutputStage _outputStage;
        private readonly int[] _wide;
        private readonly int[] _acc;

        // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
        internal ConvGeometry Geometry => _g;
        internal int InputOffset => _inputOffset;
        internal Int8OutputStage OutputStage => _outputStage;

        public DepthwiseConv2DInt8(PrepareContext context, ConvGeometry geometry)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            var filter = context.Input(1);
            _g = geometry;
            int channels = geometry.OutputDepth;
            _multiplier = channels / geometry.InputDepth;
            _outputStage = Int8OutputStage.PerChannel(context, channels);
            _filter = context.Shared("filter-int32", () =>
            {
                var values = FilterValues.Int8(context, filter);
                var result = new int[values.Length];
                for (int i = 0; i < values.Length; i++) result[i] = values[i];
                return result;
            });
            _inputOffset = -_input.ZeroPoint;
            _wide = new int[geometry.Batches * geometry.InputHeight * geometry.InputWidth * channels];
            _taps = new DepthwiseTaps(geometry);
            _acc = new int[channels];
        }

        public override void Eval()
        {
            var g = _g;
            int channels = g.OutputDepth;
            var input = _input.As<sbyte>();
            var output = _output.As<sbyte>();
            if (_multiplier == 1)
                for (int i = 0; i < _wide.Length; i++) _wide[i] = input[i] + _inputOffset;
            else
                for (int i = 0, w = 0; i < input.Length; i++)
                    for (int m = 0; m < _multiplier; m++) _wide[w++] = input[i] + _inputOffset;
            var acc = _acc.AsSpan();
            int o = 0;
            for (int b = 0; b < g.Batches; b++)
                for (int outY = 0; outY < g.OutputHeight; outY++)
                    for (int outX = 0; outX < g.OutputWidth; outX++, o += channels)
                    {
                        int taps = _taps.Find(g, b, outY, outX);
                        ChannelAccumulate.Int32(_wide, _filter, _taps.InputRows, _taps.FilterRows, taps, channels, acc);
                        for (int c = 0; c < channels; c++) output[o + c] = _outputStage.Apply(acc[c], c);
                    }
        }
    }
}
