using System;

namespace McuAi.Memory
{
    /// <summary>Turns the planned minimum into the figure firmware reserves.</summary>
    public static class ArenaSizing
    {
        /// <summary>
        /// The default safety margin, in percent. The planner replays TFLM's allocations and matches
        /// TFLM's real minimum to the byte for the kernels it models; what it cannot see is a different
        /// TFLM version (op-data structs gain fields: CMSIS-NN's fully-connected op data grew by 16 bytes
        /// per operator between releases) or a kernel it does not model. Those drifts are well under
        /// 5 % of any real model's arena, so 5 % covers them without wasting RAM.
        /// </summary>
        public const double DefaultMarginPercent = 5.0;

        /// <summary>
        /// <paramref name="estimate"/> plus <paramref name="marginPercent"/> percent, rounded up to a
        /// multiple of 16 bytes (TFLM aligns the arena to 16 and wastes any remainder).
        /// </summary>
        public static long ApplyMargin(long estimate, double marginPercent = DefaultMarginPercent)
        {
            if (estimate < 0) throw new ArgumentOutOfRangeException(nameof(estimate), estimate, "an arena size cannot be negative");
            if (double.IsNaN(marginPercent) || marginPercent < 0 || marginPercent > 1000)
                throw new ArgumentOutOfRangeException(nameof(marginPercent), marginPercent, "the margin must be between 0 and 1000 percent");
            double withMargin = Math.Ceiling(estimate * (1 + marginPercent / 100.0));
            return (long)Math.Ceiling(withMargin / 16.0) * 16;
        }
    }
}
