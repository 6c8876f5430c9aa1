using McuAi.Diagnostics;
using McuAi.TfLite;
using Xunit;
using McuAi.Runtime.C.Bench;

namespace McuAi.Tests.Interpreter.Kernels2
{
    /// <summary>
    /// Hand-computed values for the activation kernels, chosen to hit TFLite's rounding rules: the
    /// 32-bit rescale rounds a real x.5 away from zero for positive values but towards +∞ (−1.5 → −1)
    /// for negative ones, because of its two rounding steps; saturation at the type limits.
    /// </summary>
    public class ActivationKernelTests
    {
        private static readonly int[] Shape = { 1, 6 };

        [Fact]
        public void Relu_int8_rescales_with_ties_away_from_zero_and_clamps_at_the_zero_point()
        {
            // input scale 0.5 → output scale 1: multiplier 0.5, so 0.5 → 1, 2.5 → 3, 68.5 → 69 (ties away from zero).
            var y = new SingleOpModel(BuiltinOperator.RELU)
                .Input(TensorType.INT8, Shape, 0.5f, -10)
                .Output(TensorType.INT8, Shape, 1f, -128)
                .Run<sbyte, sbyte>(new sbyte[] { -11, -9, -5, 0, 127, -128 });
            // x − zp: −1, 1, 5, 10, 137, −118 → halves: −0.5, 0.5, 2.5, 5, 68.5, −59 → +(−128), min −128.
            Assert.Equal(new sbyte[] { -128, -127, -125, -123, -59, -128 }, y);
        }

        [Fact]
        public void Relu6_int8_clamps_raw_values_between_zero_point_and_six()
        {
            // scale 0.25, zero point −20: six = round(6 / 0.25) − 20 = 4.
            var y = new SingleOpModel(BuiltinOperator.RELU6)
                .Input(TensorType.INT8, Shape, 0.25f, -20)
                .Output(TensorType.INT8, Shape, 0.25f, -20)
                .Run<sbyte, sbyte>(new sbyte[] { -128, -21, -20, 0, 4, 127 });
            Assert.Equal(new sbyte[] { -20, -20, -20, 0, 4, 4 }, y);
        }

        [Fact]
        public void Relu_and_relu6_float()
        {
            var x = new[] { -2f, -0f, 0.5f, 5.9f, 6.1f, float.MaxValue };
            Assert.Equal(new[] { 0f, 0f, 0.5f, 5.9f, 6.1f, float.MaxValue },
                new SingleOpModel(BuiltinOperator.RELU).Input(TensorType.FLOAT32, Shape).Output(TensorType.FLOAT32, Shape).Run<float, float>(x));
            Assert.Equal(new[] { 0f, 0f, 0.5f, 5.9f, 6f, 6f },
                new SingleOpModel(BuiltinOperator.RELU6).Input(TensorType.FLOAT32, Shape).Output(TensorType.FLOAT32, Shape).Run<float, float>(x));
        }

        [Fact]
        public void Leaky_relu_int8_rounds_negative_ties_towards_plus_infinity_and_saturates()
        {
            // alpha 0.5, scales 1: −3 → −1.5 → −1 and −5 → −2.5 → −2 (TFLite's double rounding); 127 stays.
            var y = new SingleOpModel(BuiltinOperator.LEAKY_RELU, "LeakyReluOptions", ("alpha", 0.5f))
                .Input(TensorType.INT8, Shape, 1f, 0)
                .Output(TensorType.INT8, Shape, 1f, 0)
                .Run<sbyte, sbyte>(new sbyte[] { -3, -5, -128, 0, 7, 127 });
            Assert.Equal(new sbyte[] { -1, -2, -64, 0, 7, 127 }, y);

            // Output scale 0.25: the identity multiplier is 4, so 100 saturates at 127 and −100·0.5·4 at −128.
            var z = new SingleOpModel(BuiltinOperator.LEAKY_RELU, "LeakyReluOptions", ("alpha", 0.5f))
                .Input(TensorType.INT8, Shape, 1f, 0)
                .Output(TensorType.INT8, Shape, 0.25f, 0)
                .Run<sbyte, sbyte>(new sbyte[] { 100, -100, 31, -31, 32, -64 });
            Assert.Equal(new sbyte[] { 127, -128, 124, -62, 127, -128 }, z);
        }

        [Fact]
        public void Leaky_relu_float_keeps_positive_values_and_scales_negative_ones()
        {
            var y = new SingleOpModel(BuiltinOperator.LEAKY_RELU, "LeakyReluOptions", ("alpha", 0.2f))
                .Input(TensorType.FLOAT32, Shape).Output(TensorType.FLOAT32, Shape)
                .Run<float, float>(new[] { -10f, -1f, 0f, 1f, 2.5f, -0.5f });
            Assert.Equal(new[] { -2f, -0.2f, 0f, 1f, 2.5f, -0.1f }, y);
        }

