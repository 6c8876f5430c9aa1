using McuAi.Diagnostics;
using McuAi.TfLite;
using Xunit;
using McuAi.Runtime.C.Bench;

namespace McuAi.Tests.Interpreter.Kernels2
{
    /// <summary>Hand-computed values for the element-wise arithmetic, reduction and requantization kernels.</summary>
    public class ArithmeticKernelTests
    {
        [Fact]
        public void Sub_int8_is_exact_for_integral_results_and_saturates()
        {
            // All scales 1: both inputs are halved onto the common 2^20-shifted scale, the difference
            // rescaled by 2^-19; 10 − 3 = 7 exactly, 127 − (−128) = 255 saturates, −128 − 127 too.
            var interpreter = new SingleOpModel(BuiltinOperator.SUB, "SubOptions")
                .Input(TensorType.INT8, new[] { 3 }, 1f, 0)
                .Input(TensorType.INT8, new[] { 3 }, 1f, 0)
                .Output(TensorType.INT8, new[] { 3 }, 1f, 0)
                .Build();
            var y = SingleOpModel.Invoke<sbyte>(interpreter, new sbyte[] { 10, 127, -128 }, new sbyte[] { 3, -128, 127 });
            Assert.Equal(new sbyte[] { 7, 127, -128 }, y);
        }

