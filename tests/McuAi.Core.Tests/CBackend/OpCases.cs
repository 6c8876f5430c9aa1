using System;
using System.Collections.Generic;
using McuAi.Tests.Interpreter.Kernels2;
using McuAi.TfLite;

namespace McuAi.Tests.CBackend
{
    /// <summary>
    /// Single-operator models for the C backend's ops that no golden model uses (or uses in only one form): each op in
    /// the forms its lowering distinguishes (broadcasting, padding, masks, fused activations, per-channel...). The
    /// interpreter (bit-exact with TFLM) gives the expected outputs.
    /// </summary>
    public static class OpCases
    {
        private const TensorType I8 = TensorType.INT8;
        private const TensorType F32 = TensorType.FLOAT32;

        public static IReadOnlyList<(string Symbol, Func<Model> Build)> All() => new (string, Func<Model>)[]
        {
            ("add_s8_broadcast", () => new SingleOpModel(BuiltinOperator.ADD, "AddOptions", ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(I8, new[] { 2, 1, 3 }, 0.05f, 3).Input(I8, new[] { 1, 4, 1 }, 0.08f, -7).Output(I8, new[] { 2, 4, 3 }, 0.1f, -20).BuildModel()),
            ("sub_s8", () => new SingleOpModel(BuiltinOperator.SUB, "SubOptions")
                .Input(I8, new[] { 1, 5, 3 }, 0.03f, 1).Input(I8, new[] { 1, 5, 3 }, 0.04f, -2).Output(I8, new[] { 1, 5, 3 }, 0.06f, 4).BuildModel()),
            ("sub_s8_tables", () => new SingleOpModel(BuiltinOperator.SUB, "SubOptions", ("fused_activation_function", ActivationFunctionType.RELU6))
                .Input(I8, new[] { 1, 32, 40 }, 0.02f, -9).Input(I8, new[] { 1, 32, 40 }, 0.07f, 11).Output(I8, new[] { 1, 32, 40 }, 0.05f, -100).BuildModel()),
            ("add_s8_tables_broadcast", () => new SingleOpModel(BuiltinOperator.ADD, "AddOptions")
                .Input(I8, new[] { 4, 16, 20 }, 0.03f, 2).Input(I8, new[] { 20 }, 0.01f, -4).Output(I8, new[] { 4, 16, 20 }, 0.04f, 0).BuildModel()),
            ("mul_s8_broadcast", () => new SingleOpModel(BuiltinOperator.MUL, "MulOptions", ("fused_activation_function", ActivationFunctionType.RELU6))
                .Input(I8, new[] { 1, 4, 3 }, 0.02f, 5).Input(I8, new[] { 3 }, 0.03f, -1).Output(I8, new[] { 1, 4, 3 }, 0.01f, -128).BuildModel()),
            ("add_f32_broadcast", () => new SingleOpModel(BuiltinOperator.ADD, "AddOptions")
                .Input(F32, new[] { 3, 1 }).Input(F32, new[] { 1, 4 }).Output(F32, new[] { 3, 4 }).BuildModel()),
            ("sub_f32_relu", () => new SingleOpModel(BuiltinOperator.SUB, "SubOptions", ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(F32, new[] { 2, 3 }).Input(F32, new[] { 2, 3 }).Output(F32, new[] { 2, 3 }).BuildModel()),
            ("mul_f32", () => new SingleOpModel(BuiltinOperator.MUL, "MulOptions")
                .Input(F32, new[] { 6 }).Input(F32, new[] { 6 }).Output(F32, new[] { 6 }).BuildModel()),
            ("max_pool_s8_same", () => new SingleOpModel(BuiltinOperator.MAX_POOL_2D, "Pool2DOptions", ("padding", Padding.SAME), ("stride_w", 2), ("stride_h", 2),
                    ("filter_width", 3), ("filter_height", 3), ("fused_activation_function", ActivationFunctionType.RELU6))
                .Input(I8, new[] { 1, 5, 5, 2 }, 0.05f, -3).Output(I8, new[] { 1, 3, 3, 2 }, 0.05f, -3).BuildModel()),
            ("avg_pool_s8_same", () => new SingleOpModel(BuiltinOperator.AVERAGE_POOL_2D, "Pool2DOptions", ("padding", Padding.SAME), ("stride_w", 1), ("stride_h", 2),
                    ("filter_width", 2), ("filter_height", 3))
                .Input(I8, new[] { 2, 4, 3, 3 }, 0.05f, 10).Output(I8, new[] { 2, 2, 3, 3 }, 0.05f, 10).BuildModel()),
            ("max_pool_f32", () => new SingleOpModel(BuiltinOperator.MAX_POOL_2D, "Pool2DOptions", ("padding", Padding.VALID), ("stride_w", 1), ("stride_h", 1),
                    ("filter_width", 2), ("filter_height", 2))
                .Input(F32, new[] { 1, 3, 3, 2 }).Output(F32, new[] { 1, 2, 2, 2 }).BuildModel()),
            ("logistic_s8", () => new SingleOpModel(BuiltinOperator.LOGISTIC)
                .Input(I8, new[] { 1, 40 }, 0.1f, 12).Output(I8, new[] { 1, 40 }, 1f / 256, -128).BuildModel()),
            ("tanh_s8", () => new SingleOpModel(BuiltinOperator.TANH)
                .Input(I8, new[] { 50 }, 0.04f, -5).Output(I8, new[] { 50 }, 1f / 128, 0).BuildModel()),
            ("relu_s8", () => new SingleOpModel(BuiltinOperator.RELU)
                .Input(I8, new[] { 9 }, 0.1f, -20).Output(I8, new[] { 9 }, 0.05f, -128).BuildModel()),
            ("quantize_f32_s8", () => new SingleOpModel(BuiltinOperator.QUANTIZE)
                .Input(F32, new[] { 1, 16 }).Output(I8, new[] { 1, 16 }, 0.01f, 7).BuildModel()),
            ("requantize_s8", () => new SingleOpModel(BuiltinOperator.QUANTIZE)
                .Input(I8, new[] { 12 }, 0.02f, -3).Output(I8, new[] { 12 }, 0.05f, 9).BuildModel()),
            ("dequantize_s8", () => new SingleOpModel(BuiltinOperator.DEQUANTIZE)
                .Input(I8, new[] { 2, 7 }, 0.125f, -4).Output(F32, new[] { 2, 7 }).BuildModel()),
            ("concat_s8", () => new SingleOpModel(BuiltinOperator.CONCATENATION, "ConcatenationOptions", ("axis", 1))
                .Input(I8, new[] { 2, 2, 3 }, 0.1f, 0).Input(I8, new[] { 2, 1, 3 }, 0.1f, 0).Input(I8, new[] { 2, 3, 3 }, 0.1f, 0)
                .Output(I8, new[] { 2, 6, 3 }, 0.1f, 0).BuildModel()),
            ("pad_s8", () => new SingleOpModel(BuiltinOperator.PAD)
                .Input(I8, new[] { 1, 2, 3, 2 }, 0.1f, -9).Constant(TensorType.INT32, new[] { 4, 2 }, new[] { 0, 0, 1, 2, 0, 1, 1, 0 })
                .Output(I8, new[] { 1, 5, 4, 3 }, 0.1f, -9).BuildModel()),
            ("padv2_f32", () => new SingleOpModel(BuiltinOperator.PADV2)
                .Input(F32, new[] { 2, 3 }).Constant(TensorType.INT32, new[] { 2, 2 }, new[] { 1, 0, 2, 1 }).Constant(F32, new int[0], new[] { -1.5f })
                .Output(F32, new[] { 3, 6 }).BuildModel()),
            ("strided_slice_s8", () => new SingleOpModel(BuiltinOperator.STRIDED_SLICE, "StridedSliceOptions", ("shrink_axis_mask", 1), ("end_mask", 4))
                .Input(I8, new[] { 3, 6, 4 }, 0.1f, 0)
                .Constant(TensorType.INT32, new[] { 3 }, new[] { 1, 5, 1 })
                .Constant(TensorType.INT32, new[] { 3 }, new[] { 2, 0, 0 })
                .Constant(TensorType.INT32, new[] { 3 }, new[] { 1, -2, 2 })
                .Output(I8, new[] { 3, 2 }, 0.1f, 0).BuildModel()),
            ("transpose_s8", () => new SingleOpModel(BuiltinOperator.TRANSPOSE)
                .Input(I8, new[] { 2, 3, 4 }, 0.1f, 0).Constant(TensorType.INT32, new[] { 3 }, new[] { 2, 0, 1 })
                .Output(I8, new[] { 4, 2, 3 }, 0.1f, 0).BuildModel()),
            ("mean_s8", () => new SingleOpModel(BuiltinOperator.MEAN, "ReducerOptions", ("keep_dims", true))
                .Input(I8, new[] { 1, 3, 5, 4 }, 0.05f, 3).Constant(TensorType.INT32, new[] { 2 }, new[] { 1, 2 })
                .Output(I8, new[] { 1, 1, 1, 4 }, 0.04f, -2).BuildModel()),
            ("softmax_s8", () => new SingleOpModel(BuiltinOperator.SOFTMAX, "SoftmaxOptions", ("beta", 1f))
                .Input(I8, new[] { 3, 10 }, 0.1f, 4).Output(I8, new[] { 3, 10 }, 1f / 256, -128).BuildModel()),
            ("conv_s8_dilated", () => new SingleOpModel(BuiltinOperator.CONV_2D, "Conv2DOptions", ("padding", Padding.SAME), ("stride_w", 2), ("stride_h", 1),
                    ("dilation_w_factor", 2), ("dilation_h_factor", 1), ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(I8, new[] { 1, 5, 6, 3 }, 0.05f, -4)
                .Constant(I8, new[] { 4, 3, 2, 3 }, Values(72, 37)).PerChannel(new[] { 0.01f, 0.02f, 0.015f, 0.03f })
                .Absent()
                .Output(I8, new[] { 1, 5, 3, 4 }, 0.1f, -10).BuildModel()),
            ("depthwise_s8_multiplier", () => new SingleOpModel(BuiltinOperator.DEPTHWISE_CONV_2D, "DepthwiseConv2DOptions", ("padding", Padding.VALID),
                    ("stride_w", 1), ("stride_h", 2), ("depth_multiplier", 2), ("dilation_w_factor", 1), ("dilation_h_factor", 2))
                .Input(I8, new[] { 1, 6, 4, 2 }, 0.05f, 2)
                .Constant(I8, new[] { 1, 2, 2, 4 }, Values(16, 11)).PerChannel(new[] { 0.01f, 0.02f, 0.03f, 0.04f }, 3)
                .Constant(TensorType.INT32, new[] { 4 }, new[] { 100, -50, 7, 0 })
                .Output(I8, new[] { 1, 2, 3, 4 }, 0.08f, 1).BuildModel()),
            ("fully_connected_s8", () => new SingleOpModel(BuiltinOperator.FULLY_CONNECTED, "FullyConnectedOptions")
                .Input(I8, new[] { 3, 7 }, 0.05f, 6)
                .Constant(I8, new[] { 5, 7 }, Values(35, 3), 0.02f)
                .Constant(TensorType.INT32, new[] { 5 }, new[] { 10, -20, 30, -40, 50 })
                .Output(I8, new[] { 3, 5 }, 0.1f, -3).BuildModel()),
            ("reshape_s8", () => new SingleOpModel(BuiltinOperator.RESHAPE)
                .Input(I8, new[] { 2, 3 }, 0.1f, 0).Output(I8, new[] { 6 }, 0.1f, 0).BuildModel()),
        };

        /// <summary>Deterministic int8 weights in [-127, 127].</summary>
        private static sbyte[] Values(int count, int seed)
        {
            var values = new sbyte[count];
            for (int i = 0; i < count; i++) values[i] = (sbyte)((i * 37 + seed * 11) % 255 - 127);
            return values;
        }
    }
}
