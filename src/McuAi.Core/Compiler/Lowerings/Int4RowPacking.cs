using System;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// The weight layout of <c>mcuai_conv_s4</c> (its contract, mcuai_conv_s4.h): each row padded with zero weights to a
    /// multiple of 8, each group of 8 weights w0..w7 in 4 bytes, byte j holding w_j in its low nibble and w_j+4 in its
    /// high one. Two masks make of the word w0..w3 and w4..w7 in the high nibbles of its bytes, which SXTB16 and SXTB16
    /// of the word rotated by 8 turn into the pairs [w0, w2], [w1, w3], [w4, w6], [w5, w7], each scaled by 16.
    /// </summary>
    internal static class Int4RowPacking
    {
        public static int PaddedDepth(int depth) => checked((depth + 7) / 8 * 8);

        /// <summary><paramref name="rows"/> rows of <paramref name="depth"/> values in [-8, 7] (row-major) in the kernel's layout.</summary>
        public static byte[] Pack(ReadOnlySpan<sbyte> values, int rows, int depth)
        {
            if ((long)rows * depth != values.Length) throw new ArgumentException("the values are not whole rows", nameof(values));
            int padded = PaddedDepth(depth);
            var packed = new byte[(long)rows * padded / 2];
            for (int r = 0; r < rows; r++)
                for (int k = 0; k < depth; k++)
                {
                    int group = k / 8, j = k % 8;
                    long at = ((long)r * padded + group * 8) / 2 + j % 4;
                    packed[at] |= (byte)((values[r * depth + k] & 0xF) << (j < 4 ? 0 : 4));
                }
            return packed;
        }
    }
}
