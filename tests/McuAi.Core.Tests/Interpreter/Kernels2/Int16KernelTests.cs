using System;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;
using Xunit;
using McuAi.Runtime.C.Bench;

namespace McuAi.Tests.Interpreter.Kernels2
{
    /// <summary>Hand-computed values for the 16x8 kernels: FULLY_CONNECTED, pooling, MUL, DEPTHWISE_CONV_2D, LOGISTIC, TANH, SOFTMAX.</summary>
    public class Int16KernelTests
    {
        private static SingleOpModel FullyConnected(bool int64Bias)
        {
            var model = new SingleOpModel(BuiltinOperator.FULLY_CONNECTED, "FullyConnectedOptions")
                .Input(TensorType.INT16, new[] { 1, 2 }, 1f, 0)
                .Constant(TensorType.INT8, new[] { 2, 2 }, new sbyte[] { 1, 0, 3, -4 }, 0.25f);
            model = int64Bias ? model.Constant(TensorType.INT64, new[] { 2 }, new long[] { 0, 0 }) : model.Constant(TensorType.INT32, new[] { 2 }, new[] { 0, 0 });
            return model.Output(TensorType.INT16, new[] { 1, 2 }, 1f, 0);
        }

        [Fact]
        public void Fully_connected_int16_accumulates_like_its_bias_type()
        {
            // Multiplier 0.25 (Q31 2^30, shift −1). Output 0: 5 → 1.25. int64 bias: one rounding, (5·2^14 + 2^15) >> 16 = 1.
            // int32 bias: TFLM rounds twice, round(5/2) = 3 then round(3/2) = 2.
            var wide = FullyConnected(int64Bias: true).Run<short, short>(new short[] { 5, 2000 });
            var narrow = FullyConnected(int64Bias: false).Run<short, short>(new short[] { 5, 2000 });
            // Output 1: 3·5 − 4·2000 = −7985 → −1996.25 → −1996 (both roundings agree).
            Assert.Equal(new short[] { 1, -1996 }, wide);
            Assert.Equal(new short[] { 2, -1996 }, narrow);
        }

        [Fact]
        public void Fully_connected_int16_adds_the_bias_and_saturates()
        {
            var y = new SingleOpModel(BuiltinOperator.FULLY_CONNECTED, "FullyConnectedOptions")
                .Input(TensorType.INT16, new[] { 1, 2 }, 1f, 0)
                .Constant(TensorType.INT8, new[] { 2, 2 }, new sbyte[] { 127, 127, -1, 0 }, 1f)
                .Constant(TensorType.INT64, new[] { 2 }, new long[] { 0, 10 })
                .Output(TensorType.INT16, new[] { 1, 2 }, 1f, 0)
                .Run<short, short>(new short[] { 30000, 30000 });
            Assert.Equal(new short[] { short.MaxValue, -29990 }, y);
        }

        [Fact]
        public void Average_and_max_pool_int16_round_and_pick_like_int8()
        {
            short[] x = { 1, 2, -1, -2, 30000, 30001, -7, 8 };
            var avg = new SingleOpModel(BuiltinOperator.AVERAGE_POOL_2D, "Pool2DOptions", ("padding", Padding.VALID), ("stride_w", 2), ("stride_h", 1), ("filter_width", 2), ("filter_height", 1))
                .Input(TensorType.INT16, new[] { 1, 1, 8, 1 }, 0.5f, 0)
                .Output(TensorType.INT16, new[] { 1, 1, 4, 1 }, 0.5f, 0)
                .Run<short, short>(x);
            // (1 + 2 + 1) / 2 = 2; (−3 − 1) / 2 = −2; 60001 + 1 → 30001; 1 / 2 rounds to 1.
            Assert.Equal(new short[] { 2, -2, 30001, 1 }, avg);
            var max = new SingleOpModel(BuiltinOperator.MAX_POOL_2D, "Pool2DOptions", ("padding", Padding.VALID), ("stride_w", 2), ("stride_h", 1), ("filter_width", 2), ("filter_height", 1))
                .Input(TensorType.INT16, new[] { 1, 1, 8, 1 }, 0.5f, 0)
                .Output(TensorType.INT16, new[] { 1, 1, 4, 1 }, 0.5f, 0)
                .Run<short, short>(x);
            Assert.Equal(new short[] { 2, -1, 30001, 8 }, max);
        }

        [Fact]
        public void Mul_int16_rounds_the_product_with_TFLMs_double_rounding()
        {
            // Output scale 2: 15/2 = 7.5 → 8, −15/2 → −7 (gemmlowp's high multiply rounds −7.5 towards zero here).
            var interpreter = new SingleOpModel(BuiltinOperator.MUL, "MulOptions")
                .Input(TensorType.INT16, new[] { 2 }, 1f, 0)
                .Input(TensorType.INT16, new[] { 2 }, 1f, 0)
                .Output(TensorType.INT16, new[] { 2 }, 2f, 0)
                .Build();
            Assert.Equal(new short[] { 8, -7 }, SingleOpModel.Invoke<short>(interpreter, new short[] { 3, -3 }, new short[] { 5, 5 }));
            var e = Assert.Throws<McuAiException>(() => new SingleOpModel(BuiltinOperator.MUL, "MulOptions")
                .Input(TensorType.INT16, new[] { 2 }, 1f, 1).Input(TensorType.INT16, new[] { 2 }, 1f, 0).Output(TensorType.INT16, new[] { 2 }, 2f, 0).Build());
            Assert.Equal(DiagnosticCodes.InvalidOperator, e.Code);
        }

