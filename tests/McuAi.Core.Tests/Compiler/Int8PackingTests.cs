using System;
using System.Linq;
using McuAi.Compiler.Packing;
using McuAi.Interpreter;
using Xunit;

namespace McuAi.Tests.Compiler
{
    /// <summary>
    /// The build-time packing of the C runtime's int8 kernels: weight rows, the input offset folded into the bias,
    /// and the choice of the output stage, checked against TFLite's arithmetic (the interpreter's FixedPoint).
    /// </summary>
    public class Int8PackingTests
    {
        [Fact]
        public void Rows_are_padded_to_whole_words_with_zero_weights_and_the_offset_folded_into_the_bias()
        {
            sbyte[] filter = { 1, 2, 3, 4, 5, -1, -2, -3, -4, -5 };
            var packed = Int8WeightPacking.Rows(filter, 2, new[] { 100, -7 }, inputZeroPoint: 3);
            Assert.Equal(8, packed.RowLength);
            Assert.Equal(new sbyte[] { 1, 2, 3, 4, 5, 0, 0, 0, -1, -2, -3, -4, -5, 0, 0, 0 }, packed.Weights);
            // bias + input_offset · Σw with input_offset = −3: 100 − 3·15 and −7 − 3·(−15).
            Assert.Equal(new[] { 55, 38 }, packed.Bias);
            // |bias| + max|x + offset| · Σ|w| = 100 + 131·15.
            Assert.Equal(100 + 131 * 15, packed.AccumulatorBounds[0]);
        }

        [Fact]
        public void A_depthwise_filter_becomes_conv_rows_for_one_input_channel()
        {
            // [1, 2, 2, 3]: tap-major, 3 channels.
            sbyte[] filter = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
            var rows = Int8WeightPacking.DepthwiseAsRows(filter, 3, ReadOnlySpan<int>.Empty, 0);
            Assert.Equal(new sbyte[] { 1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12 }, rows.Weights);
            var kept = Int8WeightPacking.Depthwise(filter, 3, ReadOnlySpan<int>.Empty, 0);
            Assert.Equal(filter, kept.Weights);
            Assert.Equal(new[] { 0, 0, 0 }, kept.Bias);
        }

        [Fact]
        public void The_folded_bias_gives_TFLMs_accumulator_when_padding_reads_the_zero_point()
        {
            var rng = new Random(7);
            for (int trial = 0; trial < 200; trial++)
            {
                int k = rng.Next(1, 40), zp = rng.Next(-128, 128);
                var w = Enumerable.Range(0, k).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
                int bias = rng.Next(int.MinValue, int.MaxValue);
                var packed = Int8WeightPacking.Rows(w, 1, new[] { bias }, zp);
                // Some taps are padding: TFLM skips them; the kernel reads the zero point there.
                var padding = Enumerable.Range(0, k).Select(_ => rng.Next(4) == 0).ToArray();
                var x = Enumerable.Range(0, k).Select(i => padding[i] ? (sbyte)zp : (sbyte)rng.Next(-128, 128)).ToArray();
                int tflm = bias, kernel = packed.Bias[0];
                for (int i = 0; i < k; i++)
                {
                    if (!padding[i]) tflm = unchecked(tflm + (x[i] - zp) * w[i]);
                    kernel = unchecked(kernel + x[i] * packed.Weights[i]);
                }
                Assert.Equal(tflm, kernel);
            }
        }

        /// <summary>mcuai_rescale_fast (mcuai_rescale_s8.h) in C#: SMMLAR, the sign correction, the nudge, two shifts, SSAT.</summary>
        private static int Fast(int acc, int m2, int s, int zp)
        {
            int h = (int)(((long)acc << 32) + (long)acc * m2 + 0x80000000L >> 32);
            h -= (int)((uint)h >> 31);
            h += (int)((uint)(1 + 2 * zp) << s);
            h >>= s;
            return Math.Clamp(h >> 1, -128, 127);
        }

        private static int Tflm(int acc, int m, int shift, int zp) => Math.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(acc, m, shift) + zp, -128, 127);

