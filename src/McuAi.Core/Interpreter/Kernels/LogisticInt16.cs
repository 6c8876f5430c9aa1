using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>LOGISTIC with int16 input and output (16x8 quantization): <see cref="Int16SigmoidOp"/>.</summary>
    [KernelFor(BuiltinOperator.LOGISTIC)]
    public sealed class LogisticInt16Kernel : ISpecializedKernel
    {
        public bool Accepts(PrepareContext context) => context.Inputs.Length > 0 && context.Inputs[0] is { Type: TensorType.INT16 };

        public PreparedOp Prepare(PrepareContext context) => new Int16SigmoidOp(context, tanh: false);
    }
}
