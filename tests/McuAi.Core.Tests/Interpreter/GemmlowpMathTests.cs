using System;
using McuAi.Interpreter;
using Xunit;

namespace McuAi.Tests.Interpreter
{
    /// <summary>gemmlowp's fixed-point functions: exact at their anchor points, accurate elsewhere.</summary>
    public class GemmlowpMathTests
    {
        [Fact]
        public void Exp_of_zero_is_one_and_of_large_negatives_is_zero()
        {
            Assert.Equal(int.MaxValue, GemmlowpMath.ExpOnNegativeValues(0, 5));
            Assert.Equal(0, GemmlowpMath.ExpOnNegativeValues(-(33 << 26), 12)); // below −32 with more than 5 integer bits
        }

        [Theory]
        [InlineData(-0.125)]
        [InlineData(-1.0)]
        [InlineData(-2.75)]
        [InlineData(-7.3)]
        public void Exp_on_negative_values_is_accurate(double x)
        {
            int raw = (int)Math.Round(x * (1 << 26)); // 5 integer bits
            double actual = GemmlowpMath.ExpOnNegativeValues(raw, 5) / 2147483648.0;
            Assert.InRange(actual, Math.Exp(x) - 2e-7, Math.Exp(x) + 2e-7);
        }

        [Theory]
        [InlineData(0.0)]
        [InlineData(0.5)]
        [InlineData(0.99)]
        public void One_over_one_plus_x_is_accurate(double x)
        {
            int raw = (int)Math.Min(int.MaxValue, Math.Round(x * 2147483648.0));
            double actual = GemmlowpMath.OneOverOnePlusXForXIn01(raw) / 2147483648.0;
            Assert.InRange(actual, 1 / (1 + x) - 1e-8, 1 / (1 + x) + 1e-8);
        }

        [Fact]
        public void Reciprocal_reports_bits_over_one()
        {
            // 3.0 with 12 integer bits is 1.5 · 2^1: the reciprocal is 1/1.5 with 1 bit over one, i.e. 1/3 = (2/3) / 2^1.
            int scale = GemmlowpMath.GetReciprocal(3 << 19, 12, out int bitsOverUnit);
            Assert.Equal(1, bitsOverUnit);
            Assert.InRange(scale / 2147483648.0, 2.0 / 3 - 1e-8, 2.0 / 3 + 1e-8);
        }

        [Theory]
        [InlineData(0.5)]
        [InlineData(-1.5)]
        [InlineData(3.0)]
        public void Tanh_and_logistic_are_accurate(double x)
        {
            int raw = (int)Math.Round(x * (1 << 27)); // 4 integer bits
            Assert.InRange(GemmlowpMath.Tanh(raw, 4) / 2147483648.0, Math.Tanh(x) - 1e-6, Math.Tanh(x) + 1e-6);
            double logistic = 1 / (1 + Math.Exp(-x));
            Assert.InRange(GemmlowpMath.Logistic(raw, 4) / 2147483648.0, logistic - 1e-6, logistic + 1e-6);
            Assert.Equal(0, GemmlowpMath.Tanh(0, 4));
            Assert.Equal(1 << 30, GemmlowpMath.Logistic(0, 4));
        }

        [Theory]
        [InlineData(3, 1, 2)]     // (3+1)/2
        [InlineData(-3, 0, -2)]   // -1.5 → -2
        [InlineData(int.MaxValue, int.MaxValue, int.MaxValue)]
        public void RoundingHalfSum_rounds_away_from_zero(int a, int b, int expected)
        {
            Assert.Equal(expected, GemmlowpMath.RoundingHalfSum(a, b));
        }

        [Theory]
        [InlineData(1 << 29, 1, 1 << 30)]
        [InlineData(1 << 30, 1, int.MaxValue)]   // saturates
        [InlineData(-(1 << 30) - 1, 1, int.MinValue)]
        [InlineData(5, -1, 3)]
        public void SaturatingRoundingMultiplyByPOT_saturates_left_and_rounds_right(int x, int exponent, int expected)
        {
            Assert.Equal(expected, GemmlowpMath.SaturatingRoundingMultiplyByPOT(x, exponent));
        }
    }
}
