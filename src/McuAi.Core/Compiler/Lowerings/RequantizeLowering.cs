using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// QUANTIZE between integer types with int16 or int32 on either side (int16 → int8, int8 → int16, int16 ↔ int32...)
    /// → <c>mcuai_requantize</c> with the interpreter's prepared multiplier, shift and zero points; in place between tensors of
    /// one type. (8-bit → 8-bit is a lookup table: <see cref="LookupTableLowering"/>.)
    /// </summary>
    [Lowers(BuiltinOperator.QUANTIZE)]
    public sealed class RequantizeLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not QuantizeIntegerKernel.Requantize op) return false;
            var (input, output) = (context.Input(0), context.Output(0));
            var call = context.Call("mcuai_requantize")
                .Param("count", output.ElementCount)
                .Param("input_bytes", CTypes.Size(CTypes.Of(input.Type)!.Value)).Param("output_bytes", CTypes.Size(CTypes.Of(output.Type)!.Value))
                .Param("input_zero_point", op.ZeroPoints.Input).Param("output_zero_point", op.ZeroPoints.Output)
                .Param("multiplier", op.Rescale.Multiplier).Param("shift", op.Rescale.Shift)
                .Param("min", op.Range.Min).Param("max", op.Range.Max)
                .Input(input).Output(output);
            InPlace.OverFirstInputOfSameSize(call, input, output).Add();
            return true;
        }
    }
}
