using System;

namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// TFLM's fixed-point natural logarithm (signal/src/log.cc): log2 from the position of the top bit
    /// plus a fraction from a 128-segment table with linear interpolation, converted to ln and scaled.
    /// </summary>
    public static class IntegerLog
    {
        private const int ScaleLog2 = 16;
        private const int SegmentsLog2 = 7;
        /// <summary>ln(2) in Q16, rounded: 0.693147 · 65536.</summary>
        private const uint Ln2 = 45426;

        /// <summary>
        /// The correction log2(1 + f) − f in Q16 at f = i / 128, i = 0..128, plus a zero pad entry: the
        /// table TFLM ships, which is exactly this formula rounded to nearest (no value lies near a tie).
        /// </summary>
        private static readonly ushort[] s_correction = CreateCorrectionTable();

        private static ushort[] CreateCorrectionTable()
        {
            int segments = 1 << SegmentsLog2;
            var table = new ushort[segments + 2];
            for (int i = 0; i <= segments; i++)
            {
                double f = (double)i / segments;
                table[i] = (ushort)Math.Round((1 << ScaleLog2) * (Math.Log(1 + f) / Math.Log(2) - f));
            }
            return table;
        }

        /// <summary>Entries of the correction table (the C backend copies them all).</summary>
        public static int CorrectionLength => s_correction.Length;

        /// <summary>Entry <paramref name="i"/> of the correction table (for tests and the C backend).</summary>
        public static int Correction(int i) => s_correction[i];

        /// <summary>
        /// round(ln(x) · outScale) in TFLM's integer arithmetic, for x ≥ 2. The final product
        /// outScale · ln wraps in 32 bits, as TFLM's uint32 multiplication does.
        /// </summary>
        public static uint Log32(uint x, uint outScale)
        {
            uint integer = SignalMath.MostSignificantBit32(x) - 1;
            uint fraction = Log2Fraction(x, integer);
            uint log2 = unchecked((integer << ScaleLog2) + fraction);
            const uint round = 1u << (ScaleLog2 - 1);
            uint ln = (uint)((Ln2 * (ulong)log2 + round) >> ScaleLog2);
            return unchecked(outScale * ln + round) >> ScaleLog2;
        }

        /// <summary>The fractional part of log2(x) in Q16, given the integer part <paramref name="log2x"/>.</summary>
        private static uint Log2Fraction(uint x, uint log2x)
        {
            int fraction = unchecked((int)(x - (1L << (int)log2x)));
            if (log2x < ScaleLog2) fraction <<= ScaleLog2 - (int)log2x;
            else fraction >>= (int)log2x - ScaleLog2;
            int segment = fraction >> (ScaleLog2 - SegmentsLog2);
            const int segmentWidth = (1 << ScaleLog2) >> SegmentsLog2;
            int c0 = s_correction[segment];
            int c1 = s_correction[segment + 1];
            // Arithmetic shift: a falling segment (c1 < c0) rounds towards minus infinity, as in TFLM.
            int interpolated = (c1 - c0) * (fraction - segmentWidth * segment) >> ScaleLog2;
            return unchecked((uint)(fraction + c0 + interpolated));
        }
    }
}
