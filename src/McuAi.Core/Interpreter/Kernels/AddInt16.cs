using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// ADD with int16 activations (16x8 quantization), bit-exact with TFLM: TFLM's reference ADD always
    /// takes the general rescaling path for int16 (never the power-of-two one), with a 15-bit left shift
    /// and multipliers computed in double.
    /// </summary>
    [KernelFor(BuiltinOperator.ADD)]
    public sealed class AddInt16Kernel : ISpecializedKernel
    {
        public bool Accepts(PrepareContext context) =>
            context.Outputs.Length == 1 && context.Outputs[0].Type == TensorType.INT16;

        public PreparedOp Prepare(PrepareContext context) => new QuantizedAddSubOp(context, subtract: false, multipliersInFloat: false);
    }
}