        [Fact]
        public void Depthwise_int16_multiplies_each_channel_by_its_own_taps()
        {
            // Input 1×1×3×2 (two channels), filter 1×1×2×4 (depth multiplier 2), VALID: output 1×1×2×4.
            var y = new SingleOpModel(BuiltinOperator.DEPTHWISE_CONV_2D, "DepthwiseConv2DOptions", ("padding", Padding.VALID), ("stride_w", 1), ("stride_h", 1), ("depth_multiplier", 2))
                .Input(TensorType.INT16, new[] { 1, 1, 3, 2 }, 1f, 0)
                .Constant(TensorType.INT8, new[] { 1, 1, 2, 4 }, new sbyte[] { 1, 2, 3, 4, -1, -2, -3, -4 }).PerChannel(new[] { 1f, 1f, 1f, 0.5f }, 3)
                .Constant(TensorType.INT64, new[] { 4 }, new long[] { 0, 0, 0, 1 })
                .Output(TensorType.INT16, new[] { 1, 1, 2, 4 }, 1f, 0)
                .Run<short, short>(new short[] { 10, 100, 20, 200, 30, 300 });
            // Pixel 0: ch0 (a=10, next 20): 1·10 − 1·20 = −10; 2·10 − 2·20 = −20; ch1 (100, 200): 3·100 − 3·200 = −300;
            // (4·100 − 4·200 + 1)·0.5 = −199.5 → −199 (one rounding, ties up). Pixel 1 likewise from (20, 30) and (200, 300).
            Assert.Equal(new short[] { -10, -20, -300, -199, -10, -20, -300, -199 }, y);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Int16_logistic_and_tanh_are_within_one_and_a_half_steps_of_the_real_functions_everywhere(bool tanh)
        {
            // Input scale 2^-12 (the table's own scaling): every int16 input.
            var input = Enumerable.Range(short.MinValue, 65536).Select(v => (short)v).ToArray();
            var y = new SingleOpModel(tanh ? BuiltinOperator.TANH : BuiltinOperator.LOGISTIC)
                .Input(TensorType.INT16, new[] { input.Length }, 1f / 4096, 0)
                .Output(TensorType.INT16, new[] { input.Length }, 1f / 32768, 0)
                .Run<short, short>(input);
            double worst = 0;
            for (int i = 0; i < input.Length; i++)
            {
                double x = input[i] / 4096.0;
                double exact = 32768 * (tanh ? Math.Tanh(x) : 1 / (1 + Math.Exp(-x)));
                worst = Math.Max(worst, Math.Abs(y[i] - Math.Min(exact, 32767)));
            }
            Assert.Equal(tanh ? (short)0 : (short)16384, y[32768]); // x = 0
            // With the table's nodes raised by half the chord sag the worst is 1.02 (logistic) and 1.48 (tanh)
            // steps; the earlier least-squares table reached 1.12 and 1.64.
            Assert.True(worst <= 1.5, $"worst error {worst:F2} steps of 2^-15");
        }

        [Fact]
        public void Int16_logistic_with_a_general_input_scale_uses_an_integer_multiplier()
        {
            // Scale 1/1000: multiplier 3·4096/1000 = 12.288, doubled to 12582.9 with shift 10 → 12582.
            var y = new SingleOpModel(BuiltinOperator.LOGISTIC)
                .Input(TensorType.INT16, new[] { 3 }, 1f / 1000, 0)
                .Output(TensorType.INT16, new[] { 3 }, 1f / 32768, 0)
                .Run<short, short>(new short[] { 0, 1000, -2000 });
            double[] exact = { 16384, 32768 / (1 + Math.Exp(-1)), 32768 / (1 + Math.Exp(2)) };
            for (int i = 0; i < 3; i++) Assert.True(Math.Abs(y[i] - exact[i]) <= 2, $"{y[i]} vs {exact[i]:F1}");
            var e = Assert.Throws<McuAiException>(() => new SingleOpModel(BuiltinOperator.LOGISTIC)
                .Input(TensorType.INT16, new[] { 3 }, 1f / 1000, 0).Output(TensorType.INT16, new[] { 3 }, 1f / 256, 0).Build());
            Assert.Contains("2^-15", e.Message);
        }

        [Fact]
        public void Int16_softmax_sums_to_one_and_tracks_the_real_softmax()
        {
            short[] x = { 0, 1000, 2000, -3000, 2000, 30000 / 10 };
            var y = new SingleOpModel(BuiltinOperator.SOFTMAX, "SoftmaxOptions", ("beta", 1f))
                .Input(TensorType.INT16, new[] { 1, x.Length }, 1f / 1024, 0)
                .Output(TensorType.INT16, new[] { 1, x.Length }, 1f / 32768, 0)
                .Run<short, short>(x);
            var e = x.Select(v => Math.Exp(v / 1024.0)).ToArray();
            double sum = e.Sum();
            for (int i = 0; i < x.Length; i++)
                Assert.True(Math.Abs(y[i] - 32768 * e[i] / sum) <= 40, $"{i}: {y[i]} vs {32768 * e[i] / sum:F1}");
            Assert.InRange(y.Sum(v => (int)v), 32768 - 60, 32768 + 60);
        }
    }
}
