using System;
using System.Linq;
using McuAi.TfLite;

namespace McuAi.Data
{
    /// <summary>
    /// One NumPy array as stored in a <c>.npy</c> file: its dtype descriptor, shape and raw
    /// little-endian, C-order bytes. Only numeric and boolean dtypes are ever created (see <see cref="NpyFile"/>).
    /// </summary>
    public sealed class NpyArray
    {
        public NpyArray(string dtype, int[] shape, byte[] data)
        {
            DType = dtype ?? throw new ArgumentNullException(nameof(dtype));
            Shape = shape ?? throw new ArgumentNullException(nameof(shape));
            Data = data ?? throw new ArgumentNullException(nameof(data));
            Element = NpyDType.Parse(dtype) ?? throw new ArgumentException($"unsupported dtype '{dtype}'", nameof(dtype));
            long expected = ElementCount * Element.ItemSize;
            if (expected != data.Length)
                throw new ArgumentException($"shape ({string.Join(",", shape)}) of {dtype} needs {expected} bytes, got {data.Length}", nameof(data));
        }

        /// <summary>The NumPy descriptor as written in the file, e.g. <c>&lt;f4</c>, <c>|i1</c>.</summary>
        public string DType { get; }

        /// <summary>Dimensions, outermost first; empty for a scalar.</summary>
        public int[] Shape { get; }

        /// <summary>The elements: little-endian, C order (last dimension fastest).</summary>
        public byte[] Data { get; }

        internal NpyDType Element { get; }

        /// <summary>The matching TFLite tensor type, or null when TFLite has none (e.g. float64 maps to FLOAT64, bool to BOOL).</summary>
        public TensorType? ElementType => Element.TensorType;

        /// <summary>Product of the shape (1 for a scalar).</summary>
        public long ElementCount => Shape.Aggregate(1L, (n, d) => checked(n * d));

        /// <summary>True for float16/32/64 data.</summary>
        public bool IsFloat => Element.Kind == 'f';

        /// <summary>The elements converted to float32 (float64 is rounded, integers and bools are converted exactly where representable).</summary>
        public float[] ToFloat32() => Element.ToFloat32(Data, checked((int)ElementCount));

        /// <summary>A float32 array (<c>&lt;f4</c>) of the given shape.</summary>
        public static NpyArray FromFloat32(float[] values, params int[] shape)
        {
            var bytes = new byte[checked(values.Length * 4)];
            System.Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            if (!BitConverter.IsLittleEndian) NpyDType.SwapInPlace(bytes, 4);
            return new NpyArray("<f4", shape, bytes);
        }

        public override string ToString() => $"{DType}[{string.Join(",", Shape)}]";
    }
}
