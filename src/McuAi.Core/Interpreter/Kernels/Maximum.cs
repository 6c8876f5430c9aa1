using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>MAXIMUM: element-wise max of two tensors with broadcasting (float32, int8, int16, int32, int64).</summary>
    [KernelFor(BuiltinOperator.MAXIMUM)]
    public sealed class MaximumKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context) => new ElementwiseMinMax(context, maximum: true);
    }
}
