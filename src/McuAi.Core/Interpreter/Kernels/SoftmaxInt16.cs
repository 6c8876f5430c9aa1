using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>SOFTMAX with int16 input and output (16x8 quantization): <see cref="SoftmaxInt16"/>.</summary>
    [KernelFor(BuiltinOperator.SOFTMAX)]
    public sealed class SoftmaxInt16Kernel : ISpecializedKernel
    {
        public bool Accepts(PrepareContext context) => context.Inputs.Length > 0 && context.Inputs[0] is { Type: TensorType.INT16 };

        public PreparedOp Prepare(PrepareContext context) => new SoftmaxInt16(context);
    }

    /// <summary>
    /// TFLM's int16 SOFTMAX (reference_ops::SoftmaxInt16): each difference from the row's maximum is
    /// rescaled so that [−65535, 0] spans [−10, 0] and looked up in an interpolated exp table; the sum of
    /// exps (Q16.15) is normalised by its leading zeros and inverted through a 1/(1 + x) table; each exp
    /// times the reciprocal, rounded, is the Q0.15 output. Both tables are built in Prepare as TFLite
    /// builds them (<see cref="Int16Lut"/>).
    /// </summary>
    public sealed class SoftmaxInt16 : PreparedOp
    {
        private readonly RuntimeTensor _input, _output;
        private readonly int _depth;

        public SoftmaxInt16(PrepareContext context)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            if (_output.Type != TensorType.INT16) throw context.UnsupportedType(_output);
            if (_input.Rank < 1 || _input.ElementCount != _output.ElementCount || _input.Dim(-1) != _output.Dim(-1))
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"input [{string.Join(",", _input.Shape)}] and output [{string.Join(",", _output.Shape)}] do not match");
            QuantizedMultipliers.RequireQuantized(_input, context);
            QuantizedMultipliers.RequireQuantized(_output, context);
            if (_input.ZeroPoint != 0 || _output.ZeroPoint != 0)
                throw context.Fail(DiagnosticCodes.InvalidOperator, "int16 SOFTMAX needs zero points of 0, as TFLM does");
            if (Math.Abs(_output.Scale - 1f / 32768) > 0.001f / 32768)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"int16 SOFTMAX needs an output scale of 1/32768, not {_output.Scale:G6}");
            _depth = _input.Dim(-1);
            float beta = context.RequireOptions().GetFloat("beta");
            (InputMultiplier, InputShift) = FixedPoint.QuantizeMultiplier((double)_input.Scale * beta / (10.0 / 65535.0));
            const float range = 65535;
            ExpTable = context.Shared("softmax-exp-lut", () => Int16Lut.Populate(10f / range, short.MaxValue, 2f / range, 0, x => (float)Math.Exp(x)));
            ReciprocalTable = context.Shared("softmax-reciprocal-lut", () => Int16Lut.Populate(1f / range, short.MinValue, 2f / range, 0, x => 1f / (1f + x)));
        }

        public int InputMultiplier { get; }
        public int InputShift { get; }
        /// <summary>exp over [−10, 0], indexed by the recentred scaled difference.</summary>
        public short[] ExpTable { get; }
        /// <summary>1/(1 + x) over [0, 1], indexed by the recentred normalised sum.</summary>
        public short[] ReciprocalTable { get; }

        public override void Eval()
        {
            var input = _input.As<short>();
            var output = _output.As<short>();
            for (int row = 0; row + _depth <= input.Length; row += _depth)
            {
                int max = short.MinValue;
                for (int c = 0; c < _depth; c++) max = Math.Max(max, input[row + c]);
                int sum = 0;
                for (int c = 0; c < _depth; c++)
                {
                    int scaled = FixedPoint.MultiplyByQuantizedMultiplier(input[row + c] - max, InputMultiplier, InputShift);
                    short exp = Int16Lut.Lookup(FixedPoint.Clamp(scaled + 32767, short.MinValue, short.MaxValue), ExpTable);
                    output[row + c] = exp;
                    sum += exp;
                }
                int headroomPlusOne = GemmlowpMath.CountLeadingZeros((uint)sum);
                int shiftedSum = (int)((((long)sum << (headroomPlusOne - 1)) + (1 << 13)) >> 14);
                // 1/(1 + x) needs x = sum − 1, recentred from [0, 65535] to [−32768, 32767].
                int symmetric = FixedPoint.Clamp(shiftedSum - ((1 << 15) + (1 << 16)), short.MinValue, short.MaxValue);
                long reciprocal = Int16Lut.Lookup(symmetric, ReciprocalTable);
                int rightShift = 31 - headroomPlusOne;
                long round = 1L << (rightShift - 1);
                for (int c = 0; c < _depth; c++)
                {
                    int result = (int)((output[row + c] * reciprocal + round) >> rightShift);
                    output[row + c] = (short)FixedPoint.Clamp(result, 0, short.MaxValue);
                }
            }
        }
    }
}
