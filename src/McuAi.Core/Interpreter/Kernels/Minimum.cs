using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>MINIMUM: element-wise min of two tensors with broadcasting (float32, int8, int16, int32, int64).</summary>
    [KernelFor(BuiltinOperator.MINIMUM)]
    public sealed class MinimumKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context) => new ElementwiseMinMax(context, maximum: false);
    }
}