        [Fact]
        public void The_fast_output_stage_equals_TFLites_double_rounding_wherever_the_packing_chooses_it()
        {
            var rng = new Random(11);
            int fastLayers = 0, exactLayers = 0;
            for (int trial = 0; trial < 400; trial++)
            {
                double real = Math.Pow(2, -rng.Next(0, 33) - rng.NextDouble());
                var (m, shift) = FixedPoint.QuantizeMultiplier(real);
                int zp = rng.Next(-128, 128);
                int bias = rng.Next(-(1 << rng.Next(4, 31)), 1 << 20);
                var w = Enumerable.Range(0, rng.Next(1, 300)).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
                var weights = Int8WeightPacking.Rows(w, 1, new[] { bias }, rng.Next(-128, 128));
                var (rescale, packed) = Int8RescalePacking.Pack(weights, new[] { m }, new[] { shift }, zp, -128, 127);
                if (rescale.IsFast) fastLayers++; else exactLayers++;
                bool constant = packed.Weights.All(v => v == 0) && weights.Weights.Any(v => v != 0);
                for (int i = 0; i < 300; i++)
                {
                    // TFLM's accumulators: the bias plus up to the radius either way, its edges included.
                    long radius = weights.AccumulatorRadius[0];
                    long a = bias + (i switch { 0 => radius, 1 => -radius, _ => (long)((rng.NextDouble() * 2 - 1) * radius) });
                    if (a < int.MinValue || a > int.MaxValue) continue;
                    int expected = Tflm((int)a, m, shift, zp);
                    if (rescale.IsFast)
                        Assert.Equal(expected, Fast(constant ? packed.Bias[0] : (int)a, rescale.Multipliers[0], rescale.Shifts[0], zp));
                    else
                        Assert.False(constant);
                }
            }
            Assert.True(fastLayers > 100 && exactLayers > 10, $"{fastLayers} fast, {exactLayers} exact");
        }

        /// <summary>
        /// mcuai_depthwise_s8's output stage with MCUAI_RESCALE_LEFT in C#: the stream's accumulator (shifted left by L for a
        /// channel whose stored shift s is negative), SMMLAR, the sign correction where k has bit 31, the nudge, one shift, SSAT.
        /// </summary>
        private static int Masked(int acc, int m2, int s, int zp)
        {
            int x = s < 0 ? unchecked(acc << (-s - 1)) : acc;
            uint k = s < 0 ? 0u : 0x80000000u | (uint)(s + 1);
            int nudge = s < 0 ? zp : (int)((uint)(1 + 2 * zp) << s);
            int h = (int)(((long)x << 32) + (long)x * m2 + 0x80000000L >> 32);
            h -= (int)(((uint)h & k) >> 31);
            h += nudge;
            h >>= (int)(k & 31);
            return Math.Clamp(h, -128, 127);
        }

        [Fact]
        public void Left_shifts_take_the_fast_form_only_for_a_kernel_that_reads_them_and_only_where_the_shifted_sum_cannot_wrap()
        {
            var rng = new Random(12);
            int leftLayers = 0, exactLayers = 0;
            for (int trial = 0; trial < 400; trial++)
            {
                // Real multipliers from 2^-3 to 2^10: right shifts, shift 0 and left shifts up to 10.
                double real = Math.Pow(2, rng.Next(-3, 10) + rng.NextDouble());
                var (m, shift) = FixedPoint.QuantizeMultiplier(real);
                var (m2, shift2) = FixedPoint.QuantizeMultiplier(Math.Pow(2, -rng.Next(2, 12) - rng.NextDouble()));
                int zp = rng.Next(-128, 128);
                var w = Enumerable.Range(0, 2 * rng.Next(1, 40)).Select(_ => (sbyte)rng.Next(-8, 8)).ToArray();
                var biases = new[] { rng.Next(-(1 << rng.Next(4, 28)), 1 << 16), rng.Next(-5000, 5000) };
                var weights = Int8WeightPacking.Rows(w, 2, biases, rng.Next(-128, 128));
                int[] ms = { m, m2 }, shifts = { shift, shift2 };
                Assert.False((Int8RescalePacking.Pack(weights, ms, shifts, zp, -128, 127).Rescale.Mode & Int8Rescale.Left) != 0);
                var (rescale, packed) = Int8RescalePacking.Pack(weights, ms, shifts, zp, -128, 127, leftShifts: true);
                if ((rescale.Mode & Int8Rescale.Left) != 0) leftLayers++;
                if (!rescale.IsFast) { exactLayers++; continue; }
                for (int c = 0; c < 2; c++)
                {
                    // A constant channel (multiplier 0) gets its output from the packed bias.
                    bool constant = rescale.Multipliers[c] == 0;
                    long radius = weights.AccumulatorRadius[c];
                    for (int i = 0; i < 200; i++)
                    {
                        long a = biases[c] + (i switch { 0 => radius, 1 => -radius, _ => (long)((rng.NextDouble() * 2 - 1) * radius) });
                        int expected = Tflm((int)a, ms[c], shifts[c], zp);
                        int actual = (rescale.Mode & Int8Rescale.Left) != 0
                            ? Masked(constant ? packed.Bias[c] : (int)a, rescale.Multipliers[c], rescale.Shifts[c], zp)
                            : Fast(constant ? packed.Bias[c] : (int)a, rescale.Multipliers[c], rescale.Shifts[c], zp);
                        Assert.True(expected == actual, $"trial {trial} channel {c}: acc {a}, multiplier {ms[c]}, shift {shifts[c]}, zero point {zp}: {actual}, TFLite {expected}");
                    }
                }
            }
            Assert.True(leftLayers > 100 && exactLayers > 10, $"{leftLayers} with left shifts, {exactLayers} exact");
        }

