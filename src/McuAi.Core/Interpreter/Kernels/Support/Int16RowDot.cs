using System;
using McuAi.Interpreter.Simd;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// One output of a fully-connected layer over int16 activation rows (the 16x8 FULLY_CONNECTED and the
    /// integer LSTM's gates): Σ (w + weight_offset)(x + input_offset) + bias, accumulated as TFLM does in
    /// wrapping int32 (int32 bias) or in int64 (int64 bias), then rescaled with the matching
    /// MultiplyByQuantizedMultiplier (double rounding for int32, the 16-bit single rounding for int64).
    /// The input offset is folded into the bias once (<see cref="FoldInputOffset"/>), so rows are used as
    /// they are: Σ w'(x + o) = Σ w'x + o·Σ w', exact in int64 and modulo 2^32 in wrapping int32.
    /// </summary>
    public static class Int16RowDot
    {
        /// <summary>bias[c] + offset · Σ_d weights[c, d] for every output c (weights already carry their offset).</summary>
        public static long[] FoldInputOffset(long[] bias, short[] weights, int depth, int offset)
        {
            var result = new long[bias.Length];
            for (int c = 0; c < bias.Length; c++)
            {
                long sum = 0;
                for (int d = 0; d < depth; d++) sum += weights[c * depth + d];
                result[c] = bias[c] + offset * sum;
            }
            return result;
        }

        /// <summary>The rescaled accumulator of one row and one weight row (before output offset and clamp).</summary>
        public static int Scaled(ReadOnlySpan<short> row, ReadOnlySpan<short> weights, long foldedBias, int multiplier, int shift, bool int64Accumulator) =>
            int64Accumulator
                ? FixedPoint.MultiplyByQuantizedMultiplier(WideDot.Int16(row, weights) + foldedBias, multiplier, shift)
                : FixedPoint.MultiplyByQuantizedMultiplier(unchecked(Dot.Int16(row, weights) + (int)foldedBias), multiplier, shift);
    }
}
