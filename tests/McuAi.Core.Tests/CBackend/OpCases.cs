using System;
using System.Collections.Generic;
using McuAi.Tests.Interpreter.Kernels2;
using McuAi.Tests.Interpreter.Lstm;
using McuAi.TfLite;
using McuAi.Runtime.C.Bench;

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
        private const TensorType I16 = TensorType.INT16;
        private const TensorType I32 = TensorType.INT32;
        private const TensorType F32 = TensorType.FLOAT32;

        public static IReadOnlyList<(string Symbol, Func<Model> Build)> All() => new (string, Func<Model>)[]
        {
            ("add_s8_broadcast", () => new SingleOpModel(BuiltinOperator.ADD, "AddOptions", ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(I8, new[] { 2, 1, 3 }, 0.05f, 3).Input(I8, new[] { 1, 4, 1 }, 0.08f, -7).Output(I8, new[] { 2, 4, 3 }, 0.1f, -20).BuildModel()),
            // Element-wise int8 ADD in the fast form (each input scale the larger in turn, equal scales, an activation).
            ("add_s8_a_larger", () => new SingleOpModel(BuiltinOperator.ADD, "AddOptions")
                .Input(I8, new[] { 1, 6, 10 }, 0.11f, -17).Input(I8, new[] { 1, 6, 10 }, 0.037f, 25).Output(I8, new[] { 1, 6, 10 }, 0.13f, -5).BuildModel()),
            ("add_s8_b_larger_relu", () => new SingleOpModel(BuiltinOperator.ADD, "AddOptions", ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(I8, new[] { 64 }, 0.02f, 100).Input(I8, new[] { 64 }, 0.09f, -128).Output(I8, new[] { 64 }, 0.05f, -128).BuildModel()),
            ("add_s8_equal_scales", () => new SingleOpModel(BuiltinOperator.ADD, "AddOptions")
                .Input(I8, new[] { 3, 17 }, 0.06f, 3).Input(I8, new[] { 3, 17 }, 0.06f, -9).Output(I8, new[] { 3, 17 }, 0.1f, 11).BuildModel()),
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
            // int16 (16x8) ops.
            ("add_s16_broadcast", () => new SingleOpModel(BuiltinOperator.ADD, "AddOptions", ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(I16, new[] { 2, 1, 3 }, 0.002f, 0).Input(I16, new[] { 1, 4, 1 }, 0.0007f, 0).Output(I16, new[] { 2, 4, 3 }, 0.003f, 0).BuildModel()),
            ("sub_s16", () => new SingleOpModel(BuiltinOperator.SUB, "SubOptions")
                .Input(I16, new[] { 3, 5 }, 0.001f, 0).Input(I16, new[] { 3, 5 }, 0.0013f, 0).Output(I16, new[] { 3, 5 }, 0.002f, 0).BuildModel()),
            ("conv_s16_grouped_dilated", () => new SingleOpModel(BuiltinOperator.CONV_2D, "Conv2DOptions", ("padding", Padding.SAME), ("stride_w", 2), ("stride_h", 1),
                    ("dilation_w_factor", 1), ("dilation_h_factor", 2), ("fused_activation_function", ActivationFunctionType.RELU6))
                .Input(I16, new[] { 1, 5, 6, 4 }, 0.0005f, 0)
                .Constant(I8, new[] { 4, 3, 2, 2 }, Values(48, 5)).PerChannel(new[] { 0.01f, 0.02f, 0.015f, 0.03f })
                .Constant(TensorType.INT64, new[] { 4 }, new long[] { 1000, -70000, 0, 123456 })
                .Output(I16, new[] { 1, 5, 3, 4 }, 0.0004f, 0).BuildModel()),
            ("transpose_conv_s16", () => new SingleOpModel(BuiltinOperator.TRANSPOSE_CONV, "TransposeConvOptions", ("padding", Padding.SAME), ("stride_w", 2), ("stride_h", 2))
                .Constant(TensorType.INT32, new[] { 4 }, new[] { 1, 6, 8, 3 })
                .Constant(I8, new[] { 3, 3, 3, 2 }, Values(54, 9)).PerChannel(new[] { 0.02f, 0.01f, 0.03f })
                .Input(I16, new[] { 1, 3, 4, 2 }, 0.001f, 0)
                .Constant(TensorType.INT64, new[] { 3 }, new long[] { -5000, 0, 90000 })
                .Output(I16, new[] { 1, 6, 8, 3 }, 0.002f, 0).BuildModel()),
            ("leaky_relu_s16", () => new SingleOpModel(BuiltinOperator.LEAKY_RELU, "LeakyReluOptions", ("alpha", -0.3f))
                .Input(I16, new[] { 2, 20 }, 0.001f, 0).Output(I16, new[] { 2, 20 }, 0.0008f, 0).BuildModel()),
            ("requantize_s16_s8", () => new SingleOpModel(BuiltinOperator.QUANTIZE)
                .Input(I16, new[] { 10 }, 0.0005f, 0).Output(I8, new[] { 10 }, 0.05f, -7).BuildModel()),
            ("requantize_s32_s16", () => new SingleOpModel(BuiltinOperator.QUANTIZE)
                .Input(TensorType.INT32, new[] { 10 }, 1e-7f, 0).Output(I16, new[] { 10 }, 0.001f, 0).BuildModel()),
            ("requantize_s8_s32", () => new SingleOpModel(BuiltinOperator.QUANTIZE)
                .Input(I8, new[] { 10 }, 0.05f, 9).Output(TensorType.INT32, new[] { 10 }, 0.0001f, 0).BuildModel()),
            ("softmax_s8_s16", () => new SingleOpModel(BuiltinOperator.SOFTMAX, "SoftmaxOptions", ("beta", 1f))
                .Input(I8, new[] { 2, 12 }, 0.08f, -3).Output(I16, new[] { 2, 12 }, 1f / 65536, -32768).BuildModel()),
            // SVDF: state rows are rings; memory 2 wraps within the three self-test vectors.
            ("svdf_s8_rank2", () => new SingleOpModel(BuiltinOperator.SVDF, "SVDFOptions", ("rank", 2))
                .Input(I8, new[] { 2, 6 }, 0.05f, 3)
                .Constant(I8, new[] { 6, 6 }, Values(36, 4), 0.02f)
                .Constant(I8, new[] { 6, 2 }, Values(12, 8), 0.03f)
                .Constant(TensorType.INT32, new[] { 3 }, new[] { 40, -300, 7 })
                .Variable(I8, new[] { 2, 12 }, 0.12f, -5)
                .Output(I8, new[] { 2, 3 }, 0.2f, 2).BuildModel()),
            // Memory 8: the DSP path reads the ring as two words rotated by its position (all 8 over the state test's vectors).
            ("svdf_s8_memory8", () => new SingleOpModel(BuiltinOperator.SVDF, "SVDFOptions", ("rank", 1))
                .Input(I8, new[] { 1, 10 }, 0.05f, 3)
                .Constant(I8, new[] { 4, 10 }, Values(40, 5), 0.02f)
                .Constant(I8, new[] { 4, 8 }, Values(32, 9), 0.01f)
                .Constant(TensorType.INT32, new[] { 4 }, new[] { 90, -250, 0, 31 })
                .Variable(I8, new[] { 1, 32 }, 0.12f, -5)
                .Output(I8, new[] { 1, 4 }, 0.1f, 2).BuildModel()),
            ("svdf_s8_int16_state", () => new SingleOpModel(BuiltinOperator.SVDF, "SVDFOptions", ("rank", 1))
                .Input(I8, new[] { 1, 9 }, 0.05f, -2)
                .Constant(I8, new[] { 4, 9 }, Values(36, 6), 0.02f)
                .Constant(I16, new[] { 4, 3 }, new short[] { 300, -2000, 12000, -32768, 5, 9000, 77, -400, 32767, 1, -1, 0 }, 0.0001f)
                .Absent()
                .Variable(I16, new[] { 1, 12 }, 0.002f, 0)
                .Output(I8, new[] { 1, 4 }, 0.05f, 1).BuildModel()),
            // UNIDIRECTIONAL_SEQUENCE_LSTM on TFLM's own test case (two sequences, cell clip 6, the int8 hidden state's zero
            // point -21), batch-major and time-major (both sequences in one step).
            ("lstm_s8", () => new LstmModel { Type = I8 }.BuildModel()),
            ("lstm_s8_time_major", () => new LstmModel { Type = I8, TimeMajor = true }.BuildModel()),
            ("lstm_f32_time_major", () => new LstmModel { TimeMajor = true }.BuildModel()),
            // int32 arithmetic, CAST (the audio front end's post-processing).
            ("add_s32_broadcast_relu", () => new SingleOpModel(BuiltinOperator.ADD, "AddOptions", ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(I32, new[] { 2, 3 }).Input(I32, new[] { 3 }).Output(I32, new[] { 2, 3 }).BuildModel()),
            ("sub_s32", () => new SingleOpModel(BuiltinOperator.SUB, "SubOptions").Input(I32, new[] { 5 }).Input(I32, new[] { 5 }).Output(I32, new[] { 5 }).BuildModel()),
            ("mul_s32", () => new SingleOpModel(BuiltinOperator.MUL, "MulOptions").Input(I32, new[] { 5 }).Input(I32, new[] { 5 }).Output(I32, new[] { 5 }).BuildModel()),
            ("div_s32", () => new SingleOpModel(BuiltinOperator.DIV, "DivOptions")
                .Input(I32, new[] { 2, 3 }).Constant(I32, new[] { 3 }, new[] { 7, -1, -300 }).Output(I32, new[] { 2, 3 }).BuildModel()),
            ("minimum_s32", () => new SingleOpModel(BuiltinOperator.MINIMUM).Input(I32, new[] { 4 }).Constant(I32, new int[0], new[] { 1000 }).Output(I32, new[] { 4 }).BuildModel()),
            ("maximum_s32", () => new SingleOpModel(BuiltinOperator.MAXIMUM).Input(I32, new[] { 4 }).Input(I32, new[] { 4 }).Output(I32, new[] { 4 }).BuildModel()),
            ("cast_s16_f32", () => new SingleOpModel(BuiltinOperator.CAST).Input(I16, new[] { 7 }).Output(F32, new[] { 7 }).BuildModel()),
            ("cast_s32_s8", () => new SingleOpModel(BuiltinOperator.CAST).Input(I32, new[] { 7 }).Output(I8, new[] { 7 }).BuildModel()),
            ("cast_u8_s32", () => new SingleOpModel(BuiltinOperator.CAST).Input(TensorType.UINT8, new[] { 7 }).Output(I32, new[] { 7 }).BuildModel()),
        };

        /// <summary>Deterministic int8 weights in [-127, 127].</summary>
        internal static sbyte[] Values(int count, int seed) => SingleOpModel.Weights(count, seed);
    }
}
