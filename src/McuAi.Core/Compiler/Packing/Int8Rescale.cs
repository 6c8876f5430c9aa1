using System;
using System.Linq;
using McuAi.Interpreter;

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

        /// <summary>
        /// C flag MCUAI_RESCALE_LEFT, with <see cref="Fast"/>: some channels have a non-negative shift (a left shift; stored
        /// shift −shift − 1 &lt; 0). Only <c>mcuai_depthwise_s8</c> reads it (see mcuai_rescale_s8.h).
        /// </summary>
        public const int Left = 4;

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

        /// <summary>Per channel: −shift − 1 (fast: 0..30, with <see cref="Left"/> down to −1 − <see cref="Int8RescalePacking.MaxLeftShift"/>) or TFLite's shift (exact).</summary>
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
    /// A kernel that reads <see cref="Int8Rescale.Left"/> (the depthwise one) also takes channels with a left shift in the fast
    /// form, where the shifted accumulator provably stays within int32 (<see cref="LeftShiftFastFormIsExact"/>).
    /// Channels whose output is the same for every input (a zero multiplier; or dead channels, whose tiny weights
    /// cannot move a saturated bias across a rounding step) get zero weights and a bias that gives that output,
    /// so that they never force the slow form on the whole layer.
    /// </summary>
    public static class Int8RescalePacking
    {
        /// <param name="weights">The packed weights; their accumulator bounds decide what is exact.</param>
        /// <param name="multipliers">TFLite's per-channel Q31 multipliers (QuantizeMultiplier).</param>
        /// <param name="shifts">TFLite's per-channel shifts (positive = left).</param>
        /// <param name="leftShifts">The kernel reads <see cref="Int8Rescale.Left"/>: channels with a left shift may take the fast form.</param>
        /// <returns>The output stage, and the weights with the constant channels zeroed.</returns>
        public static (Int8Rescale Rescale, PackedInt8Weights Weights) Pack(PackedInt8Weights weights, int[] multipliers, int[] shifts,
            int outputZeroPoint, int activationMin, int activationMax, bool leftShifts = false)
        {
            if (weights is null) throw new ArgumentNullException(nameof(weights));
            if (multipliers is null) throw new ArgumentNullException(nameof(multipliers));
            if (shifts is null) throw new ArgumentNullException(nameof(shifts));
            int channels = multipliers.Length;
            if (shifts.Length != channels || weights.Bias.Length != channels)
                throw new ArgumentException($"{channels} multipliers, {shifts.Length} shifts and {weights.Bias.Length} channels of weights: one of each per channel is needed");
            if (activationMin < sbyte.MinValue || activationMax > sbyte.MaxValue || activationMin > activationMax)
                throw new ArgumentOutOfRangeException(nameof(activationMin), $"activation range [{activationMin}, {activationMax}] is not within int8");

            // Channels whose output does not depend on the input (zero multiplier, dead or saturated channels).
            var constant = new int?[channels];
            for (int c = 0; c < channels; c++) constant[c] = ConstantOutput(multipliers[c], shifts[c], outputZeroPoint, weights.ModelBias[c], weights.AccumulatorRadius[c]);

            int clamp = activationMin > sbyte.MinValue || activationMax < sbyte.MaxValue ? Int8Rescale.Clamp : 0;
            bool fast = true, left = false;
            for (int c = 0; c < channels && fast; c++)
            {
                if (constant[c] is not null || FastFormIsExact(multipliers[c], shifts[c], outputZeroPoint, weights.AccumulatorBounds[c])) continue;
                fast = leftShifts && LeftShiftFastFormIsExact(multipliers[c], shifts[c], outputZeroPoint, weights.AccumulatorBounds[c]);
                left |= fast;
            }
            if (!fast)
                return (new Int8Rescale(Int8Rescale.Exact | clamp, (int[])multipliers.Clone(), shifts.Select(s => checked((sbyte)s)).ToArray(),
                    outputZeroPoint, activationMin, activationMax), weights);

            // Fast form. A constant channel v gets zero weights, multiplier 0, shift 0 and bias 2·(v − zp): with
            // multiplier 0 SMMLAR returns the accumulator, and (2·(v − zp) − neg + 1 + 2·zp) >> 1 is v.
            if (constant.Any(v => v is not null))
                weights = weights.WithConstantChannels(constant.Select(v => v is int value ? 2 * (value - outputZeroPoint) : (int?)null).ToArray());
            var packedMultipliers = new int[channels];
            var packedShifts = new sbyte[channels];
            for (int c = 0; c < channels; c++)
            {
                packedMultipliers[c] = constant[c] is null ? unchecked(multipliers[c] * 2) : 0;
                packedShifts[c] = constant[c] is null ? checked((sbyte)(-shifts[c] - 1)) : (sbyte)0;
            }
            var rescale = new Int8Rescale(Int8Rescale.Fast | (left ? Int8Rescale.Left : 0) | clamp, packedMultipliers, packedShifts, outputZeroPoint, activationMin, activationMax);
            return (rescale, weights);
        }

        /// <summary>
        /// TFLite's output (rescaled accumulator plus zero point, before the clamp) when it is the same for every
        /// accumulator the channel can produce (within <paramref name="radius"/> of its bias), else null. The rescale
        /// is monotonic in the accumulator, so equal values at both ends of the range mean a constant.
        /// </summary>
        internal static int? ConstantOutput(int multiplier, int shift, int outputZeroPoint, long bias, long radius)
        {
            if (multiplier == 0) return outputZeroPoint;
            long low = bias - radius, high = bias + radius;
            // Beyond int32 the accumulator wraps, and a left shift wraps: then it is not monotonic.
            if (low < int.MinValue || high > int.MaxValue || shift > 0) return null;
            int a = FixedPoint.MultiplyByQuantizedMultiplier((int)low, multiplier, shift);
            int b = FixedPoint.MultiplyByQuantizedMultiplier((int)high, multiplier, shift);
            // The kernel's bias 2·(v − zp) must not overflow either.
            return a == b && Math.Abs((long)a) < (1 << 29) ? a + outputZeroPoint : null;
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

        /// <summary>The largest left shift <see cref="LeftShiftFastFormIsExact"/> accepts: int8 weights times 2^8 still fit the
        /// halfwords of mcuai_depthwise_s8's stream, which holds them pre-shifted.</summary>
        public const int MaxLeftShift = 8;

        /// <summary>
        /// True when the fast form with a left shift (<see cref="Int8Rescale.Left"/>) equals TFLite's arithmetic for every
        /// accumulator |acc| ≤ bound. With shift L ≥ 0 TFLite computes SaturatingRoundingDoublingHighMul(acc·2^L, m) (no
        /// rounding shift after it), which is SMMLAR(x, 2m, x) = floor((x·m + 2^30) / 2^31) for x = acc·2^L when
        /// x does not wrap (|acc|·2^L &lt; 2^31; the kernel forms x from weights and bias pre-shifted by L, L ≤
        /// <see cref="MaxLeftShift"/>), m is in [2^30, 2^31) (never the saturating case), and |h| + |zp| &lt; 2^31.
        /// </summary>
        internal static bool LeftShiftFastFormIsExact(int multiplier, int shift, int outputZeroPoint, long accumulatorBound)
        {
            if (multiplier < (1 << 30) || shift < 0 || shift > MaxLeftShift) return false;
            long shifted = Math.Abs(accumulatorBound) << shift;
            if (shifted >= 1L << 31) return false;
            long high = ((shifted * multiplier) >> 31) + 1;
            return high + Math.Abs((long)outputZeroPoint) < (1L << 31);
        }
    }
}
