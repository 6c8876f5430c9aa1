using System;
using System.Collections.Generic;

namespace McuAi.Simplification
{
    /// <summary>
    /// The block-sparse form in which a backend can store a pruned weight tensor and skip its zero blocks: the tensor
    /// is read as rows of its last dimension (a FULLY_CONNECTED's [outputs, depth] has one row per output; a CONV_2D's
    /// OHWI filter one per output channel and tap, along the input channels; a DEPTHWISE_CONV_2D's [1, H, W, C] one per
    /// tap, along the channels), each cut into blocks of <see cref="BlockSize"/> values (the last one shorter when the
    /// row length is not a multiple). A bitmap (row-major, one bit per block, bit i of byte i / 8 holding block i,
    /// least significant first) marks the blocks that hold a non-zero value; <see cref="Values"/> holds those blocks
    /// in row-major order, each at its own length. TFLM does not read this form; it is the C backend's input.
    /// </summary>
    public sealed class SparseWeightLayout
    {
        private SparseWeightLayout(int rows, int rowLength, int blockSize, byte[] bitmap, sbyte[] values, int nonZeroBlocks)
        {
            Rows = rows;
            RowLength = rowLength;
            BlockSize = blockSize;
            Bitmap = bitmap;
            Values = values;
            NonZeroBlocks = nonZeroBlocks;
        }

        public int Rows { get; }
        public int RowLength { get; }
        public int BlockSize { get; }
        public int BlocksPerRow => (RowLength + BlockSize - 1) / BlockSize;
        public int TotalBlocks => Rows * BlocksPerRow;
        public int NonZeroBlocks { get; }
        public byte[] Bitmap { get; }
        /// <summary>The values of the non-zero blocks, row-major (int8; an INT4 tensor's values unpacked).</summary>
        public sbyte[] Values { get; }

        /// <summary>Bytes of the dense form with <paramref name="bitsPerValue"/> bits per value (8 for int8, 4 for INT4).</summary>
        public long DenseBytes(int bitsPerValue) => ((long)Rows * RowLength * bitsPerValue + 7) / 8;

        /// <summary>Bytes of the sparse form: the bitmap and the non-zero blocks' values at <paramref name="bitsPerValue"/> bits.</summary>
        public long SparseBytes(int bitsPerValue) => Bitmap.Length + ((long)Values.Length * bitsPerValue + 7) / 8;

        /// <summary>Builds the layout of <paramref name="values"/> (C order) whose last dimension has <paramref name="rowLength"/> values.</summary>
        public static SparseWeightLayout Build(ReadOnlySpan<sbyte> values, int rowLength, int blockSize)
        {
            if (rowLength <= 0 || values.Length % rowLength != 0) throw new ArgumentException("the values are not whole rows", nameof(rowLength));
            if (blockSize <= 0) throw new ArgumentOutOfRangeException(nameof(blockSize));
            int rows = values.Length / rowLength;
            int perRow = (rowLength + blockSize - 1) / blockSize;
            var bitmap = new byte[((long)rows * perRow + 7) / 8];
            var kept = new List<sbyte>();
            int nonZero = 0;
            for (int r = 0; r < rows; r++)
                for (int b = 0; b < perRow; b++)
                {
                    int start = r * rowLength + b * blockSize;
                    int length = Math.Min(blockSize, rowLength - b * blockSize);
                    var block = values.Slice(start, length);
                    bool any = false;
                    foreach (sbyte v in block) any |= v != 0;
                    if (!any) continue;
                    int index = r * perRow + b;
                    bitmap[index / 8] |= (byte)(1 << (index % 8));
                    foreach (sbyte v in block) kept.Add(v);
                    nonZero++;
                }
            return new SparseWeightLayout(rows, rowLength, blockSize, bitmap, kept.ToArray(), nonZero);
        }

        /// <summary>Whether block <paramref name="block"/> of row <paramref name="row"/> is stored (has a non-zero value).</summary>
        public bool IsStored(int row, int block)
        {
            int index = row * BlocksPerRow + block;
            return (Bitmap[index / 8] & (1 << (index % 8))) != 0;
        }
    }
}
