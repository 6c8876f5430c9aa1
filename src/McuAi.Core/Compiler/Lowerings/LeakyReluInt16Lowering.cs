using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// LEAKY_RELU on int16 → <c>mcuai_leaky_relu_s16</c> with the interpreter's two prepared multipliers (identity and alpha);
    /// in place. (8-bit LEAKY_RELU is a lookup table: <see cref="LookupTableLowering"/>.)
    /// </summary>
    [Lowers(BuiltinOperator.LEAKY_RELU)]
    public sealed class LeakyReluInt16Lowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not LeakyReluKernel.QuantizedLeakyRelu op || context.Output(0).Type != TensorType.INT16) return false;
            context.Call("mcuai_leaky_relu_s16")
                .Param("count", context.Output(0).ElementCount)
                .Param("input_zero_point", op.ZeroPoints.Input).Param("output_zero_point", op.ZeroPoints.Output)
                .Param("identity_multiplier", op.Identity.Multiplier).Param("identity_shift", op.Identity.Shift)
                .Param("alpha_multiplier", op.Alpha.Multiplier).Param("alpha_shift", op.Alpha.Shift)
                .Param("alpha_negative", op.AlphaNegative)
                .Param("act_min", op.Range.Min).Param("act_max", op.Range.Max)
                .Input(context.Input(0)).Output(context.Output(0)).InPlace().Add();
            return true;
        }
    }
}
