using System;
using McuAi.Diagnostics;
using McuAi.Interpreter.Simd;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// TRANSPOSE_CONV (inputs: output shape, filter [out_ch, h, w, in_ch], input, optional bias). Each
    /// input pixel scatters its dot products with the filter into the output, as TFLM's reference does;
    /// the accumulators are then biased, rescaled and clamped. Types: float32; int8 with int32 bias
    /// (int32 accumulators); int16 activations with int8 weights and int64 bias (int64 accumulators).
    /// The static output shape is taken from the output tensor (TFLM ignores the shape input).
    /// </summary>
    [KernelFor(BuiltinOperator.TRANSPOSE_CONV)]
    public sealed class TransposeConvKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var geometry = new TransposeConvGeometry(context);
            var input = context.Input(2);
            var filter = context.Input(1);
            var output = context.Output(0);
            QuantizedMultipliers.RequireConstant(filter, context);
            if (output.Type != input.Type) throw context.UnsupportedType(output);
            return (input.Type, filter.Type) switch
            {
                (TensorType.FLOAT32, TensorType.FLOAT32) => new FloatTransposeConv(context, geometry),
                (TensorType.INT8, TensorType.INT8) or (TensorType.INT16, TensorType.INT8) => new QuantizedTransposeConv(context, geometry),
                _ => throw context.UnsupportedType(input.Type is TensorType.FLOAT32 or TensorType.INT8 or TensorType.INT16 ? filter : input),
            };
        }
    }

    /// <summary>Dimensions, strides and padding of a TRANSPOSE_CONV, checked once.</summary>
    public sealed class TransposeConvGeometry
    {
        public TransposeConvGeometry(PrepareContext context)
        {
            var filter = context.Input(1);
            var input = context.Input(2);
            var output = context.Output(0);
            if (input.Rank != 4 || filter.Rank != 4 || output.Rank != 4)
                throw context.Fail(DiagnosticCodes.InvalidOperator, "input, filter and output must have 4 dimensions");
            var options = context.RequireOptions();
            (Batches, InH, InW, InDepth) = (input.Shape[0], input.Shape[1], input.Shape[2], input.Shape[3]);
            (OutH, OutW, OutDepth) = (output.Shape[1], output.Shape[2], output.Shape[3]);
            (FilterH, FilterW) = (filter.Shape[1], filter.Shape[2]);
            if (filter.Shape[0] != OutDepth || filter.Shape[3] != InDepth || output.Shape[0] != Batches)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"filter [{string.Join(",", filter.Shape)}] does not fit input [{string.Join(",", input.Shape)}] and output [{string.Join(",", output.Shape)}]");
            StrideH = options.GetInt32("stride_h");
            StrideW = options.GetInt32("stride_w");
            if (StrideH < 1 || StrideW < 1) throw context.Fail(DiagnosticCodes.InvalidOperator, "strides must be at least 1");
            // TFLM pads as a convolution from the output back to the input would.
            PadH = ConvPadding.Before(options.Padding, StrideH, 1, OutH, FilterH);
            PadW = ConvPadding.Before(options.Padding, StrideW, 1, OutW, FilterW);
        }

        public int Batches { get; }
        public int InH { get; }
        public int InW { get; }
        public int InDepth { get; }
        public int OutH { get; }
        public int OutW { get; }
        public int OutDepth { get; }
        public int FilterH { get; }
        public int FilterW { get; }
        public int StrideH { get; }
        public int StrideW { get; }
        public int PadH { get; }
        public int PadW { get; }
        public int OutputPixels => Batches * OutH * OutW;

        /// <summary>
        /// Filter values reordered from [out_ch, h, w, in_ch] to [tap][out_ch][in_ch], so that the weights
        /// one input pixel meets through one filter tap are contiguous.
        /// </summary>
        public T[] ByTap<T>(ReadOnlySpan<T> filter)
        {
            int taps = FilterH * FilterW;
            var result = new T[filter.Length];
            for (int oc = 0; oc < OutDepth; oc++)
                for (int tap = 0; tap < taps; tap++)
                    filter.Slice((oc * taps + tap) * InDepth, InDepth).CopyTo(result.AsSpan((tap * OutDepth + oc) * InDepth, InDepth));
            return result;
        }

        /// <summary>
        /// The scatter pattern, independent of the data: a triple (input pixel, filter tap, output pixel)
        /// for every input pixel and filter tap that lands inside the output, in TFLM's loop order.
        /// </summary>
        public int[] ScatterPlan()
        {
            var plan = new System.Collections.Generic.List<int>();
            for (int b = 0; b < Batches; b++)
                for (int iy = 0; iy < InH; iy++)
                    for (int ix = 0; ix < InW; ix++)
                        for (int fy = 0; fy < FilterH; fy++)
                        {
                            int oy = iy * StrideH - PadH + fy;
                            if (oy < 0 || oy >= OutH) continue;
                            for (int fx = 0; fx < FilterW; fx++)
                            {
                                int ox = ix * StrideW - PadW + fx;
                                if (ox < 0 || ox >= OutW) continue;
                                plan.Add((b * InH + iy) * InW + ix);
                                plan.Add(fy * FilterW + fx);
                                plan.Add((b * OutH + oy) * OutW + ox);
                            }
                        }
            return plan.ToArray();
        }
    }

    /// <summary>Float TRANSPOSE_CONV with the fused activation.</summary>
    public sealed class FloatTransposeConv : PreparedOp
    {
        private readonly RuntimeTensor _input, _output;
        private readonly TransposeConvGeometry _g;
        private readonly int[] _plan;
        private readonly float[] _weights, _bias, _scratch;
        private readonly float _min, _max;

        public FloatTransposeConv(PrepareContext context, TransposeConvGeometry geometry)
        {
            _g = geometry;
            _input = context.Input(2);
            _output = context.Output(0);
            var filter = context.Input(1);
            _weights = context.Shared("weights-by-tap", () => _g.ByTap<float>(filter.As<float>()));
            _bias = QuantizedMultipliers.FloatBias(context.OptionalInput(3), _g.OutDepth, context);
            _plan = context.Shared("scatter-plan", _g.ScatterPlan);
            _scratch = new float[_g.OutputPixels * _g.OutDepth];
            (_min, _max) = FusedActivation.FloatRange(FusedActivation.Of(context));
        }

        public override void Eval()
        {
            var input = _input.As<float>();
            var output = _output.As<float>();
            Array.Clear(_scratch, 0, _scratch.Length);
            int inDepth = _g.InDepth, outDepth = _g.OutDepth;
            for (int p = 0; p < _plan.Length; p += 3)
            {
                var pixel = input.Slice(_plan[p] * inDepth, inDepth);
                var block = _weights.AsSpan(_plan[p + 1] * outDepth * inDepth, outDepth * inDepth);
                int outBase = _plan[p + 2] * outDepth;
                for (int oc = 0; oc < outDepth; oc++)
                    _scratch[outBase + oc] += Dot.Float(pixel, block.Slice(oc * inDepth, inDepth));
            }
            for (int i = 0; i < _scratch.Length; i++)
                output[i] = FixedPoint.Clamp(_scratch[i] + _bias[i % outDepth], _min, _max);
        }
    }

    /// <summary>
    /// Quantized TRANSPOSE_CONV: int8 (input offset, int32 accumulators, output offset) or int16
    /// (symmetric, int64 accumulators, 64-bit rescale), per-channel multipliers.
    /// </summary>
    public sealed class QuantizedTransposeConv : PreparedOp
    {
        private readonly RuntimeTensor _input, _output;
        private readonly TransposeConvGeometry _g;
        private readonly int[] _plan;
        private readonly short[] _weights;
        private readonly long[] _bias;
        private readonly long[] _scratch;
        private readonly short[] _pixel;
        private readonly int[] _multipliers, _shifts;
        private readonly int _inputOffset, _outputOffset, _min, _max;
        private readonly bool _int16;

        // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
        internal TransposeConvGeometry Geometry => _g;
        internal bool Int16 => _int16;
        internal long[] Bias => _bias;
        internal int[] Multipliers => _multipliers;
        internal int[] Shifts => _shifts;
        internal (int Min, int Max) Range => (_min, _max);

        public QuantizedTransposeConv(PrepareContext context, TransposeConvGeometry geometry)
        {
            _g = geometry;
            _input = context.Input(2);
            _output = context.Output(0);
            var filter = context.Input(1);
            _int16 = _input.Type == TensorType.INT16;
            (_multipliers, _shifts) = QuantizedMultipliers.PerChannel(_input, filter, _output, _g.OutDepth, context);
            var bias = context.OptionalInput(3);
            if (_int16) _bias = Int64Bias.Read(bias, _g.OutDepth, context);
            else
            {
                var bias32 = QuantizedMultipliers.Bias(bias, _g.OutDepth, context);
                _bias = Array.ConvertAll(bias32, v => (long)v);
            }
            // TFLM's int8 path ignores the filter's zero point (per-channel weights are symmetric).
            _weights = context.Shared("weights-by-tap", () => _g.ByTap<short>(WideDot.Widen(filter.As<sbyte>())));
            _plan = context.Shared("scatter-plan", _g.ScatterPlan);
            _scratch = new long[_g.OutputPixels * _g.OutDepth];
            _pixel = new short[_g.InDepth];
            _inputOffset = _int16 ? 0 : -_input.ZeroPoint;
            _outputOffset = _int16 ? 0 : _output.ZeroPoint;
            (_min, _max) = FusedActivation.QuantizedRange(FusedActivation.Of(context), _output, context);
        }

        public override void Eval()
        {
            Array.Clear(_scratch, 0, _scratch.Length);
            int inDepth = _g.InDepth, outDepth = _g.OutDepth;
            var weights = _weights.AsSpan();
            int lastPixel = -1;
            for (int p = 0; p < _plan.Length; p += 3)
            {
                int pixelIndex = _plan[p];
                if (pixelIndex != lastPixel)
                {
                    LoadPixel(pixelIndex);
                    lastPixel = pixelIndex;
                }
                var block = weights.Slice(_plan[p + 1] * outDepth * inDepth, outDepth * inDepth);
                int outBase = _plan[p + 2] * outDepth;
                for (int oc = 0; oc < outDepth; oc++)
                    _scratch[outBase + oc] += WideDot.Int16(_pixel, block.Slice(oc * inDepth, inDepth));
            }
            if (_int16)
            {
                var output = _output.As<short>();
                for (int i = 0; i < _scratch.Length; i++)
                {
                    int oc = i % outDepth;
                    int scaled = FixedPoint.MultiplyByQuantizedMultiplier(_scratch[i] + _bias[oc], _multipliers[oc], _shifts[oc]);
                    output[i] = (short)FixedPoint.Clamp(scaled, _min, _max);
                }
            }
            else
            {
                var output = _output.As<sbyte>();
                for (int i = 0; i < _scratch.Length; i++)
                {
                    int oc = i % outDepth;
                    // TFLM sums int8 products in int32 (wrapping); so does the truncation here.
                    int acc = unchecked((int)_scratch[i] + (int)_bias[oc]);
                    int scaled = FixedPoint.MultiplyByQuantizedMultiplier(acc, _multipliers[oc], _shifts[oc]) + _outputOffset;
                    output[i] = (sbyte)FixedPoint.Clamp(scaled, _min, _max);
                }
            }
        }

        private void LoadPixel(int pixelIndex)
        {
            int start = pixelIndex * _g.InDepth;
            if (_int16) _input.As<short>().Slice(start, _g.InDepth).CopyTo(_pixel);
            else
            {
                var source = _input.As<sbyte>().Slice(start, _g.InDepth);
                for (int c = 0; c < source.Length; c++) _pixel[c] = (short)(source[c] + _inputOffset);
            }
        }
    }
}
