using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// CONV_2D with int16 activations, int8 per-channel weights and int64 (or int32) bias (16x8
    /// quantization), bit-exact with TFLM: products summed in int64, bias added, rescaled per channel
    /// with the 64-bit single-rounding multiply; activations are symmetric, so no offsets.
    /// Grouped convolution (input depth a multiple of the filter depth) is supported as in TFLM.
    /// </summary>
    [KernelFor(BuiltinOperator.CONV_2D)]
    public sealed class Conv2DInt16Kernel : ISpecializedKernel
    {
        public bool Accepts(PrepareContext context) =>
            context.Inputs.Length > 0 && context.Inputs[0] is { Type: TensorType.INT16 };

        public PreparedOp Prepare(PrepareContext context) => new Conv2DInt16(context);
    }

    public sealed class Conv2DInt16 : PreparedOp
    {
        private readonly RuntimeTensor _input, _output;
        private readonly short[] _weights;
        private readonly long[] _bias;
        private readonly int[] _multipliers, _shifts;
        private readonly int _min, _max;
        private readonly int _batches, _inH, _inW, _inDepth, _outH, _outW, _outDepth;
        private readonly int _filterH, _filterW, _filterDepth, _filtersPerGroup;
        private readonly int _strideH, _strideW, _dilationH, _dilationW, _padH, _padW;

        // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
        internal (int Batches, int InH, int InW, int InDepth, int OutH, int OutW, int OutDepth) Shape => (_batches, _inH, _inW, _inDepth, _outH, _outW, _outDepth);
        internal (int FilterH, int FilterW, int FilterDepth) Filter => (_filterH, _filterW, _filterDepth);
        internal (int StrideH, int StrideW, int DilationH, int DilationW, int PadH, int PadW) Window => (_strideH, _strideW, _dilationH, _dilationW, _padH, _padW);
        internal long[] Bias => _bias;
        internal int[] Multipliers => _multipliers;
        internal int[] Shifts => _shifts;
        internal (int Min, int Max) Range => (_min, _max);

        public Conv2DInt16(PrepareContext context)
        {
            _input = context.Input(0);
            var filter = context.Input(1);
            var bias = context.OptionalInput(2);
            _output = context.Output(0);
            if (filter.Type != TensorType.INT8) throw context.UnsupportedType(filter);
            if (_output.Type != TensorType.INT16) throw context.UnsupportedType(_output);
            if (_input.Rank != 4 || filter.Rank != 4 || _output.Rank != 4)
                throw context.Fail(DiagnosticCodes.InvalidOperator, "input, filter and output must have 4 dimensions");
            QuantizedMultipliers.RequireConstant(filter, context);
            var options = context.RequireOptions();
            (_batches, _inH, _inW, _inDepth) = (_input.Shape[0], _input.Shape[1], _input.Shape[2], _input.Shape[3]);
            (_outH, _outW, _outDepth) = (_output.Shape[1], _output.Shape[2], _output.Shape[3]);
            (_filterH, _filterW, _filterDepth) = (filter.Shape[1], filter.Shape[2], filter.Shape[3]);
            // An input depth of 0 would make 0 groups (TFLM divides by it): refused with the other misfits.
            if (filter.Shape[0] != _outDepth || _filterDepth <= 0 || _inDepth <= 0 || _inDepth % _filterDepth != 0 || _output.Shape[0] != _batches)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"filter [{string.Join(",", filter.Shape)}] does not fit input [{string.Join(",", _input.Shape)}] and output [{string.Join(",", _output.Shape)}]");
            int groups = _inDepth / _filterDepth;
            if (_outDepth % groups != 0)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"{_outDepth} output channels do not split into {groups} groups");
            _filtersPerGroup = _outDepth / groups;
            _strideH = options.GetInt32("stride_h");
            _strideW = options.GetInt32("stride_w");
            _dilationH = options.GetInt32("dilation_h_factor");
            _dilationW = options.GetInt32("dilation_w_factor");
            if (_strideH < 1 || _strideW < 1 || _dilationH < 1 || _dilationW < 1)
                throw context.Fail(DiagnosticCodes.InvalidOperator, "strides and dilations must be at least 1");
            _padH = ConvPadding.Before(options.Padding, _strideH, _dilationH, _inH, _filterH);
            _padW = ConvPadding.Before(options.Padding, _strideW, _dilationW, _inW, _filterW);
            (_multipliers, _shifts) = QuantizedMultipliers.PerChannel(_input, filter, _output, _outDepth, context);
            _bias = Int64Bias.Read(bias, _outDepth, context);
            _weights = context.Shared("weights-int16", () => WideDot.Widen(filter.As<sbyte>()));
            (_min, _max) = FusedActivation.QuantizedRange(FusedActivation.Of(context), _output, context);
        }

        public override void Eval()
        {
            var input = _input.As<short>();
            var output = _output.As<short>();
            var weights = _weights.AsSpan();
            int filterRow = _filterW * _filterDepth;
            int filterSize = _filterH * filterRow;
            for (int b = 0; b < _batches; b++)
                for (int oy = 0; oy < _outH; oy++)
                {
                    int inY0 = oy * _strideH - _padH;
                    for (int ox = 0; ox < _outW; ox++)
                    {
                        int inX0 = ox * _strideW - _padW;
                        int outBase = ((b * _outH + oy) * _outW + ox) * _outDepth;
                        for (int oc = 0; oc < _outDepth; oc++)
                        {
                            int channelBase = oc / _filtersPerGroup * _filterDepth;
                            long acc = 0;
                            for (int fy = 0; fy < _filterH; fy++)
                            {
                                int inY = inY0 + _dilationH * fy;
                                if (inY < 0 || inY >= _inH) continue;
                                int rowBase = (b * _inH + inY) * _inW;
                                var filterRowSpan = weights.Slice(oc * filterSize + fy * filterRow, filterRow);
                                if (_dilationW == 1 && _filterDepth == _inDepth)
                                {
                                    // Valid filter columns form one contiguous run of input pixels: one dot product.
                                    int fx0 = Math.Max(0, -inX0);
                                    int fx1 = Math.Min(_filterW, _inW - inX0);
                                    if (fx1 <= fx0) continue;
                                    acc += WideDot.Int16(
                                        input.Slice((rowBase + inX0 + fx0) * _inDepth, (fx1 - fx0) * _inDepth),
                                        filterRowSpan.Slice(fx0 * _filterDepth, (fx1 - fx0) * _filterDepth));
                                    continue;
                                }
                                for (int fx = 0; fx < _filterW; fx++)
                                {
                                    int inX = inX0 + _dilationW * fx;
                                    if (inX < 0 || inX >= _inW) continue;
                                    acc += WideDot.Int16(
                                        input.Slice((rowBase + inX) * _inDepth + channelBase, _filterDepth),
                                        filterRowSpan.Slice(fx * _filterDepth, _filterDepth));
                                }
                            }
                            acc += _bias[oc];
                            int scaled = FixedPoint.MultiplyByQuantizedMultiplier(acc, _multipliers[oc], _shifts[oc]);
                            output[outBase + oc] = (short)FixedPoint.Clamp(scaled, _min, _max);
                        }
                    }
                }
        }
    }
}
