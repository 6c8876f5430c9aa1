using System;

namespace McuAi.Compiler
{
    /// <summary>The C element types of constant arrays and tensors.</summary>
    public enum CElementType
    {
        Int8,
        UInt8,
        Int16,
        Int32,
        Float32,
    }

    /// <summary>
    /// A constant array in flash that a layer reads: weights, biases, per-channel multipliers and shifts,
    /// lookup tables. <see cref="IsWeights"/> separates the model's trained values from the prepared
    /// per-layer data (for the flash figures).
    /// </summary>
    public sealed class ConstantArray
    {
        internal ConstantArray(string name, CElementType type, Array values, bool isWeights, int alignment)
        {
            Name = name;
            Type = type;
            Values = values;
            IsWeights = isWeights;
            Alignment = alignment;
        }

        /// <summary>The C name of the array (prefixed with the model symbol).</summary>
        public string Name { get; }
        public CElementType Type { get; }

        /// <summary>sbyte[], byte[], short[], int[] or float[] matching <see cref="Type"/>.</summary>
        public Array Values { get; }

        public int Count => Values.Length;
        public int ByteSize => Count * CTypes.Size(Type);
        public bool IsWeights { get; }
        public int Alignment { get; }
    }

    /// <summary>C spellings and sizes of <see cref="CElementType"/> and of the model's tensor types.</summary>
    public static class CTypes
    {
        public static string Name(CElementType type) => type switch
        {
            CElementType.Int8 => "int8_t",
            CElementType.UInt8 => "uint8_t",
            CElementType.Int16 => "int16_t",
            CElementType.Int32 => "int32_t",
            _ => "float",
        };

        public static int Size(CElementType type) => type switch
        {
            CElementType.Int8 or CElementType.UInt8 => 1,
            CElementType.Int16 => 2,
            _ => 4,
        };

        /// <summary>The C element type of a tensor type, or null when the C runtime has none for it.</summary>
        public static CElementType? Of(TfLite.TensorType type) => type switch
        {
            TfLite.TensorType.INT8 => CElementType.Int8,
            TfLite.TensorType.UINT8 => CElementType.UInt8,
            TfLite.TensorType.INT16 => CElementType.Int16,
            TfLite.TensorType.INT32 => CElementType.Int32,
            TfLite.TensorType.FLOAT32 => CElementType.Float32,
            _ => null,
        };
    }
}
