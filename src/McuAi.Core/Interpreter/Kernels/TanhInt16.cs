using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>TANH with int16 input and output (16x8 quantization): <see cref="Int16SigmoidOp"/>.</summary>
    [KernelFor(BuiltinOperator.TANH)]
    public sealed class TanhInt16Kernel : ISpecializedKernel
    {
        public bool Accepts(PrepareContext context) => context.Inputs.Length > 0 && context.Inputs[0] is { Type: TensorType.INT16 };

        public PreparedOp Prepare(PrepareContext context) => new Int16SigmoidOp(context, tanh: true);
    }
}
