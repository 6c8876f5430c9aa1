using System;
using System.Buffers.Binary;
using McuAi.TfLite;

namespace McuAi.Data
{
    /// <summary>
    /// A NumPy dtype descriptor of the simple form <c>&lt;byte order&gt;&lt;kind&gt;&lt;size&gt;</c> (<c>&lt;f4</c>, <c>|u1</c>, <c>&lt;i8</c>, <c>|b1</c>).
    /// Multi-byte data must be little-endian; the NumPy kinds f, i, u and b are numeric data we can use.
    /// </summary>
    internal sealed class NpyDType
    {
        private NpyDType(char kind, int itemSize, TensorType? tensorType)
        {
            Kind = kind;
            ItemSize = itemSize;
            TensorType = tensorType;
        }

        /// <summary>NumPy's kind character: f float, i signed, u unsigned, b bool.</summary>
        public char Kind { get; }
        public int ItemSize { get; }
        public TensorType? TensorType { get; }

        /// <summary>Why a descriptor is not readable, or null when <see cref="Parse"/> accepts it.</summary>
        public static string? Problem(string descr)
        {
            if (descr.Length < 2) return $"dtype '{descr}' is not a simple NumPy type";
            char order = descr[0];
            char kind = descr[1];
            if (!int.TryParse(descr.Substring(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size))
                return kind == 'O' ? "object arrays (dtype 'O') hold Python objects, not numbers"
                                   : $"dtype '{descr}' is not a numeric NumPy type";
            if (order == '>' && size > 1)
                return $"dtype '{descr}' is big-endian; save the array as little-endian (arr.astype('<{kind}{size}'))";
            if (order != '<' && order != '|' && !(size == 1 && (order == '>' || order == '=')))
                return $"dtype '{descr}' has byte order '{order}'; save the array as little-endian";
            return Create(kind, size) is null ? $"dtype '{descr}' is not a numeric type McuAi.Build reads (float16/32/64, int8-64, uint8-64, bool)" : null;
        }

        /// <summary>The dtype, or null when <see cref="Problem"/> reports one.</summary>
        public static NpyDType? Parse(string descr) => Problem(descr) is null ? Create(descr[1], int.Parse(descr.Substring(2), System.Globalization.CultureInfo.InvariantCulture)) : null;

        private static NpyDType? Create(char kind, int size) => (kind, size) switch
        {
            ('f', 2) => new NpyDType(kind, size, TfLite.TensorType.FLOAT16),
            ('f', 4) => new NpyDType(kind, size, TfLite.TensorType.FLOAT32),
            ('f', 8) => new NpyDType(kind, size, TfLite.TensorType.FLOAT64),
            ('i', 1) => new NpyDType(kind, size, TfLite.TensorType.INT8),
            ('i', 2) => new NpyDType(kind, size, TfLite.TensorType.INT16),
            ('i', 4) => new NpyDType(kind, size, TfLite.TensorType.INT32),
            ('i', 8) => new NpyDType(kind, size, TfLite.TensorType.INT64),
            ('u', 1) => new NpyDType(kind, size, TfLite.TensorType.UINT8),
            ('u', 2) => new NpyDType(kind, size, TfLite.TensorType.UINT16),
            ('u', 4) => new NpyDType(kind, size, TfLite.TensorType.UINT32),
            ('u', 8) => new NpyDType(kind, size, TfLite.TensorType.UINT64),
            ('b', 1) => new NpyDType(kind, size, TfLite.TensorType.BOOL),
            _ => null,
        };

        public float[] ToFloat32(byte[] data, int count)
        {
            var result = new float[count];
            if (Kind == 'f' && ItemSize == 4 && BitConverter.IsLittleEndian)
            {
                System.Buffer.BlockCopy(data, 0, result, 0, count * 4); // the common case: a straight copy
                return result;
            }
            var span = data.AsSpan();
            for (int i = 0; i < count; i++)
            {
                var e = span.Slice(i * ItemSize, ItemSize);
                result[i] = (Kind, ItemSize) switch
                {
                    ('f', 2) => HalfToSingle(BinaryPrimitives.ReadUInt16LittleEndian(e)),
                    ('f', 4) => FlatBuffers.BitConverterCompat.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(e)),
                    ('f', 8) => (float)BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(e)),
                    ('i', 1) => (sbyte)e[0],
                    ('i', 2) => BinaryPrimitives.ReadInt16LittleEndian(e),
                    ('i', 4) => BinaryPrimitives.ReadInt32LittleEndian(e),
                    ('i', 8) => BinaryPrimitives.ReadInt64LittleEndian(e),
                    ('u', 1) => e[0],
                    ('u', 2) => BinaryPrimitives.ReadUInt16LittleEndian(e),
                    ('u', 4) => BinaryPrimitives.ReadUInt32LittleEndian(e),
                    ('u', 8) => BinaryPrimitives.ReadUInt64LittleEndian(e),
                    _ => e[0] != 0 ? 1f : 0f,
                };
            }
            return result;
        }

        /// <summary>IEEE 754 binary16 to binary32 (netstandard2.0 has no System.Half).</summary>
        internal static float HalfToSingle(ushort h)
        {
            int sign = (h >> 15) & 1;
            int exponent = (h >> 10) & 0x1F;
            int mantissa = h & 0x3FF;
            float magnitude;
            if (exponent == 0) magnitude = mantissa * (1f / (1 << 24));          // subnormal: m × 2^-24
            else if (exponent == 31) magnitude = mantissa == 0 ? float.PositiveInfinity : float.NaN;
            else magnitude = (1f + mantissa / 1024f) * (float)Math.Pow(2, exponent - 15);
            return sign == 1 ? -magnitude : magnitude;
        }

        internal static void SwapInPlace(byte[] bytes, int itemSize)
        {
            for (int i = 0; i < bytes.Length; i += itemSize) Array.Reverse(bytes, i, itemSize);
        }
    }
}
