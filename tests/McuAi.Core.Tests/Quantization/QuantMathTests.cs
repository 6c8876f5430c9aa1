using McuAi.Quantization;
using Xunit;

namespace McuAi.Tests.Quantization
{
    public class QuantMathTests
    {
        [Fact]
        public void ImageRangeZeroToOneGivesOneOver255AndZeroPointMinus128()
        {
            var (scale, zp) = QuantMath.Asymmetric(0, 1, -128, 127);
            Assert.Equal(1f / 255f, (float)scale);
            Assert.Equal(-128, zp);
        }

        [Fact]
        public void RangeIsWidenedToContainZeroSoZeroIsExact()
        {
            var (scale, zp) = QuantMath.Asymmetric(2, 10, -128, 127);   // as if [0, 10]
            Assert.Equal(10 / 255.0, scale, 12);
            Assert.Equal(-128, zp);
            var (negScale, negZp) = QuantMath.Asymmetric(-10, -2, -128, 127); // as if [-10, 0]
            Assert.Equal(10 / 255.0, negScale, 12);
            Assert.Equal(127, negZp);
            Assert.Equal(0f, (QuantMath.Quantize(0f, (float)negScale, negZp, -128, 127) - negZp) * (float)negScale);
        }

        [Fact]
        public void ZeroPointIsNudgedToAnIntegerInRange()
        {
            var (scale, zp) = QuantMath.Asymmetric(-4.9552383, 6.4589257, -128, 127); // mlperf_ic tensor 28
            Assert.Equal(0.044761427f, (float)scale);
            Assert.Equal(-17, zp);
        }

        [Fact]
        public void AllZeroRangeGetsScaleOne()
        {
            var (scale, zp) = QuantMath.Asymmetric(0, 0, -128, 127);
            Assert.Equal(1.0, scale);
            Assert.Equal(-128, zp);
        }

        [Fact]
        public void RoundingIsHalfAwayFromZeroAndClamped()
        {
            Assert.Equal(3, QuantMath.Quantize(2.5f, 1f, 0, -127, 127));
            Assert.Equal(-3, QuantMath.Quantize(-2.5f, 1f, 0, -127, 127));
            Assert.Equal(127, QuantMath.Quantize(1000f, 1f, 0, -127, 127));
            Assert.Equal(-127, QuantMath.Quantize(-1000f, 1f, 0, -127, 127));
        }

        [Fact]
        public void PerChannelScalesAlongAxisZeroAndThree()
        {
            // shape [2,1,1,3]: axis 0 = rows of 3, axis 3 = columns.
            var w = new[] { 1f, -2f, 0.5f, 4f, 0f, -1f };
            Assert.Equal(new[] { 2f / 127, 4f / 127 }, WeightQuantizer.Scales(w, new[] { 2, 1, 1, 3 }, 0));
            Assert.Equal(new[] { 4f / 127, 2f / 127, 1f / 127 }, WeightQuantizer.Scales(w, new[] { 2, 1, 1, 3 }, 3));
            Assert.Equal(new[] { 4f / 127 }, WeightQuantizer.Scales(w, new[] { 2, 1, 1, 3 }, -1));
            Assert.Equal(new[] { 1f }, WeightQuantizer.Scales(new float[4], new[] { 4 }, -1)); // all zero
        }

        [Fact]
        public void BiasThatWouldOverflowRaisesTheWeightScaleToFitHalfTheInt32Range()
        {
            var scales = new[] { 1e-9f, 0.01f };
            var bias = new[] { 0.5f, 0.5f };
            int adjusted = WeightQuantizer.AdjustScalesForBias(scales, bias, inputScale: 0.02);
            Assert.Equal(1, adjusted);
            Assert.Equal(0.01f, scales[1]);
            var q = WeightQuantizer.QuantizeBiasInt32(bias, WeightQuantizer.BiasScales(0.02f, scales));
            Assert.InRange(q[0], 1073741000, 1073742000); // int32 max / 2: room left for the accumulator
            Assert.Equal(2500, q[1]);
        }
    }
}
