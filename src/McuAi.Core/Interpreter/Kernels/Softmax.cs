using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// SOFTMAX over the last dimension. float32; int8 input with int8 or int16 output, bit-exact with
    /// TFLM's fixed-point path (Q5.26 input differences, gemmlowp exp, Q12 accumulation, reciprocal).
    /// </summary>
    [KernelFor(BuiltinOperator.SOFTMAX)]
    public sealed class SoftmaxKernel : IKernel
    {
        private const int ScaledDiffIntegerBits = 5;
        private const int AccumulationIntegerBits = 12;

        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (input.Rank < 1 || input.ElementCount != output.ElementCount || input.Shape[input.Rank - 1] != output.Shape[output.Rank - 1])
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"input [{string.Join(",", input.Shape)}] and output [{string.Join(",", output.Shape)}] do not match");
            float beta = context.RequireOptions().GetFloat("beta");
            int depth = input.Shape[input.Rank - 1];
            return (input.Type, output.Type) switch
            {
                (TensorType.FLOAT32, TensorType.FLOAT32) => new FloatOp(input, output, depth, beta),
                (TensorType.INT8, TensorType.INT8) or (TensorType.INT8, TensorType.INT16) => new QuantizedOp(context, input, output, depth, beta),
                _ => throw context.UnsupportedType(input.Type is TensorType.FLOAT32 or TensorType.INT8 ? output : input),
            };
        }

        internal sealed class FloatOp : PreparedOp
        {
            private readonly RuntimeTensor _input;
            private readonly RuntimeTensor _output;
            private readonly int _depth;
            private readonly float _beta;

            internal int Depth => _depth;
            internal float Beta => _beta;

            public FloatOp(RuntimeTensor input, RuntimeTensor output, int depth, float beta)
            {
                _input = input;
                _output = output;
                _depth = depth;
                _beta = beta;
            }

            public override void Eval()
            {
                var input = _input.As<float>();
                var output = _output.As<float>();
                for (int row = 0; row + _depth <= input.Length; row += _depth)
                {
                    float max = float.MinValue;
                    for (int c = 0; c < _depth; c++) max = Math.Max(max, input[row + c]);
                    float sum = 0f;
                    for (int c = 0; c < _depth; c++)
                    {
                        float e = (float)Math.Exp((input[row + c] - max) * _beta);
                        output[row + c] = e;
                        sum += e;
                    }
                    for (int c = 0; c < _depth; c++) output[row + c] /= sum;
                }
            }
        }

        internal sealed class QuantizedOp : PreparedOp
        {
            private readonly RuntimeTensor _input;
            private readonly RuntimeTensor _output;
            private readonly int _depth;
            private readonly int _multiplier;
            private readonly int _leftShift;
            private readonly int _diffMin;
            private readonly bool _int16Output;

            // What the C backend's lowering reads: the row length, the cut-off, and exp() of a difference (for its table).
            internal int Depth => _depth;
            internal int DiffMin => _diffMin;
            internal bool Int16Output => _int16Output;

            public QuantizedOp(PrepareContext context, RuntimeTensor input, RuntimeTensor output, int depth, float beta)
            {
                QuantizedMultipliers.RequireQuantized(input, context);
                _input = input;
                _output = output;
                _depth = depth;
                _int16Output = output.Type == TensorType.INT16;
                // TFLite's PreprocessSoftmaxScaling: beta × input scale as a Q5.26 multiplier, capped below 2^31.
                double real = Math.Min((double)beta * input.Scale * (1 << (31 - ScaledDiffIntegerBits)), (1L << 31) - 1.0);
                if (!(real > 1.0))
                    throw context.Fail(DiagnosticCodes.InvalidOperator, $"beta × input scale = {(double)beta * input.Scale:G6} is too small for the fixed-point softmax");
                (_multiplier, _leftShift) = FixedPoint.QuantizeMultiplierGreaterThanOne(real);
                // TFLite's CalculateInputRadius: differences below −radius give exp ≈ 0 and are skipped.
                double radius = ((1 << ScaledDiffIntegerBits) - 1) * (double)(1L << (31 - ScaledDiffIntegerBits)) / (1L << _leftShift);
                _diffMin = -(int)Math.Floor(radius);
            }

            public override void Eval()
            {
                var input = _input.As<sbyte>();
                int outputMin = _int16Output ? short.MinValue : sbyte.MinValue;
                int outputMax = _int16Output ? short.MaxValue : sbyte.MaxValue;
                int outputBits = _int16Output ? 16 : 8;
                var output8 = _int16Output ? default : _output.As<sbyte>();
                var output16 = _int16Output ? _output.As<short>() : default;
                for (int row = 0; row + _depth <= input.Length; row += _depth)
                {
                    int max = sbyte.MinValue;
                    for (int c = 0; c < _depth; c++) max = Math.Max(max, input[row + c]);
                    int sumOfExps = 0;
                    for (int c = 0; c < _depth; c++)
                    {
                        int diff = input[row + c] - max;
                        if (diff >= _diffMin)
                            sumOfExps = unchecked(sumOfExps + GemmlowpMath.Rescale(Exp(diff), 0, AccumulationIntegerBits));
                    }
                    int scale = GemmlowpMath.GetReciprocal(sumOfExps, AccumulationIntegerBits, out int bitsOverUnit);
                    int exponent = bitsOverUnit + 31 - outputBits;
                    for (int c = 0; c < _depth; c++)
                    {
                        int diff = input[row + c] - max;
                        int value = outputMin;
                        if (diff >= _diffMin)
                        {
                            int unsaturated = FixedPoint.RoundingDivideByPOT(FixedPoint.SaturatingRoundingDoublingHighMul(scale, Exp(diff)), exponent);
                            value = FixedPoint.Clamp(unsaturated + outputMin, outputMin, outputMax);
                        }
                        if (_int16Output) output16[row + c] = (short)value;
                        else output8[row + c] = (sbyte)value;
                    }
                }
            }

            internal int Exp(int diff) =>
                GemmlowpMath.ExpOnNegativeValues(FixedPoint.MultiplyByQuantizedMultiplierGreaterThanOne(diff, _multiplier, _leftShift), ScaledDiffIntegerBits);
        }
    }
}
