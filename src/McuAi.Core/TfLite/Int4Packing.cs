using System;

namespace McuAi.TfLite
{
    /// <summary>
    /// TFLite's INT4 tensor data: two signed 4-bit values per byte, element 2i in the low nibble and
    /// element 2i+1 in the high nibble, an odd count leaving the last high nibble 0. This is the layout
    /// TFLM's <c>UnpackDenseInt4IntoInt8</c> (tensorflow/lite/kernels/internal/portable_tensor_utils.cc)
    /// reads: it sign-extends the low nibble (shift left 4, arithmetic shift right 4) and the high nibble
    /// (arithmetic shift right 4).
    /// </summary>
    public static class Int4Packing
    {
        /// <summary>Smallest and largest value a signed nibble holds.</summary>
        public const int Min = -8, Max = 7;

        /// <summary>Bytes that <paramref name="count"/> packed values take.</summary>
        public static int PackedLength(long count) => checked((int)((count + 1) / 2));

        /// <summary>Packs values in [-8, 7]; throws for a value outside that range.</summary>
        public static byte[] Pack(ReadOnlySpan<sbyte> values)
        {
            var packed = new byte[PackedLength(values.Length)];
            for (int i = 0; i < values.Length; i++)
            {
                int v = values[i];
                if (v < Min || v > Max) throw new ArgumentOutOfRangeException(nameof(values), $"value {v} at {i} does not fit in 4 bits");
                packed[i / 2] |= (byte)((v & 0xF) << (i % 2 * 4));
            }
            return packed;
        }

        /// <summary>The <paramref name="count"/> values of packed INT4 data, sign-extended to int8 as TFLM does.</summary>
        public static sbyte[] Unpack(ReadOnlySpan<byte> packed, long count)
        {
            if (count < 0 || PackedLength(count) > packed.Length)
                throw new ArgumentException($"{packed.Length} bytes cannot hold {count} INT4 values", nameof(packed));
            var values = new sbyte[count];
            for (int i = 0; i < values.Length; i++)
            {
                int b = packed[i / 2];
                values[i] = i % 2 == 0 ? (sbyte)((sbyte)(b << 4) >> 4) : (sbyte)((sbyte)b >> 4);
            }
            return values;
        }
    }
}
