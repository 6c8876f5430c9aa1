using System;
#if NET
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace McuAi.Interpreter.Simd
{
    /// <summary>
    /// acc[c] = Σ over taps t of input[rows[t] + c] · filter[filterRows[t] + c] for every channel c: the
    /// inner loop of depthwise convolution, with the sum of one channel block kept in a register
    /// across all taps of the window.
    /// </summary>
    public static class ChannelAccumulate
    {
        /// <summary>int32 with wrap-around, as TFLM's accumulators.</summary>
        public static unsafe void Int32(ReadOnlySpan<int> input, ReadOnlySpan<int> filter, ReadOnlySpan<int> rows, ReadOnlySpan<int> filterRows, int taps, int channels, Span<int> acc)
        {
            if (taps > rows.Length || taps > filterRows.Length || acc.Length < channels) throw new ArgumentException("too few taps or accumulators");
            for (int t = 0; t < taps; t++)
                if (rows[t] < 0 || rows[t] + channels > input.Length || filterRows[t] < 0 || filterRows[t] + channels > filter.Length)
                    throw new ArgumentOutOfRangeException(nameof(rows), "a tap lies outside the input or filter");
            fixed (int* x = input)
            fixed (int* w = filter)
            fixed (int* r = rows)
            fixed (int* fr = filterRows)
            fixed (int* a = acc)
            {
                int c = 0;
#if NET
                if (Avx2.IsSupported)
                {
                    for (; c + 8 <= channels; c += 8)
                    {
                        var sum = Vector256<int>.Zero;
                        for (int t = 0; t < taps; t++)
                            sum = Avx2.Add(sum, Avx2.MultiplyLow(Avx.LoadVector256(x + r[t] + c), Avx.LoadVector256(w + fr[t] + c)));
                        Avx.Store(a + c, sum);
                    }
                }
#endif
                for (; c < channels; c++)
                {
                    int sum = 0;
                    for (int t = 0; t < taps; t++) sum = unchecked(sum + x[r[t] + c] * w[fr[t] + c]);
                    a[c] = sum;
                }
            }
        }

        /// <summary>The same sum in float (the order of taps is TFLM's).</summary>
        public static unsafe void Float(ReadOnlySpan<float> input, ReadOnlySpan<float> filter, ReadOnlySpan<int> rows, ReadOnlySpan<int> filterRows, int taps, int channels, Span<float> acc)
        {
            if (taps > rows.Length || taps > filterRows.Length || acc.Length < channels) throw new ArgumentException("too few taps or accumulators");
            for (int t = 0; t < taps; t++)
                if (rows[t] < 0 || rows[t] + channels > input.Length || filterRows[t] < 0 || filterRows[t] + channels > filter.Length)
                    throw new ArgumentOutOfRangeException(nameof(rows), "a tap lies outside the input or filter");
            fixed (float* x = input)
            fixed (float* w = filter)
            fixed (int* r = rows)
            fixed (int* fr = filterRows)
            fixed (float* a = acc)
            {
                int c = 0;
#if NET
                if (Fma.IsSupported)
                {
                    for (; c + 8 <= channels; c += 8)
                    {
                        var sum = Vector256<float>.Zero;
                        for (int t = 0; t < taps; t++)
                            sum = Fma.MultiplyAdd(Avx.LoadVector256(x + r[t] + c), Avx.LoadVector256(w + fr[t] + c), sum);
                        Avx.Store(a + c, sum);
                    }
                }
#endif
                for (; c < channels; c++)
                {
                    float sum = 0f;
                    for (int t = 0; t < taps; t++) sum += x[r[t] + c] * w[fr[t] + c];
                    a[c] = sum;
                }
            }
        }
    }
}
