using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>DEPTHWISE_CONV_2D with int16 activations and int8 weights (16x8 quantization): <see cref="DepthwiseConv2DInt16"/>.</summary>
    [KernelFor(BuiltinOperator.DEPTHWISE_CONV_2D)]
    public sealed class DepthwiseConv2DInt16Kernel : ISpecializedKernel
    {
        public bool Accepts(PrepareContext context) => context.Inputs.Length > 0 && context.Inputs[0] is { Type: TensorType.INT16 };

        public PreparedOp Prepare(PrepareContext context) => new DepthwiseConv2DInt16(context);
    }

    /// <summary>
    /// TFLM's 16x8 DEPTHWISE_CONV_2D (reference_integer_ops::DepthwiseConvPerChannel for int16):
    /// acc[c] = Σ over the valid taps of filter[tap, c] · input[pixel, c / M] in int64, plus the int64
    /// bias, rescaled per channel with the single-rounding 64-bit multiply; activations are symmetric, so
    /// there are no offsets.
    /// </summary>
    public sealed class DepthwiseConv2DInt16 : PreparedOp
    {
        private readonly RuntimeTensor _input, _output;
        private readonly DepthwiseTaps _taps;
        private readonly long[] _acc;

        public DepthwiseConv2DInt16(PrepareContext context)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            var filter = context.Input(1);
            if (filter.Type != TensorType.INT8) throw context.UnsupportedType(filter);
            if (_output.Type != TensorType.INT16) throw context.UnsupportedType(_output);
            QuantizedMultipliers.RequireConstant(filter, context);
            if (filter.Rank != 4 || filter.Shape[0] != 1)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"filter '{filter.Name}' must be [1, height, width, channels], not [{string.Join(",", filter.Shape)}]");
            Geometry = ConvGeometry.Create(context, _input, _output, filter.Shape[1], filter.Shape[2]);
            int channels = Geometry.OutputDepth;
            if (filter.Shape[3] != channels || Geometry.InputDepth == 0 || channels % Geometry.InputDepth != 0)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"filter '{filter.Name}' has {filter.Shape[3]} channels; it needs the output's {channels}, a multiple of the input's {Geometry.InputDepth}");
            DepthMultiplier = channels / Geometry.InputDepth;
            Filter = filter.As<sbyte>().ToArray();
            (Multipliers, Shifts) = QuantizedMultipliers.PerChannel(_input, filter, _output, channels, context);
            Bias = Int64Bias.Read(context.OptionalInput(2), channels, context);
            (Min, Max) = FusedActivation.QuantizedRange(FusedActivation.Of(context), _output, context);
            _taps = new DepthwiseTaps(Geometry);
            _acc = new long[channels];
        }

        public ConvGeometry Geometry { get; }
        public int DepthMultiplier { get; }
        /// <summary>[1, height, width, channels] as in the model.</summary>
        public sbyte[] Filter { get; }
        public long[] Bias { get; }
        public int[] Multipliers { get; }
        public int[] Shifts { get; }
        public int Min { get; }
        public int Max { get; }

        public override void Eval()
        {
            var g = Geometry;
            int channels = g.OutputDepth, inputDepth = g.InputDepth, m = DepthMultiplier;
            var input = _input.As<short>();
            var output = _output.As<short>();
            int o = 0;
            for (int b = 0; b < g.Batches; b++)
                for (int outY = 0; outY < g.OutputHeight; outY++)
                    for (int outX = 0; outX < g.OutputWidth; outX++, o += channels)
                    {
                        int taps = _taps.Find(g, b, outY, outX);
                        System.Array.Copy(Bias, _acc, channels);
                        for (int t = 0; t < taps; t++)
                        {
                            // Tap rows index channel-expanded pixels; the input holds InputDepth values per pixel.
                            int pixel = _taps.InputRows[t] / channels * inputDepth;
                            int filterRow = _taps.FilterRows[t];
                            for (int c = 0; c < channels; c++)
                                _acc[c] += (long)Filter[filterRow + c] * input[pixel + c / m];
                        }
                        for (int c = 0; c < channels; c++)
                        {
                            int scaled = FixedPoint.MultiplyByQuantizedMultiplier(_acc[c], Multipliers[c], Shifts[c]);
                            output[o + c] = (short)FixedPoint.Clamp(scaled, Min, Max);
                        }
                    }
        }
    }
}
