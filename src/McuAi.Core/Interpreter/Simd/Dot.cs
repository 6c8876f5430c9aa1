using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace McuAi.Interpreter.Simd
{
    /// <summary>
    /// Dot products, the inner loop of FULLY_CONNECTED and CONV_2D. Integer kernels feed int16 values
    /// (int8 data plus its offset, so no product or pair sum overflows) and accumulate in int32 with
    /// wrap-around, which gives TFLM's result whatever the summation order. AVX2 where available,
    /// System.Numerics vectors elsewhere on .NET, a scalar loop on netstandard2.0.
    /// </summary>
    public static class Dot
    {
        /// <summary>Σ a[i]·b[i] in int32 (wrapping) over the shorter length.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Int16(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
        {
            int n = Math.Min(a.Length, b.Length);
            int i = 0;
            int sum = 0;
#if NET
            ref short pa = ref MemoryMarshal.GetReference(a);
            ref short pb = ref MemoryMarshal.GetReference(b);
            if (Avx2.IsSupported && n >= 16)
            {
                var acc0 = Vector256<int>.Zero;
                var acc1 = Vector256<int>.Zero;
                for (; i <= n - 32; i += 32)
                {
                    acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(
                        Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i)));
                    acc1 = Avx2.Add(acc1, Avx2.MultiplyAddAdjacent(
                        Vector256.LoadUnsafe(ref pa, (nuint)(i + 16)), Vector256.LoadUnsafe(ref pb, (nuint)(i + 16))));
                }
                for (; i <= n - 16; i += 16)
                    acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(
                        Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i)));
                sum = Vector256.Sum(Avx2.Add(acc0, acc1));
            }
            else if (Vector.IsHardwareAccelerated && n >= Vector<short>.Count)
            {
                var acc = Vector<int>.Zero;
                for (; i <= n - Vector<short>.Count; i += Vector<short>.Count)
                {
                    Vector.Widen(Vector.LoadUnsafe(ref pa, (nuint)i), out var aLo, out var aHi);
                    Vector.Widen(Vector.LoadUnsafe(ref pb, (nuint)i), out var bLo, out var bHi);
                    acc += aLo * bLo + aHi * bHi;
                }
                sum = Vector.Sum(acc);
            }
#endif
            for (; i < n; i++) sum = unchecked(sum + a[i] * b[i]);
            return sum;
        }

        /// <summary>Σ a[i]·b[i] in float over the shorter length (the order differs from TFLM's; see docs).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Float(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            int n = Math.Min(a.Length, b.Length);
            int i = 0;
            float sum = 0f;
#if NET
            ref float pa = ref MemoryMarshal.GetReference(a);
            ref float pb = ref MemoryMarshal.GetReference(b);
            if (Vector256.IsHardwareAccelerated && n >= 8)
            {
                var acc0 = Vector256<float>.Zero;
                var acc1 = Vector256<float>.Zero;
                for (; i <= n - 16; i += 16)
                {
                    acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i), acc0);
                    acc1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)(i + 8)), Vector256.LoadUnsafe(ref pb, (nuint)(i + 8)), acc1);
                }
                for (; i <= n - 8; i += 8)
                    acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i), acc0);
                sum = Vector256.Sum(acc0 + acc1);
            }
#endif
            for (; i < n; i++) sum += a[i] * b[i];
            return sum;
        }
    }
}
