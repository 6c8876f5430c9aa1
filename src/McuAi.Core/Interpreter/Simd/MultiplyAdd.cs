using System;
#if NET
using System.Numerics;
#endif

namespace McuAi.Interpreter.Simd
{
    /// <summary>Element-wise accumulate: acc[i] += a[i] · b[i] (the channel loop of depthwise convolution).</summary>
    public static class MultiplyAdd
    {
        /// <summary>int32 with wrap-around, as TFLM's accumulators.</summary>
        public static void Int32(Span<int> acc, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
        {
            int i = 0;
#if NET
            if (Vector.IsHardwareAccelerated)
            {
                for (; i <= acc.Length - Vector<int>.Count; i += Vector<int>.Count)
                {
                    var sum = new Vector<int>(acc.Slice(i)) + new Vector<int>(a.Slice(i)) * new Vector<int>(b.Slice(i));
                    sum.CopyTo(acc.Slice(i));
                }
            }
#endif
            for (; i < acc.Length; i++) acc[i] = unchecked(acc[i] + a[i] * b[i]);
        }

        public static void Float(Span<float> acc, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            int i = 0;
#if NET
            if (Vector.IsHardwareAccelerated)
            {
                for (; i <= acc.Length - Vector<float>.Count; i += Vector<float>.Count)
                {
                    var sum = Vector.FusedMultiplyAdd(new Vector<float>(a.Slice(i)), new Vector<float>(b.Slice(i)), new Vector<float>(acc.Slice(i)));
                    sum.CopyTo(acc.Slice(i));
                }
            }
#endif
            for (; i < acc.Length; i++) acc[i] += a[i] * b[i];
        }
    }
}
