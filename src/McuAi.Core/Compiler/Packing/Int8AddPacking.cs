using System;
using McuAi.Interpreter;

namespace McuAi.Compiler.Packing
{
    /// <summary>
    /// The fast form of an int8 ADD/SUB (mcuai_add_s8.h): each input term is SMMLAR((x + offset) · 2^L, 2·m) and,
    /// for a shift below zero, a rounding right shift; the output stage is the fast form of
    /// <see cref="Int8RescalePacking"/> with the zero point in the nudge.
    /// </summary>
    public sealed record Int8AddFastForm(int AMultiplier2, int ARightShift, int BMultiplier2, int BRightShift,
        int OutputMultiplier2, int OutputShift, int OutputNudge);

    /// <summary>
    /// Decides whether TFLite's int8 ADD/SUB arithmetic (three double-rounding MultiplyByQuantizedMultiplier per
    /// element) can run in its fast form with the same results for every pair of int8 inputs, and prepares it.
    /// </summary>
    public static class Int8AddPacking
    {
        /// <summary>The fast form, or null when some step is not provably exact (then the kernel keeps TFLite's arithmetic).</summary>
        public static Int8AddFastForm? FastForm(int leftShift, int outputZeroPoint, (int Multiplier, int Shift) a, (int Multiplier, int Shift) b,
            (int Multiplier, int Shift) output, bool subtract)
        {
            // (x + offset) is within ±255 for int8 x and an int8 zero point; shifted left it must stay far from 2^31.
            if (leftShift < 0 || leftShift > 22) return null;
            long input = 255L << leftShift;
            if (!InputTermIsExact(a) || !InputTermIsExact(b)) return null;
            // The largest |term| either input gives (the rescale is monotonic: the extremes are at ±input).
            long TermMax((int Multiplier, int Shift) m) => Math.Max(
                Math.Abs((long)FixedPoint.MultiplyByQuantizedMultiplier((int)input, m.Multiplier, m.Shift)),
                Math.Abs((long)FixedPoint.MultiplyByQuantizedMultiplier((int)-input, m.Multiplier, m.Shift)));
            long raw = TermMax(a) + TermMax(b);
            _ = subtract; // |a − b| and |a + b| have the same bound
            if (raw >= 1L << 30 || !Int8RescalePacking.FastFormIsExact(output.Multiplier, output.Shift, outputZeroPoint, raw)) return null;
            int s = -output.Shift - 1;
            return new Int8AddFastForm(unchecked(a.Multiplier * 2), -a.Shift, unchecked(b.Multiplier * 2), -b.Shift,
                unchecked(output.Multiplier * 2), s, (int)((1L + 2L * outputZeroPoint) << s));
        }

        /// <summary>
        /// SMMLAR(X, 2m, X) is the rounded doubling high product for a Q31 multiplier in [2^30, 2^31); a right shift of
        /// 0..31 then needs no more than |X| + 2^30 &lt; 2^31, which the left-shifted int8 difference keeps.
        /// </summary>
        private static bool InputTermIsExact((int Multiplier, int Shift) m) => m.Multiplier >= 1 << 30 && m.Shift <= 0 && m.Shift >= -31;
    }
}
