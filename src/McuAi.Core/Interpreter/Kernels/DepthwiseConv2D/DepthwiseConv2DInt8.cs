using System;
using McuAi.Interpreter.Simd;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// DEPTHWISE_CONV_2D with int8 input, filter and output and int32 bias, bit-exact with TFLM:
    /// acc[c] = Σ over the valid taps of filter[tap, c] · (input[pixel, c / M] + input_offset) + bias[c],
    /// rescaled per channel. Eval first widens the input (plus offset) into output-channel order once,
    /// so the tap loop is a vector multiply-add over all channels of a pixel.
    /// </summary>
    public sealed class DepthwiseConv2DInt8 : PreparedOp
    {
        private readonly RuntimeTensor _input;
        private readonly RuntimeTensor _output;
        private readonly ConvGeometry _g;
        private readonly int _multiplier;
        private readonly int[] _filter;
        private readonly int[] _bias;
        private readonly int[] _multipliers;
        private readonly int[] _shifts;
        private readonly int _inputOffset;
        private readonly int _outputOffset;
        private readonly int _min;
        private readonly int _max;
        private readonly int[] _wide;
        private readonly int[] _acc;

        public DepthwiseConv2DInt8(PrepareContext context, ConvGeometry geometry)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            var filter = context.Input(1);
            _g = geometry;
            int channels = geometry.OutputDepth;
            _multiplier = channels / geometry.InputDepth;
            (_multipliers, _shifts) = QuantizedMultipliers.PerChannel(_input, filter, _output, channels, context);
            _filter = context.Shared("filter-int32", () =>
            {
                var values = filter.As<sbyte>();
                var result = new int[values.Length];
                for (int i = 0; i < values.Length; i++) result[i] = values[i];
                return result;
            });
            _bias = QuantizedMultipliers.Bias(context.OptionalInput(2), channels, context);
            _inputOffset = -_input.ZeroPoint;
            _outputOffset = _output.ZeroPoint;
            (_min, _max) = FusedActivation.QuantizedRange(FusedActivation.Of(context), _output, context);
            _wide = new int[geometry.Batches * geometry.InputHeight * geometry.InputWidth * channels];
            _acc = new int[channels];
        }

        public override void Eval()
        {
            var g = _g;
            int channels = g.OutputDepth;
            var input = _input.As<sbyte>();
            var output = _output.As<sbyte>();
            for (int i = 0; i < _wide.Length; i++) _wide[i] = input[i / _multiplier] + _inputOffset;
            var acc = _acc.AsSpan();
            int o = 0;
            for (int b = 0; b < g.Batches; b++)
                for (int outY = 0; outY < g.OutputHeight; outY++)
                    for (int outX = 0; outX < g.OutputWidth; outX++, o += channels)
                    {
                        acc.Clear();
                        int originY = outY * g.StrideHeight - g.PadTop;
                        int originX = outX * g.StrideWidth - g.PadLeft;
                        for (int ky = 0; ky < g.FilterHeight; ky++)
                        {
                            int y = originY + ky * g.DilationHeight;
                            if (y < 0 || y >= g.InputHeight) continue;
                            for (int kx = 0; kx < g.FilterWidth; kx++)
                            {
                                int x = originX + kx * g.DilationWidth;
                                if (x < 0 || x >= g.InputWidth) continue;
                                int pixel = (b * g.InputHeight + y) * g.InputWidth + x;
                                MultiplyAdd.Int32(acc, _wide.AsSpan(pixel * channels, channels), _filter.AsSpan((ky * g.FilterWidth + kx) * channels, channels));
                            }
                        }
                        for (int c = 0; c < channels; c++)
                        {
                            int value = FixedPoint.MultiplyByQuantizedMultiplier(unchecked(acc[c] + _bias[c]), _multipliers[c], _shifts[c]) + _outputOffset;
                            output[o + c] = (sbyte)FixedPoint.Clamp(value, _min, _max);
                        }
                    }
        }
    }
}
