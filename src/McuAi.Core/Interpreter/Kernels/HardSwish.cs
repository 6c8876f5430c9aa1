using System;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// HARD_SWISH: x · relu6(x + 3) / 6. Float32; int8 bit-exact with TFLM's 16-bit fixed-point path:
    /// the input on a 2^7-finer scale is rescaled to the output ("preshift") and, separately, to a
    /// "relu-ish" factor in [0, 1] (3.0 ↔ 32768, saturating), the two multiplied with a truncating
    /// doubling high multiply, then shifted to the output scale. Multipliers are reduced to 16 bits.
    /// </summary>
    [KernelFor(BuiltinOperator.HARD_SWISH)]
    public sealed class HardSwishKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (input.Type != output.Type) throw context.UnsupportedType(output);
            context.RequireSameElementCount(input, output);
            return input.Type switch
            {
                TensorType.FLOAT32 => new FloatHardSwish(input, output),
                TensorType.INT8 => new Int8HardSwish(context),
                _ => throw context.UnsupportedType(input),
            };
        }

        private sealed class FloatHardSwish : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;

            public FloatHardSwish(RuntimeTensor input, RuntimeTensor output) => (_input, _output) = (input, output);

            public override void Eval()
            {
                var x = _input.As<float>();
                var y = _output.As<float>();
                for (int i = 0; i < y.Length; i++)
                {
                    float v = x[i];
                    y[i] = v * Math.Min(6f, Math.Max(0f, v + 3f)) / 6f;
                }
            }
        }

        private sealed class Int8HardSwish : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;
            private readonly int _inputZeroPoint, _outputZeroPoint;
            private readonly short _outputMultiplier, _reluishMultiplier;
            private readonly int _outputExponent, _reluishExponent;

            public Int8HardSwish(PrepareContext context)
            {
                _input = context.Input(0);
                _output = context.Output(0);
                QuantizedMultipliers.RequireQuantized(_input, context);
                QuantizedMultipliers.RequireQuantized(_output, context);
                _inputZeroPoint = _input.ZeroPoint;
                _outputZeroPoint = _output.ZeroPoint;
                float hiresInputScale = (1.0f / 128.0f) * _input.Scale;
                const float reluishScale = 3.0f / 32768.0f;
                int m;
                (m, _outputExponent) = FixedPoint.QuantizeMultiplier(hiresInputScale / _output.Scale);
                _outputMultiplier = DownScale(m);
                if (_outputExponent > 0)
                    throw context.Fail(Diagnostics.DiagnosticCodes.InvalidOperator,
                        "the output scale is too small for the input scale (TFLM requires input_scale / 128 ≤ output_scale)");
                (m, _reluishExponent) = FixedPoint.QuantizeMultiplier(hiresInputScale / reluishScale);
                _reluishMultiplier = DownScale(m);
            }

            /// <summary>TFLite's DownScaleInt32ToInt16Multiplier: round a Q31 multiplier to Q15, saturating.</summary>
            private static short DownScale(int multiplier) =>
                multiplier >= int.MaxValue - (1 << 15) ? short.MaxValue : (short)((multiplier + (1 << 15)) >> 16);

            /// <summary>gemmlowp's 16-bit SaturatingRoundingDoublingHighMul.</summary>
            private static short RoundingHighMul(short a, short b)
            {
                if (a == short.MinValue && b == short.MinValue) return short.MaxValue;
                int ab = a * b;
                int nudge = ab >= 0 ? 1 << 14 : 1 - (1 << 14);
                return unchecked((short)((ab + nudge) / (1 << 15)));
            }

            /// <summary>TFLite's SaturatingDoublingHighMul: like the above, truncating toward zero.</summary>
            private static short TruncatingHighMul(short a, short b)
            {
                if (a == short.MinValue && b == short.MinValue) return short.MaxValue;
                return unchecked((short)(a * b / (1 << 15)));
            }

            private static short SaturatingLeftShift(short value, int amount)
            {
                long result = (long)value * (1L << amount);
                return (short)Math.Max(short.MinValue, Math.Min(short.MaxValue, result));
            }

            private short Compute(int raw)
            {
                short hires = unchecked((short)((raw - _inputZeroPoint) * (1 << 7)));
                short preshiftOutput = RoundingHighMul(hires, _outputMultiplier);
                short reluish = hires;
                if (_reluishExponent > 0) reluish = SaturatingLeftShift(reluish, _reluishExponent - 1);
                reluish = RoundingHighMul(reluish, _reluishMultiplier);
                if (_reluishExponent > 0) reluish = SaturatingLeftShift(reluish, 1);
                if (_reluishExponent < 0) reluish = (short)FixedPoint.RoundingDivideByPOT(reluish, -_reluishExponent);
                // From [-1, 1] to [0, 1] in Q0.15.
                reluish = (short)((reluish + (1 << 15)) >> 1);
                short preshift = TruncatingHighMul(reluish, preshiftOutput);
                int value = unchecked((short)(FixedPoint.RoundingDivideByPOT(preshift, -_outputExponent) + _outputZeroPoint));
                return (short)FixedPoint.Clamp(value, sbyte.MinValue, sbyte.MaxValue);
            }

            public override void Eval()
            {
                var x = _input.As<sbyte>();
                var y = _output.As<sbyte>();
                for (int i = 0; i < y.Length; i++) y[i] = (sbyte)Compute(x[i]);
            }
        }
    }
}