        [Fact]
        public void Sub_float_broadcasts_and_applies_the_fused_activation()
        {
            var interpreter = new SingleOpModel(BuiltinOperator.SUB, "SubOptions", ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(TensorType.FLOAT32, new[] { 2, 2 })
                .Constant(TensorType.FLOAT32, new[] { 2 }, new[] { 1f, 10f })
                .Output(TensorType.FLOAT32, new[] { 2, 2 })
                .Build();
            Assert.Equal(new[] { 0f, 0f, 2f, 1f }, SingleOpModel.Invoke<float>(interpreter, new[] { 1f, 2f, 3f, 11f }));
        }

        [Fact]
        public void Div_int32_truncates_toward_zero_and_a_zero_divisor_is_a_coded_error()
        {
            var interpreter = new SingleOpModel(BuiltinOperator.DIV, "DivOptions")
                .Input(TensorType.INT32, new[] { 4 })
                .Input(TensorType.INT32, new[] { 4 })
                .Output(TensorType.INT32, new[] { 4 })
                .Build();
            Assert.Equal(new[] { 3, -3, -3, 3 }, SingleOpModel.Invoke<int>(interpreter, new[] { 7, -7, 7, -7 }, new[] { 2, 2, -2, -2 }));
            var e = Assert.Throws<McuAiException>(() => SingleOpModel.Invoke<int>(interpreter, new[] { 1, 1, 1, 1 }, new[] { 1, 0, 1, 1 }));
            Assert.Equal(DiagnosticCodes.InterpreterArithmeticError, e.Code);
        }

        [Fact]
        public void Div_int8_divides_through_the_fixed_point_reciprocal()
        {
            // Scales 1: 6/3 = 2, signs handled by negating both, 100/7 = 14.3 → 14, −128/−1 = 128 saturates.
            var interpreter = new SingleOpModel(BuiltinOperator.DIV, "DivOptions")
                .Input(TensorType.INT8, new[] { 5 }, 1f, 0)
                .Input(TensorType.INT8, new[] { 5 }, 1f, 0)
                .Output(TensorType.INT8, new[] { 5 }, 1f, 0)
                .Build();
            var y = SingleOpModel.Invoke<sbyte>(interpreter, new sbyte[] { 6, -6, 6, 100, -128 }, new sbyte[] { 3, 3, -3, 7, -1 });
            Assert.Equal(new sbyte[] { 2, -2, -2, 14, 127 }, y);
        }

        [Fact]
        public void Div_float()
        {
            var y = new SingleOpModel(BuiltinOperator.DIV, "DivOptions")
                .Input(TensorType.FLOAT32, new[] { 3 })
                .Constant(TensorType.FLOAT32, new int[0], new[] { 4f })
                .Output(TensorType.FLOAT32, new[] { 3 })
                .Run<float, float>(new[] { 1f, -2f, 10f });
            Assert.Equal(new[] { 0.25f, -0.5f, 2.5f }, y);
        }

        [Fact]
        public void Minimum_and_maximum_broadcast_a_scalar()
        {
            sbyte[] x = { 1, 5, -3, 7 };
            var min = new SingleOpModel(BuiltinOperator.MINIMUM).Input(TensorType.INT8, new[] { 2, 2 }, 0.5f, 0)
                .Constant(TensorType.INT8, new int[0], new sbyte[] { 4 }, 0.5f, 0).Output(TensorType.INT8, new[] { 2, 2 }, 0.5f, 0).Run<sbyte, sbyte>(x);
            var max = new SingleOpModel(BuiltinOperator.MAXIMUM).Input(TensorType.INT8, new[] { 2, 2 }, 0.5f, 0)
                .Constant(TensorType.INT8, new int[0], new sbyte[] { 4 }, 0.5f, 0).Output(TensorType.INT8, new[] { 2, 2 }, 0.5f, 0).Run<sbyte, sbyte>(x);
            Assert.Equal(new sbyte[] { 1, 4, -3, 4 }, min);
            Assert.Equal(new sbyte[] { 4, 5, 4, 7 }, max);
        }

        private static sbyte[] MeanInt8(sbyte[] x, int zeroPoint) =>
            new SingleOpModel(BuiltinOperator.MEAN, "ReducerOptions", ("keep_dims", true))
                .Input(TensorType.INT8, new[] { 1, 2, 2, 1 }, 1f, zeroPoint)
                .Constant(TensorType.INT32, new[] { 2 }, new[] { 1, 2 })
                .Output(TensorType.INT8, new[] { 1, 1, 1, 1 }, 1f, 0)
                .Run<sbyte, sbyte>(x);

        [Fact]
        public void Mean_int8_rounds_half_away_from_zero_and_removes_the_zero_point()
        {
            // (1+2+3+4)/4 = 2.5 → 3 and −2.5 → −3 (the division is folded into the multiplier, then a
            // rounding shift); with zero point 2 the inputs 3..6 mean the same 1..4.
            Assert.Equal(new sbyte[] { 3 }, MeanInt8(new sbyte[] { 1, 2, 3, 4 }, 0));
            Assert.Equal(new sbyte[] { -3 }, MeanInt8(new sbyte[] { -1, -2, -3, -4 }, 0));
            Assert.Equal(new sbyte[] { 3 }, MeanInt8(new sbyte[] { 3, 4, 5, 6 }, 2));
            Assert.Equal(new sbyte[] { 127 }, MeanInt8(new sbyte[] { 127, 127, 127, 127 }, -128));
        }

        [Fact]
        public void Mean_float_over_a_negative_axis()
        {
            var y = new SingleOpModel(BuiltinOperator.MEAN, "ReducerOptions")
                .Input(TensorType.FLOAT32, new[] { 2, 4 })
                .Constant(TensorType.INT32, new[] { 1 }, new[] { -1 })
                .Output(TensorType.FLOAT32, new[] { 2 })
                .Run<float, float>(new[] { 1f, 2f, 3f, 4f, -1f, -1f, -1f, 5f });
            Assert.Equal(new[] { 2.5f, 0.5f }, y);
        }

        [Fact]
        public void Quantize_float_to_int16_rounds_half_away_from_zero_and_saturates()
        {
            var y = new SingleOpModel(BuiltinOperator.QUANTIZE)
                .Input(TensorType.FLOAT32, new[] { 4 })
                .Output(TensorType.INT16, new[] { 4 }, 0.5f, 0)
                .Run<float, short>(new[] { 1.25f, -1.25f, 1e6f, -1e6f });
            Assert.Equal(new short[] { 3, -3, 32767, -32768 }, y);
        }

        [Fact]
        public void Quantize_int16_to_int8_requantizes_with_the_32_bit_rescale()
        {
            // Scale 1 → 2: 3 → 1.5 → 2, −3 → −1.5 → −1 (TFLite's double rounding), 1000 → 500 saturates.
            var y = new SingleOpModel(BuiltinOperator.QUANTIZE)
                .Input(TensorType.INT16, new[] { 4 }, 1f, 0)
                .Output(TensorType.INT8, new[] { 4 }, 2f, 0)
                .Run<short, sbyte>(new short[] { 3, -3, 1000, -1000 });
            Assert.Equal(new sbyte[] { 2, -1, 127, -128 }, y);
        }
    }
}
