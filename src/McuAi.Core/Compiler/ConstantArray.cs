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
    /// lookup tables. <see cref="IsModelData"/> separates what the model file holds (trained values and their
    /// per-channel quantization) from the tables prepared per layer (for the flash figures).
    /// </summary>
    public sealed class ConstantArray
    {
        internal ConstantArray(string name, CElementType type, Array values, bool isModelData, int alignment)
        {
            Name = name;
            Type = type;
            Values = values;
            IsModelData = isModelData;
            Alignment = alignment;
        }

        /// <summary>The C name of the array (prefixed with the model symbol).</summary>
        public string Name { get; }
        public CElementType Type { get; }

        /// <summary>sbyte[], byte[], short[], int[] or float[] matching <see cref="Type"/>.</summary>
        public Array Values { get; }

        public int Count => Values.Length;
        public int ByteSize => Count * CTypes.Size(Type);
        /// <summary>
        /// True for the model's own data: weights, biases, constant tensors, and the per-channel multipliers and shifts
        /// that stand for the model's per-channel scales. False for tables prepared per layer (exp, lookup tables, block sizes).
        /// </summary>
        public bool IsModelData { get; }
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