        [Fact]
        public void Logistic_int8_matches_the_rounded_sigmoid_and_saturates_beyond_the_radius()
        {
            // Input scale 1: the Q4.27 radius is floor(15 · 2^27 / 2^28) = 7.
            // sigmoid(2) · 256 = 225.48 → 225 − 128 = 97; sigmoid(−2) · 256 = 30.52 → 31 − 128 = −97.
            var y = new SingleOpModel(BuiltinOperator.LOGISTIC)
                .Input(TensorType.INT8, Shape, 1f, 0)
                .Output(TensorType.INT8, Shape, 1f / 256, -128)
                .Run<sbyte, sbyte>(new sbyte[] { 0, 2, -2, 7, -7, 6 });
            // sigmoid(6) · 256 = 255.37 → 255 − 128 = 127.
            Assert.Equal(new sbyte[] { 0, 97, -97, 127, -128, 127 }, y);
        }

        [Fact]
        public void Tanh_int8_matches_the_rounded_tanh_and_saturates_beyond_the_radius()
        {
            // Input scale 1/16: radius floor(15 · 2^27 / 2^24) = 120. tanh(0.5) · 128 = 59.15 → 59.
            var y = new SingleOpModel(BuiltinOperator.TANH)
                .Input(TensorType.INT8, Shape, 1f / 16, 0)
                .Output(TensorType.INT8, Shape, 1f / 128, 0)
                .Run<sbyte, sbyte>(new sbyte[] { 0, 8, -8, 120, -120, 16 });
            // tanh(1) · 128 = 97.48 → 97.
            Assert.Equal(new sbyte[] { 0, 59, -59, 127, -128, 97 }, y);
        }

        [Fact]
        public void Logistic_and_tanh_float()
        {
            var x = new[] { 0f, 1f, -1f, 20f, -20f, 0.5f };
            var s = new SingleOpModel(BuiltinOperator.LOGISTIC).Input(TensorType.FLOAT32, Shape).Output(TensorType.FLOAT32, Shape).Run<float, float>(x);
            var t = new SingleOpModel(BuiltinOperator.TANH).Input(TensorType.FLOAT32, Shape).Output(TensorType.FLOAT32, Shape).Run<float, float>(x);
            for (int i = 0; i < x.Length; i++)
            {
                Assert.Equal(1 / (1 + System.Math.Exp(-x[i])), s[i], 6);
                Assert.Equal(System.Math.Tanh(x[i]), t[i], 6);
            }
            Assert.Equal(1f, s[3]);
        }

        [Fact]
        public void Hard_swish_int8_follows_TFLMs_16_bit_fixed_point_steps()
        {
            // Scales 0.05: 1.0 → 1·4/6 = 0.667 → 13.3 → 13; −1.0 → −0.333 → −6.67 → −7;
            // 3.0 and 5.0 pass through; −5.0 gives 0.
            var y = new SingleOpModel(BuiltinOperator.HARD_SWISH)
                .Input(TensorType.INT8, Shape, 0.05f, 0)
                .Output(TensorType.INT8, Shape, 0.05f, 0)
                .Run<sbyte, sbyte>(new sbyte[] { 0, 20, -20, 60, 100, -100 });
            Assert.Equal(new sbyte[] { 0, 13, -7, 60, 100, 0 }, y);
        }

        [Fact]
        public void Hard_swish_float()
        {
            var y = new SingleOpModel(BuiltinOperator.HARD_SWISH).Input(TensorType.FLOAT32, Shape).Output(TensorType.FLOAT32, Shape)
                .Run<float, float>(new[] { -4f, -3f, -1.5f, 0f, 1.5f, 4f });
            Assert.Equal(new[] { -0f, -0f, -0.375f, 0f, 1.125f, 4f }, y);
        }

        [Fact]
        public void Int16_logistic_with_an_output_scale_other_than_2_to_the_minus_15_is_a_coded_error_naming_the_operator()
        {
            var model = new SingleOpModel(BuiltinOperator.LOGISTIC)
                .Input(TensorType.INT16, Shape, 1f / 4096, 0)
                .Output(TensorType.INT16, Shape, 1f / 256, 0);
            var e = Assert.Throws<McuAiException>(() => model.Build());
            Assert.Equal(DiagnosticCodes.InvalidOperator, e.Code);
            Assert.Contains("operator 0 (LOGISTIC)", e.Message);
        }

        [Fact]
        public void Int16_hard_swish_is_refused_with_a_coded_error_naming_the_operator()
        {
            var model = new SingleOpModel(BuiltinOperator.HARD_SWISH)
                .Input(TensorType.INT16, Shape, 1f / 4096, 0)
                .Output(TensorType.INT16, Shape, 1f / 4096, 0);
            var e = Assert.Throws<McuAiException>(() => model.Build());
            Assert.Equal(DiagnosticCodes.UnsupportedType, e.Code);
            Assert.Contains("operator 0 (HARD_SWISH)", e.Message);
        }
    }
}
