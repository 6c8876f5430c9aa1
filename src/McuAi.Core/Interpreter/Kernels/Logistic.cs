using System;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// LOGISTIC (sigmoid). Float32 (TFLM's cut-offs: 1 above 16.62, exp(x) below −9); int8 bit-exact with
    /// TFLM (output zero point −128, scale 1/256): Q4.27 input, gemmlowp's fixed-point logistic, rounding
    /// shift to 8 bits. int16 (a lookup table in TFLM) is not implemented and gives a coded error.
    /// </summary>
    [KernelFor(BuiltinOperator.LOGISTIC)]
    public sealed class LogisticKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (input.Type != output.Type) throw context.UnsupportedType(output);
            context.RequireSameElementCount(input, output);
            switch (input.Type)
            {
                case TensorType.FLOAT32:
                    return new FloatLogistic(input, output);
                case TensorType.INT8:
                    QuantizedMultipliers.RequireQuantized(input, context);
                    if (output.ZeroPoint != sbyte.MinValue)
                        throw context.Fail(Diagnostics.DiagnosticCodes.InvalidOperator, $"int8 LOGISTIC needs an output zero point of -128, not {output.ZeroPoint}");
                    return new Int8SigmoidOp<LogisticCurve>(input, output);
                default:
                    throw context.UnsupportedType(input);
            }
        }

        private sealed class FloatLogistic : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;

            public FloatLogistic(RuntimeTensor input, RuntimeTensor output) => (_input, _output) = (input, output);

            public override void Eval()
            {
                var x = _input.As<float>();
                var y = _output.As<float>();
                for (int i = 0; i < y.Length; i++) y[i] = FloatSigmoid.Of(x[i]);
            }
        }

        private readonly struct LogisticCurve : ISigmoidCurve
        {
            // Q0.31 to 8 fractional bits, then the fixed output zero point of −128.
            public int ToOutput(int q4Input) =>
                FixedPoint.RoundingDivideByPOT(GemmlowpMath.Logistic(q4Input, SigmoidInputScaling.InputIntegerBits), 23) - 128;
        }
    }
}
