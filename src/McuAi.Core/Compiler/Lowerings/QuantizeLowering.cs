using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>QUANTIZE float32 → int8 → <c>mcuai_quantize_f32_s8</c> with the interpreter's scale, zero point and range.</summary>
    [Lowers(BuiltinOperator.QUANTIZE)]
    public sealed class QuantizeFloatLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not QuantizeKernel.FromFloat quantize || context.Output(0).Type != TensorType.INT8) return false;
            context.Call("mcuai_quantize_f32_s8")
                .Param("count", context.Output(0).ElementCount)
                .Param("scale", quantize.Scale)
                .Param("zero_point", quantize.ZeroPoint)
                .Param("min", quantize.Range.Min).Param("max", quantize.Range.Max)
                .Input(context.Input(0)).Output(context.Output(0)).Add();
            return true;
        }
    }
}
