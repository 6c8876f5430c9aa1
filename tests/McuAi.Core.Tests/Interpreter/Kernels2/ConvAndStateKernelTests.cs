using McuAi.TfLite;
using Xunit;
using McuAi.Runtime.C.Bench;

namespace McuAi.Tests.Interpreter.Kernels2
{
    /// <summary>Hand-computed values for the 16x8 convolution, TRANSPOSE_CONV and SVDF kernels.</summary>
    public class ConvAndStateKernelTests
    {
        [Fact]
        public void Conv2d_int16_accumulates_in_int64_and_rounds_once_with_ties_up()
        {
            // Filter [1, 2] (scale 0.5), bias 10, VALID: 1000 − 4000 + 10 = −2990 → −1495;
            // −2000 + 6000 + 10 = 4010 → 2005; 30000 + 2·30000 + 10 = 90010 → 45005 saturates.
            var y = new SingleOpModel(BuiltinOperator.CONV_2D, "Conv2DOptions", ("padding", Padding.VALID), ("stride_w", 1), ("stride_h", 1))
                .Input(TensorType.INT16, new[] { 1, 1, 4, 1 }, 1f, 0)
                .Constant(TensorType.INT8, new[] { 1, 1, 2, 1 }, new sbyte[] { 1, 2 }).PerChannel(new[] { 0.5f })
                .Constant(TensorType.INT64, new[] { 1 }, new long[] { 10 })
                .Output(TensorType.INT16, new[] { 1, 1, 3, 1 }, 1f, 0)
                .Run<short, short>(new short[] { 1000, -2000, 3000, 30000 });
            // 3000 + 2·30000 + 10 = 63010 → 31505.
            Assert.Equal(new short[] { -1495, 2005, 31505 }, y);

            var saturated = new SingleOpModel(BuiltinOperator.CONV_2D, "Conv2DOptions", ("padding", Padding.VALID), ("stride_w", 1), ("stride_h", 1))
                .Input(TensorType.INT16, new[] { 1, 1, 2, 1 }, 1f, 0)
                .Constant(TensorType.INT8, new[] { 1, 1, 2, 1 }, new sbyte[] { 127, 127 }).PerChannel(new[] { 0.5f })
                .Constant(TensorType.INT64, new[] { 1 }, new long[] { 0 })
                .Output(TensorType.INT16, new[] { 1, 1, 1, 1 }, 1f, 0)
                .Run<short, short>(new short[] { 32767, 32767 });
            Assert.Equal(new short[] { 32767 }, saturated);
        }

        [Fact]
        public void Conv2d_int16_same_padding_reads_zeros_outside_the_image()
        {
            // 3-wide filter [1, 1, 1], SAME, stride 1: each output sums its neighbours; the edges see one zero.
            var y = new SingleOpModel(BuiltinOperator.CONV_2D, "Conv2DOptions", ("padding", Padding.SAME), ("stride_w", 1), ("stride_h", 1))
                .Input(TensorType.INT16, new[] { 1, 1, 3, 1 }, 1f, 0)
                .Constant(TensorType.INT8, new[] { 1, 1, 3, 1 }, new sbyte[] { 1, 1, 1 }).PerChannel(new[] { 1f })
                .Absent()
                .Output(TensorType.INT16, new[] { 1, 1, 3, 1 }, 1f, 0)
                .Run<short, short>(new short[] { 1, 10, 100 });
            Assert.Equal(new short[] { 11, 111, 110 }, y);
        }

        private static SingleOpModel TransposeConv(TensorType activation, float scale, long inputZeroPoint, long outputZeroPoint)
        {
            var model = new SingleOpModel(BuiltinOperator.TRANSPOSE_CONV, "TransposeConvOptions", ("padding", Padding.VALID), ("stride_w", 2), ("stride_h", 1))
                .Constant(TensorType.INT32, new[] { 4 }, new[] { 1, 1, 5, 1 });
            if (activation == TensorType.FLOAT32)
                return model.Constant(TensorType.FLOAT32, new[] { 1, 1, 3, 1 }, new[] { 1f, 10f, 100f })
                    .Input(TensorType.FLOAT32, new[] { 1, 1, 2, 1 })
                    .Constant(TensorType.FLOAT32, new[] { 1 }, new[] { 0.5f })
                    .Output(TensorType.FLOAT32, new[] { 1, 1, 5, 1 });
            return model.Constant(TensorType.INT8, new[] { 1, 1, 3, 1 }, new sbyte[] { 1, 10, 100 }).PerChannel(new[] { 1f })
                .Input(activation, new[] { 1, 1, 2, 1 }, scale, inputZeroPoint)
                .Absent()
                .Output(activation, new[] { 1, 1, 5, 1 }, scale, outputZeroPoint);
        }

