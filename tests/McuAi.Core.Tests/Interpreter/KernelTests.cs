using System.Collections.Generic;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Interpreter
{
    /// <summary>
    /// Each kernel on a one-operator model with values computed by hand from TFLM's arithmetic:
    /// rounding of ties (positive and negative), saturation at the type's limits, fused activations.
    /// </summary>
    public class KernelTests
    {
        private static Dictionary<string, object> Opts(params (string Name, object Value)[] fields)
        {
            var d = new Dictionary<string, object>();
            foreach (var (name, value) in fields) d[name] = value;
            return d;
        }

        [Fact]
        public void AveragePool_int8_rounds_the_mean_half_away_from_zero()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.INT8, new[] { 1, 1, 2, 3 }, 1f, 0);
            int output = m.Activation(TensorType.INT8, new[] { 1, 1, 1, 3 }, 1f, 0, input: false);
            var interpreter = m.Build(BuiltinOperator.AVERAGE_POOL_2D, new[] { input }, output, "Pool2DOptions",
                Opts(("padding", 1), ("stride_w", 1), ("stride_h", 1), ("filter_width", 2), ("filter_height", 1)));
            // channel 0: (1 + 2) / 2 = 1.5 → 2; channel 1: (−1 − 2) / 2 = −1.5 → −2; channel 2: (−1 + 0) / 2 = −0.5 → −1
            var result = TinyRun.Run<sbyte, sbyte>(interpreter, new sbyte[] { 1, -1, -1, 2, -2, 0 });
            Assert.Equal(new sbyte[] { 2, -2, -1 }, result);
        }

        [Fact]
        public void AveragePool_float_ignores_padding_positions()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.FLOAT32, new[] { 1, 2, 2, 1 });
            int output = m.Activation(TensorType.FLOAT32, new[] { 1, 2, 2, 1 }, input: false);
            var interpreter = m.Build(BuiltinOperator.AVERAGE_POOL_2D, new[] { input }, output, "Pool2DOptions",
                Opts(("padding", 0), ("stride_w", 1), ("stride_h", 1), ("filter_width", 2), ("filter_height", 2)));
            // SAME padding adds a row below and a column right: the windows hold 4, 2, 2 and 1 values.
            var result = TinyRun.Run<float, float>(interpreter, new float[] { 1, 2, 3, 4 });
            Assert.Equal(new float[] { 2.5f, 3f, 3.5f, 4f }, result);
        }

        [Fact]
        public void MaxPool_int8_applies_the_fused_relu_range()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.INT8, new[] { 1, 2, 2, 1 }, 0.5f, -10);
            int output = m.Activation(TensorType.INT8, new[] { 1, 1, 1, 1 }, 0.5f, -10, input: false);
            var interpreter = m.Build(BuiltinOperator.MAX_POOL_2D, new[] { input }, output, "Pool2DOptions",
                Opts(("padding", 1), ("stride_w", 2), ("stride_h", 2), ("filter_width", 2), ("filter_height", 2), ("fused_activation_function", 1)));
            // max is −20 (real −5); RELU clamps to the zero point −10 (real 0).
            Assert.Equal(new sbyte[] { -10 }, TinyRun.Run<sbyte, sbyte>(interpreter, new sbyte[] { -50, -20, -30, -128 }));
        }

        [Theory]
        [InlineData(1, 2, 2)]      // 0.5 + 1.0 = 1.5 → 2
        [InlineData(-1, -2, -2)]   // −1.5 → −2 (the final rounding shift rounds ties away from zero)
        [InlineData(127, 127, 127)] // 127 saturates
        [InlineData(-128, -128, -128)]
        public void Add_int8_rescales_both_inputs_then_the_sum(sbyte a, sbyte b, sbyte expected)
        {
            var m = new TinyModel();
            int x = m.Activation(TensorType.INT8, new[] { 1 }, 0.5f, 0);
            int y = m.Activation(TensorType.INT8, new[] { 1 }, 0.5f, 0);
            int output = m.Activation(TensorType.INT8, new[] { 1 }, 1f, 0, input: false);
            var interpreter = m.Build(BuiltinOperator.ADD, new[] { x, y }, output, "AddOptions");
            Assert.Equal(new[] { expected }, TinyRun.Run<sbyte, sbyte>(interpreter, new[] { a }, new[] { b }));
        }

        [Fact]
        public void Add_float_broadcasts_a_per_channel_vector()
        {
            var m = new TinyModel();
            int x = m.Activation(TensorType.FLOAT32, new[] { 1, 2, 3 });
            int y = m.Activation(TensorType.FLOAT32, new[] { 3 });
            int output = m.Activation(TensorType.FLOAT32, new[] { 1, 2, 3 }, input: false);
            var interpreter = m.Build(BuiltinOperator.ADD, new[] { x, y }, output, "AddOptions", Opts(("fused_activation_function", 3)));
            var result = TinyRun.Run<float, float>(interpreter, new float[] { 1, 2, 3, -4, 5, 6 }, new float[] { 10, 0, -1 });
            Assert.Equal(new float[] { 6, 2, 2, 6, 5, 5 }, result); // RELU6 clamps
        }

        [Theory]
        [InlineData(3, 5, 8)]     // 15 / 2 = 7.5 → 8
        [InlineData(-3, 5, -7)]   // −7.5 → −7: the doubling high multiply rounds negative ties up
        [InlineData(100, 100, 127)]
        public void Mul_int8_rescales_the_product(sbyte a, sbyte b, sbyte expected)
        {
            var m = new TinyModel();
            int x = m.Activation(TensorType.INT8, new[] { 1 }, 1f, 0);
            int y = m.Activation(TensorType.INT8, new[] { 1 }, 1f, 0);
            int output = m.Activation(TensorType.INT8, new[] { 1 }, 2f, 0, input: false);
            var interpreter = m.Build(BuiltinOperator.MUL, new[] { x, y }, output, "MulOptions");
            Assert.Equal(new[] { expected }, TinyRun.Run<sbyte, sbyte>(interpreter, new[] { a }, new[] { b }));
        }

        [Fact]
        public void FullyConnected_int8_offsets_input_adds_bias_and_applies_relu()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.INT8, new[] { 1, 2 }, 1f, 1);
            int weights = m.Constant(TensorType.INT8, new[] { 3, 2 }, new sbyte[] { 1, 1, 2, -1, -3, 0 }, new[] { 1f });
            int bias = m.Constant(TensorType.INT32, new[] { 3 }, new[] { 0, 4, 0 });
            int output = m.Activation(TensorType.INT8, new[] { 1, 3 }, 2f, 0, input: false);
            var interpreter = m.Build(BuiltinOperator.FULLY_CONNECTED, new[] { input, weights, bias }, output, "FullyConnectedOptions",
                Opts(("fused_activation_function", 1)));
            // x − zp = (0, 1): acc = (1, −1 + 4, 0) = (1, 3, 0); / 2 = (0.5 → 1, 1.5 → 2, 0)
            Assert.Equal(new sbyte[] { 1, 2, 0 }, TinyRun.Run<sbyte, sbyte>(interpreter, new sbyte[] { 1, 2 }));
            // x − zp = (−3, 0): acc = (−3, −6 + 4, 9) = (−3, −2, 9) → (−1.5, −1, 4.5) → RELU → (0, 0, 5)
            Assert.Equal(new sbyte[] { 0, 0, 5 }, TinyRun.Run<sbyte, sbyte>(interpreter, new sbyte[] { -2, 1 }));
        }

        [Fact]
        public void Conv2D_float_same_padding_counts_only_inside_values()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.FLOAT32, new[] { 1, 3, 3, 1 });
            int filter = m.Constant(TensorType.FLOAT32, new[] { 1, 3, 3, 1 }, new float[] { 1, 1, 1, 1, 1, 1, 1, 1, 1 });
            int output = m.Activation(TensorType.FLOAT32, new[] { 1, 3, 3, 1 }, input: false);
            var interpreter = m.Build(BuiltinOperator.CONV_2D, new[] { input, filter, -1 }, output, "Conv2DOptions",
                Opts(("padding", 0), ("stride_w", 1), ("stride_h", 1)));
            var result = TinyRun.Run<float, float>(interpreter, new float[] { 1, 1, 1, 1, 1, 1, 1, 1, 1 });
            Assert.Equal(new float[] { 4, 6, 4, 6, 9, 6, 4, 6, 4 }, result);
        }

        [Fact]
        public void Conv2D_int8_uses_per_channel_scales_and_skips_padding()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.INT8, new[] { 1, 1, 2, 1 }, 1f, -1);
            // Two output channels, 1x2 window, with scales 1 and 0.5.
            int filter = m.Constant(TensorType.INT8, new[] { 2, 1, 2, 1 }, new sbyte[] { 1, 2, 3, -1 }, new[] { 1f, 0.5f });
            int bias = m.Constant(TensorType.INT32, new[] { 2 }, new[] { 1, -1 });
            int output = m.Activation(TensorType.INT8, new[] { 1, 1, 2, 2 }, 1f, 3, input: false);
            var interpreter = m.Build(BuiltinOperator.CONV_2D, new[] { input, filter, bias }, output, "Conv2DOptions",
                Opts(("padding", 0), ("stride_w", 1), ("stride_h", 1)));
            // x − zp = (3, −2). Pixel 0 sees (3, −2); pixel 1 sees (−2, padding).
            // ch0: 1·3 + 2·(−2) + 1 = 0 → 0 + 3 = 3;       pixel 1: 1·(−2) + 1 = −1 → 2
            // ch1: (3·3 − 1·(−2) − 1) · 0.5 = 5 → 8;       pixel 1: (3·(−2) − 1) · 0.5 = −3.5 → −3 (doubling high multiply) → 0
            Assert.Equal(new sbyte[] { 3, 8, 2, 0 }, TinyRun.Run<sbyte, sbyte>(interpreter, new sbyte[] { 2, -3 }));
        }

        [Fact]
        public void DepthwiseConv2D_int8_with_depth_multiplier_maps_channel_c_to_c_times_m()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.INT8, new[] { 1, 1, 1, 2 }, 1f, 0);
            int filter = m.Constant(TensorType.INT8, new[] { 1, 1, 1, 4 }, new sbyte[] { 1, -1, 2, 3 }, new[] { 1f, 1f, 1f, 1f }, quantizedDimension: 3);
            int output = m.Activation(TensorType.INT8, new[] { 1, 1, 1, 4 }, 1f, 0, input: false);
            var interpreter = m.Build(BuiltinOperator.DEPTHWISE_CONV_2D, new[] { input, filter, -1 }, output, "DepthwiseConv2DOptions",
                Opts(("padding", 1), ("stride_w", 1), ("stride_h", 1), ("depth_multiplier", 2)));
            Assert.Equal(new sbyte[] { 10, -10, 100, 127 }, TinyRun.Run<sbyte, sbyte>(interpreter, new sbyte[] { 10, 50 }));
        }

        [Fact]
        public void Softmax_int8_of_equal_inputs_is_a_quarter_each()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.INT8, new[] { 1, 4 }, 0.1f, 0);
            int output = m.Activation(TensorType.INT8, new[] { 1, 4 }, 1f / 256, -128, input: false);
            var interpreter = m.Build(BuiltinOperator.SOFTMAX, new[] { input }, output, "SoftmaxOptions", Opts(("beta", 1f)));
            Assert.Equal(new sbyte[] { -64, -64, -64, -64 }, TinyRun.Run<sbyte, sbyte>(interpreter, new sbyte[] { 7, 7, 7, 7 }));
            // One input far above the others takes everything: 1.0 saturates at 127 (255/256), the rest are exactly 0 (−128).
            Assert.Equal(new sbyte[] { -128, 127, -128, -128 }, TinyRun.Run<sbyte, sbyte>(interpreter, new sbyte[] { -128, 127, -128, -128 }));
        }

        [Fact]
        public void Softmax_float_matches_the_formula()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.FLOAT32, new[] { 1, 3 });
            int output = m.Activation(TensorType.FLOAT32, new[] { 1, 3 }, input: false);
            var interpreter = m.Build(BuiltinOperator.SOFTMAX, new[] { input }, output, "SoftmaxOptions", Opts(("beta", 2f)));
            var result = TinyRun.Run<float, float>(interpreter, new float[] { 1, 2, 3 });
            double sum = System.Math.Exp(2) + System.Math.Exp(4) + System.Math.Exp(6);
            Assert.Equal(System.Math.Exp(2) / sum, result[0], 6);
            Assert.Equal(System.Math.Exp(6) / sum, result[2], 6);
        }

        [Fact]
        public void Quantize_float_to_int8_rounds_ties_away_from_zero_and_saturates()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.FLOAT32, new[] { 5 });
            int output = m.Activation(TensorType.INT8, new[] { 5 }, 0.5f, -1, input: false);
            var interpreter = m.Build(BuiltinOperator.QUANTIZE, new[] { input }, output);
            // 0.25 / 0.5 = 0.5 → 1, −0.25 → −1, −0.75 → −1.5 → −2; then + zero point −1; ±100 saturate.
            Assert.Equal(new sbyte[] { 0, -2, -3, 127, -128 }, TinyRun.Run<float, sbyte>(interpreter, new float[] { 0.25f, -0.25f, -0.75f, 100f, -100f }));
        }

        [Fact]
        public void Quantize_int8_to_uint8_requantizes()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.INT8, new[] { 3 }, 1f, 0);
            int output = m.Activation(TensorType.UINT8, new[] { 3 }, 2f, 128, input: false);
            var interpreter = m.Build(BuiltinOperator.QUANTIZE, new[] { input }, output);
            // 3 / 2 = 1.5 → 2 + 128; −3 / 2 = −1.5 → −1 (doubling high multiply) + 128; −128 / 2 = −64 + 128
            Assert.Equal(new byte[] { 130, 127, 64 }, TinyRun.Run<sbyte, byte>(interpreter, new sbyte[] { 3, -3, -128 }));
        }

        [Fact]
        public void Dequantize_int8_to_float()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.INT8, new[] { 2 }, 0.5f, 10);
            int output = m.Activation(TensorType.FLOAT32, new[] { 2 }, input: false);
            var interpreter = m.Build(BuiltinOperator.DEQUANTIZE, new[] { input }, output);
            Assert.Equal(new float[] { -69f, 58.5f }, TinyRun.Run<sbyte, float>(interpreter, new sbyte[] { -128, 127 }));
        }

        [Fact]
        public void Reshape_copies_bytes()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.INT8, new[] { 2, 2 });
            int output = m.Activation(TensorType.INT8, new[] { 4 }, input: false);
            var interpreter = m.Build(BuiltinOperator.RESHAPE, new[] { input }, output);
            Assert.Equal(new sbyte[] { 1, -2, 3, -4 }, TinyRun.Run<sbyte, sbyte>(interpreter, new sbyte[] { 1, -2, 3, -4 }));
        }

        [Fact]
        public void Unsupported_type_is_a_coded_error_naming_the_operator()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.INT32, new[] { 1, 2, 2, 1 });
            int output = m.Activation(TensorType.INT32, new[] { 1, 1, 1, 1 }, input: false);
            var e = Assert.Throws<McuAiException>(() => m.Build(BuiltinOperator.MAX_POOL_2D, new[] { input }, output, "Pool2DOptions",
                Opts(("padding", 1), ("stride_w", 2), ("stride_h", 2), ("filter_width", 2), ("filter_height", 2))));
            Assert.Equal(DiagnosticCodes.UnsupportedType, e.Code);
            Assert.Contains("operator 0 (MAX_POOL_2D)", e.Message);
        }

        [Fact]
        public void Activation_bound_beyond_int32_is_a_coded_error()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.INT8, new[] { 1, 1, 2, 1 }, 1f, 0);
            int output = m.Activation(TensorType.INT8, new[] { 1, 1, 1, 1 }, 1e-30f, 0, input: false);
            var e = Assert.Throws<McuAiException>(() => m.Build(BuiltinOperator.MAX_POOL_2D, new[] { input }, output, "Pool2DOptions",
                Opts(("padding", 1), ("stride_w", 2), ("stride_h", 1), ("filter_width", 2), ("filter_height", 1), ("fused_activation_function", 3))));
            Assert.Equal(DiagnosticCodes.InvalidOperator, e.Code);
            Assert.Contains("RELU6", e.Message);
        }

        [Fact]
        public void Inconsistent_shapes_are_a_coded_error()
        {
            var m = new TinyModel();
            int input = m.Activation(TensorType.FLOAT32, new[] { 1, 4, 4, 1 });
            int output = m.Activation(TensorType.FLOAT32, new[] { 1, 3, 3, 1 }, input: false);
            var e = Assert.Throws<McuAiException>(() => m.Build(BuiltinOperator.MAX_POOL_2D, new[] { input }, output, "Pool2DOptions",
                Opts(("padding", 1), ("stride_w", 2), ("stride_h", 2), ("filter_width", 2), ("filter_height", 2))));
            Assert.Equal(DiagnosticCodes.InvalidOperator, e.Code);
        }
    }
}
