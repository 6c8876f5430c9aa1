using System;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// TANH. Float32; int8 bit-exact with TFLM (output scale 1/128, zero point 0 assumed as TFLM does):
    /// Q4.27 input, gemmlowp's fixed-point tanh, rounding shift to 7 fractional bits. int16 (a lookup
    /// table in TFLM) is not implemented and gives a coded error.
    /// </summary>
    [KernelFor(BuiltinOperator.TANH)]
    public sealed class TanhKernel : IKernel
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
                    return new FloatTanh(input, output);
                case TensorType.INT8:
                    QuantizedMultipliers.RequireQuantized(input, context);
                    return new Int8SigmoidOp<TanhCurve>(input, output);
                default:
                    throw context.UnsupportedType(input);
            }
        }

        private sealed class FloatTanh : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;

            public FloatTanh(RuntimeTensor input, RuntimeTensor output) => (_input, _output) = (input, output);

            public override void Eval()
            {
                var x = _input.As<float>();
                var y = _output.As<float>();
                for (int i = 0; i < y.Length; i++) y[i] = (float)Math.Tanh(x[i]);
            }
        }

        private readonly struct TanhCurve : ISigmoidCurve
        {
            // Q0.31 to 7 fractional bits (output scale 1/128, zero point 0).
            public int ToOutput(int q4Input) =>
                FixedPoint.RoundingDivideByPOT(GemmlowpMath.Tanh(q4Input, SigmoidInputScaling.InputIntegerBits), 24);
        }
    }
}
