using System;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Interpreter.Kernels.Signal;
using McuAi.TfLite;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Interpreter.Signal
{
    /// <summary>Each Signal op on one-op models, with values computed by hand from TFLM's integer arithmetic.</summary>
    public class SignalKernelTests
    {
        private readonly ITestOutputHelper _output;

        public SignalKernelTests(ITestOutputHelper output) => _output = output;

        private static FlexMapWriter Options() => new();

        [Fact]
        public void Window_shifts_arithmetically_and_saturates_per_frame()
        {
            var m = new SignalModel();
            int input = m.Input(TensorType.INT16, 1, 8);
            int window = m.Constant(TensorType.INT16, new[] { 4 }, (short)1, (short)3, short.MaxValue, short.MaxValue);
            int output = m.Output(TensorType.INT16, 1, 8);
            var interpreter = m.Build("SignalWindow", Options().Int("shift", 1).ToBytes(), new[] { input, window }, output);
            var result = interpreter.Run<short>(0, new short[] { -3, 100, short.MaxValue, short.MinValue, 4, 4, 2, -2 });
            // -3·1 >> 1 = -2 (rounds down); 300 >> 1 = 150; 32767² >> 1 and -32768·32767 >> 1 saturate;
            // the second frame uses the window again: 4·1 >> 1, 4·3 >> 1, 2·32767 >> 1, -2·32767 >> 1.
            Assert.Equal(new short[] { -2, 150, short.MaxValue, short.MinValue, 2, 6, 32767, -32767 }, result);
        }

        [Fact]
        public void Window_refuses_a_frame_that_is_not_a_multiple_of_the_window()
        {
            var m = new SignalModel();
            int input = m.Input(TensorType.INT16, 5);
            int window = m.Constant(TensorType.INT16, new[] { 4 }, new short[4]);
            int output = m.Output(TensorType.INT16, 5);
            var e = Assert.Throws<McuAiException>(() => m.Build("SignalWindow", Options().Int("shift", 1).ToBytes(), new[] { input, window }, output));
            Assert.Equal(DiagnosticCodes.InvalidOperator, e.Code);
            Assert.Contains("operator 0 (CUSTOM:SignalWindow)", e.Message);
        }

        [Fact]
        public void Missing_custom_options_are_MCUAI0013_naming_the_operator()
        {
            var m = new SignalModel();
            int input = m.Input(TensorType.INT16, 4);
            int window = m.Constant(TensorType.INT16, new[] { 4 }, new short[4]);
            int output = m.Output(TensorType.INT16, 4);
            var none = Assert.Throws<McuAiException>(() => m.Build("SignalWindow", null, new[] { input, window }, output));
            Assert.Equal(DiagnosticCodes.InvalidCustomOptions, none.Code);
            var m2 = new SignalModel();
            input = m2.Input(TensorType.INT16, 4);
            window = m2.Constant(TensorType.INT16, new[] { 4 }, new short[4]);
            output = m2.Output(TensorType.INT16, 4);
            var missing = Assert.Throws<McuAiException>(() => m2.Build("SignalWindow", Options().Int("shiftt", 1).ToBytes(), new[] { input, window }, output));
            Assert.Equal(DiagnosticCodes.InvalidCustomOptions, missing.Code);
            Assert.Contains("operator 0 (CUSTOM:SignalWindow) custom options: parameter 'shift' is missing (present: shiftt)", missing.Message);
            Assert.Equal("signal.tflite", missing.File);
        }

        private static (short[] Output, int Scale) AutoScale(params short[] samples)
        {
            var m = new SignalModel();
            int input = m.Input(TensorType.INT16, samples.Length);
            int output = m.Output(TensorType.INT16, samples.Length);
            int scale = m.Output(TensorType.INT32);
            var interpreter = m.Build("SignalFftAutoScale", Options().ToBytes(), new[] { input }, output, scale);
            var scaled = interpreter.Run<short>(0, samples);
            return (scaled, interpreter.Output(1).As<int>()[0]);
        }

        private static void AssertAutoScale(short[] expected, int expectedScale, params short[] samples)
        {
            var (output, scale) = AutoScale(samples);
            Assert.Equal(expected, output);
            Assert.Equal(expectedScale, scale);
        }

        [Fact]
        public void FftAutoScale_shifts_to_the_top_bit_with_TFLM_quirks()
        {
            // Largest magnitude 1: 14 bits of headroom.
            AssertAutoScale(new short[] { 16384, -16384 }, 14, 1, -1);
            // 16384 already uses bit 15: no shift. All zeros: no shift (GCC's top bit of 0 is 32).
            Assert.Equal(0, AutoScale(16384, 3).Scale);
            AssertAutoScale(new short[] { 0, 0 }, 0, 0, 0);
            // -32768 negates to itself in int16, so the running maximum becomes -32768 and the next sample,
            // 3, replaces it: 13 bits of shift, and -32768 · 2^13 wraps to 0, 5 · 2^13 to -24576.
            AssertAutoScale(new short[] { -24576, 0, 24576 }, 13, 5, short.MinValue, 3);
            // With -32768 last the maximum stays negative, a huge unsigned value: no shift.
            AssertAutoScale(new short[] { 5, short.MinValue }, 0, 5, short.MinValue);
        }

        private static short[] Rfft(int fftLength, short[] samples)
        {
            var m = new SignalModel();
            int input = m.Input(TensorType.INT16, samples.Length);
            int output = m.Output(TensorType.INT16, fftLength + 2);
            var interpreter = m.Build("SignalRfft", Options().Int("T", (int)TensorType.INT16).Int("fft_length", fftLength).ToBytes(), new[] { input }, output);
            return interpreter.Run<short>(0, samples);
        }

        [Fact]
        public void Rfft_of_an_impulse_is_flat_and_scaled_by_one_over_the_length()
        {
            // n = 2 complex points, one radix-2 stage: 1000 · 16383 / 32768 rounds to 500, the split
            // halves again to 250 in every bin (1000 / 4). A one-sample frame is zero-padded to 4.
            Assert.Equal(new short[] { 250, 0, 250, 0, 250, 0 }, Rfft(4, new short[] { 1000, 0, 0, 0 }));
            Assert.Equal(new short[] { 250, 0, 250, 0, 250, 0 }, Rfft(4, new short[] { 1000 }));
        }

        /// <summary>
        /// The fixed-point FFT against the exact DFT divided by the length, for lengths using each radix
        /// (4 and 2: 512; 3: 6, 24; 5: 10, 50; mixed: 60). Each stage rounds once, so a few LSB apart.
        /// </summary>
        [Theory]
        [InlineData(512)]
        [InlineData(6)]
        [InlineData(24)]
        [InlineData(10)]
        [InlineData(50)]
        [InlineData(60)]
        public void Rfft_agrees_with_the_scaled_DFT(int fftLength)
        {
            var random = new Random(fftLength);
            var samples = Enumerable.Range(0, fftLength).Select(_ => (short)random.Next(-8000, 8000)).ToArray();
            var bins = Rfft(fftLength, samples);
            double worst = 0;
            for (int k = 0; k <= fftLength / 2; k++)
            {
                double re = 0, im = 0;
                for (int t = 0; t < fftLength; t++)
                {
                    double phase = -2 * Math.PI * k * t / fftLength;
                    re += samples[t] * Math.Cos(phase);
                    im += samples[t] * Math.Sin(phase);
                }
                worst = Math.Max(worst, Math.Max(Math.Abs(re / fftLength - bins[2 * k]), Math.Abs(im / fftLength - bins[2 * k + 1])));
            }
            _output.WriteLine($"fft_length {fftLength}: worst difference {worst:F2} LSB");
            Assert.True(worst <= 4, $"worst difference {worst} LSB");
        }

        [Fact]
        public void Rfft_refuses_lengths_TFLM_cannot_transform_and_non_int16_types()
        {
            var seven = Assert.Throws<McuAiException>(() => Rfft(14, new short[14]));
            Assert.Equal(DiagnosticCodes.InvalidCustomOptions, seven.Code);
            Assert.Contains("prime factor 7", seven.Message);
            Assert.Contains("must be even", KissFftInt16.Unsupported(9));
            var m = new SignalModel();
            int input = m.Input(TensorType.FLOAT32, 8);
            int output = m.Output(TensorType.FLOAT32, 10);
            var e = Assert.Throws<McuAiException>(() => m.Build("SignalRfft", Options().Int("T", (int)TensorType.FLOAT32).Int("fft_length", 8).ToBytes(), new[] { input }, output));
            Assert.Equal(DiagnosticCodes.UnsupportedType, e.Code);
        }

        [Fact]
        public void Energy_squares_bins_in_range_in_wrapping_int32()
        {
            var m = new SignalModel();
            int input = m.Input(TensorType.INT16, 8);
            int output = m.Output(TensorType.UINT32, 4);
            var interpreter = m.Build("SignalEnergy", Options().Int("start_index", 1).Int("end_index", 3).ToBytes(), new[] { input }, output);
            var energy = interpreter.Run<uint>(0, new short[] { 3, 4, short.MinValue, short.MinValue, 1, -1, 7, 7 });
            // Bins 0 and 3 are outside [1, 3): zero. 2 · 32768² = 2^31 wraps in int32 and reads back as 2^31.
            Assert.Equal(new uint[] { 0, 2147483648u, 2, 0 }, energy);
        }

        [Fact]
        public void FilterBank_accumulates_weights_and_carries_unweights_to_the_next_channel()
        {
            var m = new SignalModel();
            int energies = m.Input(TensorType.UINT32, 4);
            int weights = m.Constant(TensorType.INT16, new[] { 4 }, (short)100, (short)200, (short)300, (short)400);
            int unweights = m.Constant(TensorType.INT16, new[] { 4 }, (short)1, (short)2, (short)3, (short)4);
            int starts = m.Constant(TensorType.INT16, new[] { 3 }, (short)0, (short)1, (short)2);
            int weightStarts = m.Constant(TensorType.INT16, new[] { 3 }, (short)0, (short)1, (short)2);
            int widths = m.Constant(TensorType.INT16, new[] { 3 }, (short)1, (short)1, (short)2);
            int output = m.Output(TensorType.UINT64, 2);
            var interpreter = m.Build("SignalFilterBank", Options().Int("num_channels", 2).ToBytes(),
                new[] { energies, weights, unweights, starts, weightStarts, widths }, output);
            // Scratch channel: 100·10 (discarded), carries 1·10. Channel 1: 10 + 200·20 = 4010, carries 2·20.
            // Channel 2: 40 + 300·30 + 400·40 = 25040.
            Assert.Equal(new ulong[] { 4010, 25040 }, interpreter.Run<ulong>(0, new uint[] { 10, 20, 30, 40 }));
        }

        [Fact]
        public void FilterBank_refuses_a_channel_that_reaches_past_the_spectrum()
        {
            var m = new SignalModel();
            int energies = m.Input(TensorType.UINT32, 4);
            int weights = m.Constant(TensorType.INT16, new[] { 4 }, new short[4]);
            int unweights = m.Constant(TensorType.INT16, new[] { 4 }, new short[4]);
            int starts = m.Constant(TensorType.INT16, new[] { 2 }, (short)0, (short)3);
            int weightStarts = m.Constant(TensorType.INT16, new[] { 2 }, (short)0, (short)0);
            int widths = m.Constant(TensorType.INT16, new[] { 2 }, (short)1, (short)2);
            int output = m.Output(TensorType.UINT64, 1);
            var e = Assert.Throws<McuAiException>(() => m.Build("SignalFilterBank", Options().Int("num_channels", 1).ToBytes(),
                new[] { energies, weights, unweights, starts, weightStarts, widths }, output));
            Assert.Equal(DiagnosticCodes.InvalidOperator, e.Code);
            Assert.Contains("channel 1 covers bins 3..4", e.Message);
        }

        [Fact]
        public void FilterBankSquareRoot_rounds_saturates_and_shifts()
        {
            var values = new ulong[] { 0, 1, 2, 3, 8, 0xFFFFFFFF, 1ul << 40, 1ul << 32 };
            uint[] Run(int shift)
            {
                var m = new SignalModel();
                int input = m.Input(TensorType.UINT64, values.Length);
                int scale = m.Input(TensorType.INT32);
                int output = m.Output(TensorType.UINT32, values.Length);
                return m.Build("SignalFilterBankSquareRoot", Options().ToBytes(), new[] { input, scale }, output).Run<uint>(0, values, new[] { shift });
            }
            // √2 = 1.41 → 1, √3 = 1.73 → 2, √8 = 2.83 → 3; √(2^32 − 1) stays 65535 (no rounding past 16 bits).
            Assert.Equal(new uint[] { 0, 1, 1, 2, 3, 65535, 1u << 20, 65536 }, Run(0));
            Assert.Equal(new uint[] { 0, 0, 0, 0, 0, 16383, 1u << 18, 16384 }, Run(2));
            Assert.Equal(32u, SignalMath.MostSignificantBit32(0));
            Assert.Equal(1u, SignalMath.MostSignificantBit32(1));
            Assert.Equal(33u, SignalMath.MostSignificantBit64(1ul << 32));
        }

        private static Func<uint[], (uint[] Output, uint[] Noise)> SpectralSubtraction(bool clamping)
        {
            var m = new SignalModel();
            int input = m.Input(TensorType.UINT32, 2);
            int output = m.Output(TensorType.UINT32, 2);
            int noise = m.Output(TensorType.UINT32, 2);
            // Q14 coefficients: smoothing 0.25 on even channels, 0.5 on odd ones; at least 0.25 of the signal remains.
            var options = Options().Int("num_channels", 2).Int("smoothing", 1 << 12).Int("one_minus_smoothing", 3 << 12)
                .Int("alternate_smoothing", 1 << 13).Int("alternate_one_minus_smoothing", 1 << 13).Int("min_signal_remaining", 1 << 12)
                .Int("smoothing_bits", 2).Int("spectral_subtraction_bits", 14).Bool("clamping", clamping);
            var interpreter = m.Build("SignalFilterBankSpectralSubtraction", options.ToBytes(), new[] { input }, output, noise);
            return signal => (interpreter.Run<uint>(0, signal), interpreter.Output(1).As<uint>().ToArray());
        }

        private static void AssertSubtraction(uint[] expectedOutput, uint[] expectedNoise, (uint[] Output, uint[] Noise) actual)
        {
            Assert.Equal(expectedOutput, actual.Output);
            Assert.Equal(expectedNoise, actual.Noise);
        }

        [Fact]
        public void SpectralSubtraction_smooths_the_noise_estimate_across_invocations()
        {
            var run = SpectralSubtraction(clamping: false);
            // Channel 0: signal 1000 · 4 = 4000, noise 4000 · 0.25 = 1000, (4000 − 1000) / 4 = 750 (floor 250).
            // Channel 1: signal 1600, noise 1600 · 0.5 = 800, (1600 − 800) / 4 = 200 (floor 100).
            AssertSubtraction(new uint[] { 750, 200 }, new uint[] { 1000, 800 }, run(new uint[] { 1000, 400 }));
            // Channel 0 goes silent: noise 1000 · 0.75 = 750 exceeds the signal, output 0, estimate kept (no clamping).
            // Channel 1: noise (1600 + 800) · 0.5 = 1200, (1600 − 1200) / 4 = 100, equal to the floor.
            AssertSubtraction(new uint[] { 0, 100 }, new uint[] { 750, 1200 }, run(new uint[] { 0, 400 }));
        }

        [Fact]
        public void SpectralSubtraction_with_clamping_pulls_the_estimate_down_to_the_signal()
        {
            var run = SpectralSubtraction(clamping: true);
            run(new uint[] { 1000, 400 });
            AssertSubtraction(new uint[] { 0, 100 }, new uint[] { 0, 1200 }, run(new uint[] { 0, 400 }));
        }

        [Fact]
        public void Pcan_applies_the_noise_dependent_gain_then_shrinks()
        {
            var table = new short[125];
            table[0] = 1024;   // gain 1.0 (Q10, with snr_shift 10) for a noise estimate of 0
            table[2] = 100;    // noise 3: top bit 2, coefficients from index 4·2 − 6 = 2
            table[3] = 64;
            var m = new SignalModel();
            int input = m.Input(TensorType.UINT32, 2);
            int noise = m.Input(TensorType.UINT32, 2);
            int gains = m.Constant(TensorType.INT16, new[] { 125 }, table);
            int output = m.Output(TensorType.UINT32, 2);
            var interpreter = m.Build("SignalPCAN", Options().Int("snr_shift", 10).ToBytes(), new[] { input, noise, gains }, output);
            // Noise 3: fraction (3 << 9) & 0x3FF = 512; ((64 << 5) · 512 + 2^14) >> 15 = 32; gain 100 + 32 = 132.
            Assert.Equal(132, PcanKernel.WideDynamicGain(3, table));
            // Channel 0: snr 4096 (1.0 in Q12), shrink 1²/4 = 0.25 = 16 in Q6.
            // Channel 1: snr 32768 · 132 >> 10 = 4224 (1.03), shrink 4224² >> 20 = 17.
            Assert.Equal(new uint[] { 16, 17 }, interpreter.Run<uint>(0, new uint[] { 4096, 32768 }, new uint[] { 0, 3 }));
            // Shrink is x − 1 from 2 on: 3.0 → 2.0 (128 in Q6); continuous at 2: 8191 → 63, 8192 → 64.
            Assert.Equal(128u, PcanKernel.Shrink(3 << 12));
            Assert.Equal(63u, PcanKernel.Shrink(8191));
            Assert.Equal(64u, PcanKernel.Shrink(8192));
        }

        [Fact]
        public void FilterBankLog_takes_scaled_natural_logs_and_saturates()
        {
            short[] Run(int scale, int correctionBits, params uint[] values)
            {
                var m = new SignalModel();
                int input = m.Input(TensorType.UINT32, values.Length);
                int output = m.Output(TensorType.INT16, values.Length);
                var options = Options().Int("input_correction_bits", correctionBits).Int("output_scale", scale).ToBytes();
                return m.Build("SignalFilterBankLog", options, new[] { input }, output).Run<short>(0, values);
            }
            // 0 and 1 give 0; ln 2 = 0.69 rounds to 1; ln 65536 = 11.09 → 11 (exact log2 16, no table correction).
            Assert.Equal(new short[] { 0, 0, 1, 11 }, Run(1, 0, 0, 1, 2, 65536));
            // 1 << 16 via the correction bits is the same value.
            Assert.Equal(new short[] { 11 }, Run(1, 16, 1));
            // ln(2^32 − 1) · 1000 = 22180.7: the table's last segment interpolates to 22182; · 2000 saturates.
            Assert.Equal(new short[] { 22182 }, Run(1000, 0, 0xFFFFFFFF));
            Assert.Equal(new short[] { short.MaxValue }, Run(2000, 0, 0xFFFFFFFF));
            // The correction table: log2(1 + f) − f in Q16, 0 at both ends, 5568 at f = 0.5.
            Assert.Equal(new[] { 0, 224, 5568, 142, 0 }, new[] { 0, 1, 64, 127, 128 }.Select(IntegerLog.Correction));
        }
    }
}
