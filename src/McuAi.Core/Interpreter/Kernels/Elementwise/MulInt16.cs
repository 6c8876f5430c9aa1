using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>MUL with int16 inputs and output (16x8 quantization): <see cref="MulInt16"/>.</summary>
    [KernelFor(BuiltinOperator.MUL)]
    public sealed class MulInt16Kernel : ISpecializedKernel
    {
        public bool Accepts(PrepareContext context) => context.Inputs.Length > 0 && context.Inputs[0] is { Type: TensorType.INT16 };

        public PreparedOp Prepare(PrepareContext context) => new MulInt16(context);
    }

    /// <summary>
    /// TFLM's int16 MUL: zero points must be 0; the product of the two int16 values is rescaled by
    /// input1_scale × input2_scale / output_scale (the 32-bit double-rounding multiply) and clamped;
    /// broadcasting as the other binary ops.
    /// </summary>
    public sealed class MulInt16 : PreparedOp
    {
        private readonly RuntimeTensor _a, _b, _output;
        private readonly Broadcast _broadcast;

        public MulInt16(PrepareContext context)
        {
            _a = context.Input(0);
            _b = context.Input(1);
            _output = context.Output(0);
            if (_b.Type != TensorType.INT16) throw context.UnsupportedType(_b);
            if (_output.Type != TensorType.INT16) throw context.UnsupportedType(_output);
            foreach (var t in new[] { _a, _b, _output }) QuantizedMultipliers.RequireQuantized(t, context);
            if (_a.ZeroPoint != 0 || _b.ZeroPoint != 0 || _output.ZeroPoint != 0)
                throw context.Fail(DiagnosticCodes.InvalidOperator, "int16 MUL needs zero points of 0, as TFLM does");
            _broadcast = Broadcast.Create(context, _a, _b, _output);
            (Multiplier, Shift) = FixedPoint.QuantizeMultiplier((double)_a.Scale * _b.Scale / _output.Scale);
            (Min, Max) = FusedActivation.QuantizedRange(FusedActivation.Of(context), _output, context);
        }

        public int Multiplier { get; }
        public int Shift { get; }
        public int Min { get; }
        public int Max { get; }

        public override void Eval()
        {
            var a = _a.As<short>();
            var b = _b.As<short>();
            var output = _output.As<short>();
            var indexA = _broadcast.IndexA;
            var indexB = _broadcast.IndexB;
            for (int i = 0; i < _broadcast.Count; i++)
            {
                int product = a[indexA is null ? i : indexA[i]] * b[indexB is null ? i : indexB[i]];
                output[i] = (short)FixedPoint.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(product, Multiplier, Shift), Min, Max);
            }
        }
    }
}
