namespace McuAi.TfLite
{
    /// <summary>Element type of a tensor, with the schema's names.</summary>
    public enum TensorType : sbyte
    {
        FLOAT32 = 0,
        FLOAT16 = 1,
        INT32 = 2,
        UINT8 = 3,
        INT64 = 4,
        STRING = 5,
        BOOL = 6,
        INT16 = 7,
        COMPLEX64 = 8,
        INT8 = 9,
        FLOAT64 = 10,
        COMPLEX128 = 11,
        UINT64 = 12,
        RESOURCE = 13,
        VARIANT = 14,
        UINT32 = 15,
        UINT16 = 16,
        INT4 = 17,
        BFLOAT16 = 18,
    }

    public enum Padding : sbyte
    {
        SAME = 0,
        VALID = 1,
    }

    public enum ActivationFunctionType : sbyte
    {
        NONE = 0,
        RELU = 1,
        RELU_N1_TO_1 = 2,
        RELU6 = 3,
        TANH = 4,
        SIGN_BIT = 5,
    }

    public enum CustomOptionsFormat : sbyte
    {
        FLEXBUFFERS = 0,
    }

    public static class TensorTypeExtensions
    {
        /// <summary>Bytes per element, or 0 for types without a fixed size (STRING, RESOURCE, VARIANT, INT4 packs two per byte).</summary>
        public static int ElementSize(this TensorType type) => type switch
        {
            TensorType.FLOAT32 => 4,
            TensorType.FLOAT16 => 2,
            TensorType.BFLOAT16 => 2,
            TensorType.INT32 => 4,
            TensorType.UINT32 => 4,
            TensorType.UINT8 => 1,
            TensorType.INT8 => 1,
            TensorType.BOOL => 1,
            TensorType.INT64 => 8,
            TensorType.UINT64 => 8,
            TensorType.INT16 => 2,
            TensorType.UINT16 => 2,
            TensorType.COMPLEX64 => 8,
            TensorType.FLOAT64 => 8,
            TensorType.COMPLEX128 => 16,
            _ => 0,
        };

        public static bool IsFloat(this TensorType type) =>
            type is TensorType.FLOAT32 or TensorType.FLOAT16 or TensorType.FLOAT64 or TensorType.BFLOAT16;

        /// <summary>The tensor's byte size for <paramref name="elementCount"/> elements (INT4 packs two per byte).</summary>
        public static long ByteSize(this TensorType type, long elementCount) =>
            type == TensorType.INT4 ? (elementCount + 1) / 2 : elementCount * type.ElementSize();
    }
}
