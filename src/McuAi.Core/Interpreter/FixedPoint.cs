using System;

namespace McuAi.Interpreter
{
    /// <summary>
    /// TFLite's integer rescaling arithmetic, reproduced bit for bit: a real multiplier becomes a Q31
    /// fixed-point multiplier and a power-of-two shift (<see cref="QuantizeMultiplier"/>), and an int32
    /// accumulator is rescaled by them (<see cref="MultiplyByQuantizedMultiplier(int,int,int)"/>).
    /// TFLM builds without TFLITE_SINGLE_ROUNDING by default, so the 32-bit path rounds twice
    /// (gemmlowp's saturating doubling high multiply, then a rounding right shift); the 64-bit path used
    /// by int16 kernels always rounds once with a multiplier reduced to 16 bits. Golden tests pin both.
    /// </summary>
    public static class FixedPoint
    {
        /// <summary>
        /// Splits <paramref name="realMultiplier"/> into a Q31 multiplier in [2^30, 2^31) and a shift
        /// (positive = left), so that real ≈ multiplier × 2^(shift − 31). Zero gives (0, 0); multipliers
        /// below 2^−31 flush to (0, 0) as TFLite does.
        /// </summary>
        public static (int Multiplier, int Shift) QuantizeMultiplier(double realMultiplier)
        {
            if (realMultiplier == 0.0) return (0, 0);
            double q = Frexp(realMultiplier, out int shift);
            long qFixed = (long)RoundAwayFromZero(q * (1L << 31));
            if (qFixed == 1L << 31)
            {
                qFixed /= 2;
                shift++;
            }
            if (shift < -31)
            {
                shift = 0;
                qFixed = 0;
            }
            return ((int)qFixed, shift);
        }

        /// <summary><see cref="QuantizeMultiplier"/> for a multiplier in (0, 1): the shift is ≤ 0.</summary>
        public static (int Multiplier, int Shift) QuantizeMultiplierSmallerThanOne(double realMultiplier)
        {
            if (!(realMultiplier > 0.0 && realMultiplier < 1.0))
                throw new ArgumentOutOfRangeException(nameof(realMultiplier), realMultiplier, "must be in (0, 1)");
            return QuantizeMultiplier(realMultiplier);
        }

        /// <summary><see cref="QuantizeMultiplier"/> for a multiplier above 1: the shift is ≥ 0.</summary>
        public static (int Multiplier, int Shift) QuantizeMultiplierGreaterThanOne(double realMultiplier)
        {
            if (!(realMultiplier > 1.0))
                throw new ArgumentOutOfRangeException(nameof(realMultiplier), realMultiplier, "must be above 1");
            return QuantizeMultiplier(realMultiplier);
        }

        /// <summary>C's frexp: value = mantissa × 2^exponent with |mantissa| in [0.5, 1).</summary>
        public static double Frexp(double value, out int exponent)
        {
            exponent = 0;
            if (value == 0.0 || double.IsNaN(value) || double.IsInfinity(value)) return value;
            long bits = BitConverter.DoubleToInt64Bits(value);
            int biased = (int)((bits >> 52) & 0x7FF);
            if (biased == 0)
            {
                // Subnormal: scale into the normal range first.
                value *= 18014398509481984.0; // 2^54
                bits = BitConverter.DoubleToInt64Bits(value);
                biased = (int)((bits >> 52) & 0x7FF);
                exponent = -54;
            }
            exponent += biased - 1022;
            long mantissaBits = (bits & ~(0x7FFL << 52)) | (1022L << 52);
            return BitConverter.Int64BitsToDouble(mantissaBits);
        }

        /// <summary>TfLiteRound for doubles: round half away from zero (C's round()).</summary>
        public static double RoundAwayFromZero(double x) => Math.Round(x, MidpointRounding.AwayFromZero);

        /// <summary>TfLiteRound for floats: round half away from zero (C's roundf()).</summary>
        public static float RoundAwayFromZero(float x) => (float)Math.Round((double)x, MidpointRounding.AwayFromZero);

        /// <summary>
        /// gemmlowp's SaturatingRoundingDoublingHighMul: the high 32 bits of 2·a·b, rounded to nearest
        /// (ties away from zero); the one overflowing case, a = b = int.MinValue, saturates to int.MaxValue.
        /// </summary>
        public static int SaturatingRoundingDoublingHighMul(int a, int b)
        {
            if (a == int.MinValue && b == int.MinValue) return int.MaxValue;
            long ab = (long)a * b;
            long nudge = ab >= 0 ? 1L << 30 : 1 - (1L << 30);
            // C++ integer division truncates toward zero, as C#'s does.
            return (int)((ab + nudge) / (1L << 31));
        }

        /// <summary>
        /// gemmlowp's RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties away from zero.
        /// <paramref name="exponent"/> is in [0, 31].
        /// </summary>
        public static int RoundingDivideByPOT(int x, int exponent)
        {
            int mask = (int)((1L << exponent) - 1);
            int remainder = x & mask;
            int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
            return (x >> exponent) + (remainder > threshold ? 1 : 0);
        }

        /// <summary>
        /// TFLite's MultiplyByQuantizedMultiplier for int32 values (double rounding):
        /// x × multiplier × 2^(shift − 31), with the left part of the shift applied before the multiply
        /// (wrapping like the C code) and the right part as a rounding shift after it.
        /// </summary>
        public static int MultiplyByQuantizedMultiplier(int x, int quantizedMultiplier, int shift)
        {
            int leftShift = shift > 0 ? shift : 0;
            int rightShift = shift > 0 ? 0 : -shift;
            int shifted = unchecked(x * (1 << leftShift));
            return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(shifted, quantizedMultiplier), rightShift);
        }

        /// <summary>
        /// TFLite's MultiplyByQuantizedMultiplier for int64 values (the int16 kernels' path): the multiplier
        /// is first reduced to 16 bits (rounded), then x × reduced is rounded once by 2^(15 − shift).
        /// Expects |x| &lt; 2^47 and shift in [−31, 7]; the result is truncated to 32 bits as in C.
        /// </summary>
        public static int MultiplyByQuantizedMultiplier(long x, int quantizedMultiplier, int shift)
        {
            int reduced = quantizedMultiplier < 0x7FFF0000 ? (quantizedMultiplier + (1 << 15)) >> 16 : 0x7FFF;
            int totalShift = 15 - shift;
            long result = unchecked(x * reduced + (1L << (totalShift - 1)));
            return unchecked((int)(result >> totalShift));
        }

        /// <summary>Rescale by a multiplier below one (shift ≤ 0), as TFLite's SmallerThanOneExp variant.</summary>
        public static int MultiplyByQuantizedMultiplierSmallerThanOneExp(int x, int quantizedMultiplier, int leftShift) =>
            RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x, quantizedMultiplier), -leftShift);

        /// <summary>Rescale by a multiplier above one (shift ≥ 0), as TFLite's GreaterThanOne variant.</summary>
        public static int MultiplyByQuantizedMultiplierGreaterThanOne(int x, int quantizedMultiplier, int leftShift) =>
            SaturatingRoundingDoublingHighMul(unchecked(x * (1 << leftShift)), quantizedMultiplier);

        /// <summary>Clamps to [min, max] (Math.Clamp is missing on netstandard2.0).</summary>
        public static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;

        /// <summary>Clamps to [min, max]; NaN stays NaN as with std::min/std::max in TFLite's order.</summary>
        public static float Clamp(float value, float min, float max) => Math.Min(Math.Max(value, min), max);
    }
}
