using System;
using McuAi.Interpreter.Simd;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// Dot products of int16 activations with int8 weights (widened to int16) for the 16x8 kernels,
    /// which accumulate in int64 as TFLM does. The vectorised int32 dot is exact for up to 256 products
    /// of |x| ≤ 32768 and |w| ≤ 128 (each below 2^22), so longer rows are summed in chunks of 256.
    /// </summary>
    public static class WideDot
    {
        private const int Chunk = 256;

        public static long Int16(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
        {
            int n = Math.Min(a.Length, b.Length);
            if (n <= Chunk) return Dot.Int16(a.Slice(0, n), b.Slice(0, n));
            long sum = 0;
            for (int i = 0; i < n; i += Chunk)
            {
                int len = Math.Min(Chunk, n - i);
                sum += Dot.Int16(a.Slice(i, len), b.Slice(i, len));
            }
            return sum;
        }

        /// <summary>int8 values widened to int16 with an offset added (done once for constant weights).</summary>
        public static short[] Widen(ReadOnlySpan<sbyte> values, int offset = 0)
        {
            var result = new short[values.Length];
            for (int i = 0; i < values.Length; i++) result[i] = (short)(values[i] + offset);
            return result;
        }
    }
}
