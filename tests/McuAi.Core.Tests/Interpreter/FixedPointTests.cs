using McuAi.Interpreter;
using Xunit;

namespace McuAi.Tests.Interpreter
{
    /// <summary>TFLite's rescaling arithmetic on hand-computed values: ties, negatives, saturation, flushing.</summary>
    public class FixedPointTests
    {
        [Theory]
        [InlineData(0.5, 1 << 30, 0)]
        [InlineData(1.0, 1 << 30, 1)]
        [InlineData(0.25, 1 << 30, -1)]
        [InlineData(1.5, 1610612736, 1)]          // 0.75 · 2^31
        [InlineData(0.0, 0, 0)]
        [InlineData(1e-12, 0, 0)]                 // below 2^-31: flushed to zero
        [InlineData(0.9999999999999, 1 << 30, 1)] // the mantissa rounds up to 2^31: halved, shift + 1
        [InlineData(-0.5, -(1 << 30), 0)]
        public void QuantizeMultiplier_splits_into_Q31_and_shift(double real, int multiplier, int shift)
        {
            Assert.Equal((multiplier, shift), FixedPoint.QuantizeMultiplier(real));
        }

        [Theory]
        [InlineData(8.0, 0.5, 4)]
        [InlineData(0.75, 0.75, 0)]
        [InlineData(-3.0, -0.75, 2)]
        [InlineData(4.9406564584124654E-324, 0.5, -1073)] // the smallest subnormal
        public void Frexp_matches_C(double value, double mantissa, int exponent)
        {
            Assert.Equal(mantissa, FixedPoint.Frexp(value, out int e));
            Assert.Equal(exponent, e);
        }

        [Theory]
        [InlineData(int.MinValue, int.MinValue, int.MaxValue)] // the only overflow saturates
        [InlineData(1 << 30, 1 << 30, 1 << 29)]
        [InlineData(1, 1 << 30, 1)]            // +0.5 rounds up
        [InlineData(-1, 1 << 30, 0)]           // -0.5 rounds toward +inf (nudge, then truncating division)
        [InlineData(3, 1 << 30, 2)]            // +1.5 → 2
        [InlineData(-3, 1 << 30, -1)]          // -1.5 → -1
        [InlineData(-5, 1 << 30, -2)]          // -2.5 → -2
        public void SaturatingRoundingDoublingHighMul_rounds_like_gemmlowp(int a, int b, int expected)
        {
            Assert.Equal(expected, FixedPoint.SaturatingRoundingDoublingHighMul(a, b));
        }

        [Theory]
        [InlineData(5, 1, 3)]    // 2.5 → 3: ties away from zero
        [InlineData(-5, 1, -3)]  // -2.5 → -3
        [InlineData(3, 1, 2)]
        [InlineData(-3, 1, -2)]
        [InlineData(7, 2, 2)]    // 1.75
        [InlineData(-7, 2, -2)]
        [InlineData(-6, 2, -2)]  // -1.5 → -2
        [InlineData(-5, 2, -1)]  // -1.25 → -1
        [InlineData(9, 0, 9)]
        [InlineData(int.MaxValue, 31, 1)]
        [InlineData(int.MinValue, 31, -1)]
        public void RoundingDivideByPOT_rounds_ties_away_from_zero(int x, int exponent, int expected)
        {
            Assert.Equal(expected, FixedPoint.RoundingDivideByPOT(x, exponent));
        }

        [Theory]
        [InlineData(100, 1 << 30, 0, 50)]
        [InlineData(3, 1 << 30, 0, 2)]
        [InlineData(-3, 1 << 30, 0, -1)]
        [InlineData(3, 1 << 30, 2, 6)]   // left shift before the multiply
        [InlineData(5, 1 << 30, -1, 2)]  // 1.25 rounds twice: 2.5 → 3, then 1.5 → 2 (single rounding would give 1)
        [InlineData(-5, 1 << 30, -1, -1)] // -1.25: -2.5 → -2, then -1
        [InlineData(int.MinValue, int.MinValue, 0, int.MaxValue)]
        public void MultiplyByQuantizedMultiplier_rounds_twice_as_TFLM(int x, int multiplier, int shift, int expected)
        {
            Assert.Equal(expected, FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift));
        }

        [Theory]
        [InlineData(1L << 20, 1 << 30, 0, 1 << 19)]
        [InlineData(3L, 1 << 30, 0, 2)]     // 1.5 → 2
        [InlineData(-3L, 1 << 30, 0, -1)]   // -1.5 → -1: one rounding, half up
        [InlineData(1L << 16, 0x7FFF8000, 0, 65534)] // multiplier at the top saturates to 0x7FFF when reduced to 16 bits
        [InlineData(1000L, 1 << 30, 3, 4000)]
        public void MultiplyByQuantizedMultiplier_64bit_reduces_the_multiplier_to_16_bits(long x, int multiplier, int shift, int expected)
        {
            Assert.Equal(expected, FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift));
        }

        [Theory]
        [InlineData(2.5f, 3f)]
        [InlineData(-2.5f, -3f)]
        [InlineData(0.49999997f, 0f)]
        [InlineData(-0.5f, -1f)]
        public void RoundAwayFromZero_is_Cs_round(float x, float expected)
        {
            Assert.Equal(expected, FixedPoint.RoundAwayFromZero(x));
        }
    }
}