        [Fact]
        public void A_saturated_bias_that_the_weights_cannot_move_across_a_rounding_step_is_a_constant_channel()
        {
            var (m, shift) = FixedPoint.QuantizeMultiplier(Math.Pow(2, -28) * 0.7);
            var w = Int8WeightPacking.Rows(new sbyte[] { 1, -1, 0, 1 }, 1, new[] { 1 << 30 }, 5);
            int v = FixedPoint.MultiplyByQuantizedMultiplier(1 << 30, m, shift) + 7;
            var (rescale, packed) = Int8RescalePacking.Pack(w, new[] { m }, new[] { shift }, 7, -128, 127);
            Assert.True(rescale.IsFast);
            Assert.Equal(new sbyte[] { 0, 0, 0, 0 }, packed.Weights);
            Assert.Equal(v, Fast(packed.Bias[0], rescale.Multipliers[0], rescale.Shifts[0], 7));
        }

        [Fact]
        public void Multipliers_of_a_half_or_more_keep_TFLites_arithmetic_and_dead_channels_do_not_force_it()
        {
            var w = Int8WeightPacking.Rows(new sbyte[] { 10, -20, 30, 40, 1, 2, 3, 4, 9, 9, 9, 9 }, 3, new[] { 5, 6, 7 }, 0);
            var (m1, s1) = FixedPoint.QuantizeMultiplier(0.001);
            var (big, bigShift) = FixedPoint.QuantizeMultiplier(0.75);
            var exact = Int8RescalePacking.Pack(w, new[] { m1, big, m1 }, new[] { s1, bigShift, s1 }, 0, -128, 127).Rescale;
            Assert.False(exact.IsFast);
            Assert.Equal(new[] { m1, big, m1 }, exact.Multipliers);

            // Channel 1 has a zero multiplier (a scale below 2^-31), channel 2 one too small for any accumulator to
            // reach a rounding step: both give the zero point, from a zero accumulator.
            var (tiny, tinyShift) = FixedPoint.QuantizeMultiplier(1e-9);
            var (rescale, packed) = Int8RescalePacking.Pack(w, new[] { m1, 0, tiny }, new[] { s1, 0, tinyShift }, -5, -128, 127);
            Assert.True(rescale.IsFast);
            Assert.Equal(new sbyte[] { 10, -20, 30, 40, 0, 0, 0, 0, 0, 0, 0, 0 }, packed.Weights);
            Assert.Equal(new[] { 5, 0, 0 }, packed.Bias);
            Assert.Equal(-5, Fast(0, rescale.Multipliers[1], rescale.Shifts[1], -5));
            Assert.Equal(Int8Rescale.Fast, rescale.Mode);
            Assert.Equal(Int8Rescale.Fast | Int8Rescale.Clamp, Int8RescalePacking.Pack(w, new[] { m1, m1, m1 }, new[] { s1, s1, s1 }, -128, -128, 100).Rescale.Mode);
        }
    }
}
