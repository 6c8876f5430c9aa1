using System;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>
    /// The int8 values an integer CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED computes with. INT8 filters are
    /// read as stored. INT4 filters (two values per byte, <see cref="Int4Packing"/>) are unpacked to int8 once, in
    /// Prepare, and shared by every clone: TFLM's reference kernels unpack them into a scratch buffer and then run
    /// their int8 kernel unchanged, so running the unpacked values through the int8 kernel is bit-exact with TFLM.
    /// A backend that lowers from the prepared kernels sees the tensor's type (INT4) and these unpacked values.
    /// </summary>
    public static class FilterValues
    {
        /// <summary>The filter as int8 values (INT8 or INT4 tensors; call from Prepare).</summary>
        public static ReadOnlySpan<sbyte> Int8(PrepareContext context, RuntimeTensor filter) => filter.Type switch
        {
            TensorType.INT8 => filter.As<sbyte>(),
            TensorType.INT4 => context.Shared("int4-unpacked:" + filter.Index, () => Int4Packing.Unpack(filter.Data.Span, filter.ElementCount)),
            _ => throw context.UnsupportedType(filter),
        };
    }
}