        [Fact]
        public void Transpose_conv_scatters_each_input_pixel_through_the_filter()
        {
            // Stride 2, filter [1, 10, 100]: x0 lands on outputs 0..2, x1 on 2..4, overlapping at 2.
            var f = TransposeConv(TensorType.FLOAT32, 0, 0, 0).Run<float, float>(new[] { 1f, 2f });
            Assert.Equal(new[] { 1.5f, 10.5f, 102.5f, 20.5f, 200.5f }, f);

            // int8 with input zero point 1 (so 2, 3 mean 1, 2) and output zero point −5; 200 − 5 saturates.
            var q = TransposeConv(TensorType.INT8, 1f, 1, -5).Run<sbyte, sbyte>(new sbyte[] { 2, 3 });
            Assert.Equal(new sbyte[] { -4, 5, 97, 15, 127 }, q);

            // int16: symmetric, int64 accumulators; 300·100 = 30000 fits, 400·100 saturates.
            var w = TransposeConv(TensorType.INT16, 1f, 0, 0).Run<short, short>(new short[] { 300, 400 });
            Assert.Equal(new short[] { 300, 3000, 30400, 4000, 32767 }, w);
        }

        [Fact]
        public void Svdf_float_keeps_state_across_invocations_and_applies_the_activation()
        {
            // Two filters (rank 1), memory 2, identity feature weights: the newest state column is the input.
            // Time weights f0 [1, 1], f1 [1, 2] over [older, newer].
            var interpreter = new SingleOpModel(BuiltinOperator.SVDF, "SVDFOptions", ("rank", 1), ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(TensorType.FLOAT32, new[] { 1, 2 })
                .Constant(TensorType.FLOAT32, new[] { 2, 2 }, new[] { 1f, 0f, 0f, 1f })
                .Constant(TensorType.FLOAT32, new[] { 2, 2 }, new[] { 1f, 1f, 1f, 2f })
                .Constant(TensorType.FLOAT32, new[] { 2 }, new[] { 0.5f, -1f })
                .Variable(TensorType.FLOAT32, new[] { 1, 4 })
                .Output(TensorType.FLOAT32, new[] { 1, 2 })
                .Build();
            // Step 1: state f0 [0, 3], f1 [0, 4] → 3 + 0.5, 8 − 1.
            Assert.Equal(new[] { 3.5f, 7f }, SingleOpModel.Invoke<float>(interpreter, new[] { 3f, 4f }));
            // Step 2: f0 [3, 1] → 4.5; f1 [4, −3] → 4 − 6 − 1 = −3 → RELU 0.
            Assert.Equal(new[] { 4.5f, 0f }, SingleOpModel.Invoke<float>(interpreter, new[] { 1f, -3f }));
            interpreter.ResetVariableTensors();
            Assert.Equal(new[] { 3.5f, 7f }, SingleOpModel.Invoke<float>(interpreter, new[] { 3f, 4f }));
        }

        [Fact]
        public void Svdf_int8_matches_TFLM_which_clamps_only_to_the_int8_range()
        {
            // Same network with all scales 1 and zero bias: TFLM's integer SVDF applies no RELU, so the
            // second step's −2 survives.
            var interpreter = new SingleOpModel(BuiltinOperator.SVDF, "SVDFOptions", ("rank", 1), ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(TensorType.INT8, new[] { 1, 2 }, 1f, 0)
                .Constant(TensorType.INT8, new[] { 2, 2 }, new sbyte[] { 1, 0, 0, 1 }, 1f, 0)
                .Constant(TensorType.INT8, new[] { 2, 2 }, new sbyte[] { 1, 1, 1, 2 }, 1f, 0)
                .Constant(TensorType.INT32, new[] { 2 }, new[] { 0, 0 }, 1f, 0)
                .Variable(TensorType.INT8, new[] { 1, 4 }, 1f, 0)
                .Output(TensorType.INT8, new[] { 1, 2 }, 1f, 0)
                .Build();
            Assert.Equal(new sbyte[] { 3, 8 }, SingleOpModel.Invoke<sbyte>(interpreter, new sbyte[] { 3, 4 }));
            Assert.Equal(new sbyte[] { 4, -2 }, SingleOpModel.Invoke<sbyte>(interpreter, new sbyte[] { 1, -3 }));
            // Step 3: f0 [1, 100] → 101; f1 [−3, 100] → −3 + 200 = 197 saturates.
            Assert.Equal(new sbyte[] { 101, 127 }, SingleOpModel.Invoke<sbyte>(interpreter, new sbyte[] { 100, 100 }));
        }
    }
}
