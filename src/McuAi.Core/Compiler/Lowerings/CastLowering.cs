using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// CAST. Between integer types of one size (int32 ↔ uint32, int8 ↔ uint8, ...) the bits do not change: the output is a
    /// view of the input (no call, no copy). Otherwise <c>mcuai_cast</c> (C's conversions, as the interpreter's CAST).
    /// </summary>
    [Lowers(BuiltinOperator.CAST)]
    public sealed class CastLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            var (input, output) = (context.Input(0), context.Output(0));
            int? from = Code(input.Type), to = Code(output.Type);
            if (from is null || to is null || input.ElementCount != output.ElementCount) return false;
            if (IsInteger(input.Type) && IsInteger(output.Type) && input.ByteSize == output.ByteSize)
            {
                context.Alias(output, input);
                return true;
            }
            context.Call("mcuai_cast")
                .Param("count", output.ElementCount)
                .Param("from", from.Value).Param("to", to.Value)
                .Input(input).Output(output).Add();
            return true;
        }

        private static bool IsInteger(TensorType type) => type is TensorType.INT8 or TensorType.UINT8 or TensorType.INT16 or TensorType.UINT16
            or TensorType.INT32 or TensorType.UINT32 or TensorType.INT64;

        /// <summary>MCUAI_CAST_* of mcuai_cast.h, or null for a type the kernel lacks.</summary>
        private static int? Code(TensorType type) => type switch
        {
            TensorType.INT8 => 0,
            TensorType.UINT8 => 1,
            TensorType.INT16 => 2,
            TensorType.UINT16 => 3,
            TensorType.INT32 => 4,
            TensorType.UINT32 => 5,
            TensorType.INT64 => 6,
            TensorType.BOOL => 7,
            TensorType.FLOAT32 => 8,
            _ => null,
        };
    }
}
