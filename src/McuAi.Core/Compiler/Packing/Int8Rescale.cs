using System;

namespace McuAi.Compiler.Packing
{
    /// <summary>
    /// The per-channel output stage of an int8 weighted layer (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED)
    /// as the C runtime's <c>mcuai_rescale_s8</c> reads it. <see cref="Int8RescalePacking"/> builds it.
    /// </summary>
    public sealed class Int8Rescale
    {
        /// <summary>C constant MCUAI_RESCALE_EXACT: TFLite's MultiplyByQuantizedMultiplier as written.</summary>
        public const int Exact = 0;

        /// <summary>C constant MCUAI_RESCALE_FAST: SMMLAR form (see mcuai_rescale_s8.h).</summary>
        public const int Fast = 1;

        /// <summary>C flag MCUAI_RESCALE_CLAMP: the activation range is narrower than int8.</summary>
        public const int Clamp = 2;

        internal Int8Rescale(int mode, int[] multipliers, sbyte[] shifts, int outputZeroPoint, int activationMin, int activationMax)
        {
            Mode = mode;
            Multipliers = multipliers;
            Shifts = shifts;
            OutputZeroPoint = outputZeroPoint;
            ActivationMin = activationMin;
            ActivationMax = activationMax;
        }

        /// <summary><see cref="Fast"/> or <see cref="Exact"/>, with <see cref="Clamp"/> when set.</summary>
        public int Mode { get; }

        public bool IsFast => (Mode & Fast) != 0;

        /// <summary>Per channel: 2·multiplier wrapped to int32 (fast) or TFLite's multiplier (exact).</summary>
        public int[] Multipliers { get; }

        /// <summary>Per channel: −shift − 1 (fast, 0..30) or TFLite's shift (exact).</summary>
        public sbyte[] Shifts { get; }

        public int OutputZeroPoint { get; }
        public int ActivationMin { get; }
        public int ActivationMax { get; }
    }

    /// <summary>
    /// Chooses and prepares the output stage of an int8 weighted layer. The fast form computes, with one
    /// SMMLAR and four simple instructions, exactly what TFLite's double-rounding
    /// MultiplyByQuantizedMultiplier computes, but only when (1) every channel's shift is negative (a real
    /// multiplier below 0.5, as trained layers have), and (2) the rounding nudge, which also carries the
    /// output zero point, cannot overflow 32 bits for any accumulator the layer can produce. Otherwise the
    /// layer keeps TFLite's arithmetic as written. Both give TFLM's bytes; the choice only changes speed.
    /// </summary>
    public static class Int8RescalePacking
    {
        /// <param name="multipliers">TFLite's per-channel Q31 multipliers (QuantizeMultiplier).</param>
        /// <param name="shifts">TFLite's per-channel shifts (positive = left).</param>
        /// <param name="accumulatorBounds">Per channel, a bound on |accumulator + bias| over every input
        /// (<see cref="Int8WeightPacking"/> computes it from the weights and the bias).</param>
        public static Int8Rescale Pack(int[] multipliers, int[] shifts, int outputZeroPoint, int activationMin, int activationMax, long[] accumulatorBounds)
        {
            if (multipliers is null) throw new ArgumentNullException(nameof(multipliers));
            if (shifts is null) throw new ArgumentNullException(nameof(shifts));
            if (accumulatorBounds is null) throw new ArgumentNullException(nameof(accumulatorBounds));
            int channels = multipliers.Length;
            if (shifts.Length != channels || accumulatorBounds.Length != channels)
                throw new ArgumentException($"{channels} multipliers, {shifts.Length} shifts and {accumulatorBounds.Length} bounds: one of each per channel is needed");
            if (activationMin < sbyte.MinValue || activationMax > sbyte.MaxValue || activationMin > activationMax)
                throw new ArgumentOutOfRangeException(nameof(activationMin), $"activation range [{activationMin}, {activationMax}] is not within int8");

            int clamp = activationMin > sbyte.MinValue || activationMax < sbyte.MaxValue ? Int8Rescale.Clamp : 0;
            bool fast = true;
            for (int c = 0; c < channels && fast; c++)
                fast = FastFormIsExact(multipliers[c], shifts[c], outputZeroPoint, accumulatorBounds[c]);

            var packedMultipliers = new int[channels];
            var packedShifts = new sbyte[channels];
            for (int c = 0; c < channels; c++)
            {
                packedMultipliers[c] = fast ? unchecked(multipliers[c] * 2) : multipliers[c];
                packedShifts[c] = checked((sbyte)(fast ? -shifts[c] - 1 : shifts[c]));
            }
            return new Int8Rescale((fast ? Int8Rescale.Fast : Int8Rescale.Exact) | clamp, packedMultipliers, packedShifts, outputZeroPoint, activationMin, activationMax);
        }

        /// <summary>
        /// True when the fast form equals TFLite's arithmetic for every accumulator |acc| ≤ bound: a Q31
        /// multiplier in [2^30, 2^31) (so 2·m − 2^32 fits int32 and SMMLAR(acc, 2m, acc) is the rounded high
        /// product), a right shift r = −shift in [1, 31], and |h| + 1 + |1 + 2·zp|·2^(r−1) below 2^31.
        /// </summary>
        internal static bool FastFormIsExact(int multiplier, int shift, int outputZeroPoint, long accumulatorBound)
        {
            if (multiplier < (1 << 30) || shift > -1 || shift < -31) return false;
            // An int32 accumulator (wrapped or not) never exceeds 2^31 in magnitude.
            long acc = Math.Min(Math.Abs(accumulatorBound), 1L << 31);
            long high = ((acc * multiplier) >> 31) + 1;
            int s = -shift - 1;
            long nudge = Math.Abs(1L + 2L * outputZeroPoint) << s;
            return high + 1 + nudge < (1L << 31);
        }
    }
}
