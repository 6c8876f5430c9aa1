namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// Integer helpers of TFLM's signal library with its exact results, as built by GCC (the golden
    /// data's build): bit positions and rounded integer square roots.
    /// </summary>
    public static class SignalMath
    {
        /// <summary>
        /// One more than the index of the highest set bit (1 → 1, 0x8000 → 16). For 0 this is 32, not 0:
        /// TFLM's GCC path computes 32 − clz only for non-zero values and returns 32 otherwise.
        /// </summary>
        public static uint MostSignificantBit32(uint x) => x == 0 ? 32u : 32u - (uint)LeadingZeros(x);

        /// <summary>As <see cref="MostSignificantBit32"/> for 64 bits; 0 gives 64.</summary>
        public static uint MostSignificantBit64(ulong x) =>
            x == 0 ? 64u : (x >> 32) != 0 ? 64u - (uint)LeadingZeros((uint)(x >> 32)) : 32u - (uint)LeadingZeros((uint)x);

        private static int LeadingZeros(uint x)
        {
#if NET
            return System.Numerics.BitOperations.LeadingZeroCount(x);
#else
            int n = 0;
            for (uint bit = 0x80000000u; bit != 0 && (x & bit) == 0; bit >>= 1) n++;
            return n;
#endif
        }

        /// <summary>
        /// Square root rounded to nearest, by the digit-by-digit method, saturating at 0xFFFF (the
        /// rounding step is skipped there rather than overflowing).
        /// </summary>
        public static ushort Sqrt32(uint num)
        {
            if (num == 0) return 0;
            uint result = 0;
            int topBit = (32 - (int)MostSignificantBit32(num)) | 1;
            uint bit = 1u << (31 - topBit);
            for (int iterations = (31 - topBit) / 2 + 1; iterations > 0; iterations--)
            {
                if (num >= result + bit)
                {
                    num -= result + bit;
                    result = (result >> 1) + bit;
                }
                else
                {
                    result >>= 1;
                }
                bit >>= 2;
            }
            if (num > result && result != 0xFFFF) result++;
            return (ushort)result;
        }

        /// <summary>
        /// Square root of a 64-bit value. Values below 2^32 take the 32-bit path, as in TFLM (which makes
        /// results near 2^32 off by one, a difference kept for bit-exactness). The result keeps the low 32 bits.
        /// </summary>
        public static uint Sqrt64(ulong num)
        {
            if ((num >> 32) == 0) return Sqrt32((uint)num);
            ulong result = 0;
            int topBit = (64 - (int)MostSignificantBit64(num)) | 1;
            ulong bit = 1ul << (63 - topBit);
            for (int iterations = (63 - topBit) / 2 + 1; iterations > 0; iterations--)
            {
                if (num >= result + bit)
                {
                    num -= result + bit;
                    result = (result >> 1) + bit;
                }
                else
                {
                    result >>= 1;
                }
                bit >>= 2;
            }
            if (num > result && result != 0xFFFFFFFFul) result++;
            return unchecked((uint)result);
        }
    }
}
