using System;
using McuAi.Interpreter.Simd;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>DEPTHWISE_CONV_2D in float (also hybrid models, with the filter dequantized in Prepare).</summary>
    public sealed class DepthwiseConv2DFloat : PreparedOp
    {
        private readonly DepthwiseTaps _taps;
        private readonly RuntimeTensor _input;
        private readonly RuntimeTensor _output;
        private readonly ConvGeometry _g;
        private readonly int _multiplier;
        private readonly float[] _filter;
        private readonly float[] _bias;
        private readonly float _min;
        private readonly float _max;
        private readonly float[]? _expanded;
        private readonly float[] _acc;

        // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
        internal ConvGeometry Geometry => _g;
        internal (float Min, float Max) Range => (_min, _max);

        public DepthwiseConv2DFloat(PrepareContext context, ConvGeometry geometry, float[] filter)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            _g = geometry;
            _multiplier = geometry.OutputDepth / geometry.InputDepth;
            _filter = filter;
            _bias = QuantizedMultipliers.FloatBias(context.OptionalInput(2), geometry.OutputDepth, context);
            (_min, _max) = FusedActivation.FloatRange(FusedActivation.Of(context));
            // With a depth multiplier above 1, input values are repeated into output-channel order first.
            _expanded = _multiplier == 1 ? null : new float[geometry.Batches * geometry.InputHeight * geometry.InputWidth * geometry.OutputDepth];
            _taps = new DepthwiseTaps(geometry);
            _acc = new float[geometry.OutputDepth];
        }

        public override void Eval()
        {
            var g = _g;
            int channels = g.OutputDepth;
            ReadOnlySpan<float> source = _input.As<float>();
            if (_expanded is not null)
            {
                for (int i = 0, w = 0; i < source.Length; i++)
                    for (int m = 0; m < _multiplier; m++) _expanded[w++] = source[i];
                source = _expanded;
            }
            var output = _output.As<float>();
            var acc = _acc.AsSpan();
            int o = 0;
            for (int b = 0; b < g.Batches; b++)
                for (int outY = 0; outY < g.OutputHeight; outY++)
                    for (int outX = 0; outX < g.OutputWidth; outX++, o += channels)
                    {
                        int taps = _taps.Find(g, b, outY, outX);
                        ChannelAccumulate.Float(source, _filter, _taps.InputRows, _taps.FilterRows, taps, channels, acc);
                        for (int c = 0; c < channels; c++)
                            output[o + c] = FixedPoint.Clamp(acc[c] + _bias[c], _min, _max);
                    }
        }
    }
}
