using System;
using McuAi.Interpreter.Simd;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>DEPTHWISE_CONV_2D in float (also hybrid models, with the filter dequantized in Prepare).</summary>
    public sealed class DepthwiseConv2DFloat : PreparedOp
    {
        private readonly int[] _rows;
        private readonly int[] _filterRows;
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
            _rows = new int[geometry.FilterHeight * geometry.FilterWidth];
            _filterRows = new int[geometry.FilterHeight * geometry.FilterWidth];
            _acc = new float[geometry.OutputDepth];
        }

        /// <summary>Fills the input and filter offsets of the window taps inside the input; returns their count.</summary>
        private int Taps(ConvGeometry g, int b, int outY, int outX)
        {
            int channels = g.OutputDepth;
            int originY = outY * g.StrideHeight - g.PadTop;
            int originX = outX * g.StrideWidth - g.PadLeft;
            int taps = 0;
            for (int ky = 0; ky < g.FilterHeight; ky++)
            {
                int y = originY + ky * g.DilationHeight;
                if (y < 0 || y >= g.InputHeight) continue;
                for (int kx = 0; kx < g.FilterWidth; kx++)
                {
                    int x = originX + kx * g.DilationWidth;
                    if (x < 0 || x >= g.InputWidth) continue;
                    _rows[taps] = ((b * g.InputHeight + y) * g.InputWidth + x) * channels;
                    _filterRows[taps] = (ky * g.FilterWidth + kx) * channels;
                    taps++;
                }
            }
            return taps;
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
                        int taps = Taps(g, b, outY, outX);
                        ChannelAccumulate.Float(source, _filter, _rows, _filterRows, taps, channels, acc);
                        for (int c = 0; c < channels; c++)
                            output[o + c] = FixedPoint.Clamp(acc[c] + _bias[c], _min, _max);
                    }
        }
    }
}
