using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using McuAi.TfLite;

namespace McuAi.Runtime.C.Bench
{
    /// <summary>
    /// Single-operator models for the kernel paths no model of ../shared takes (max pool, MUL, MEAN, lookup tables, float
    /// to int8 QUANTIZE, the grouped int8 convolution, FULLY_CONNECTED with a weight zero point, strided box copies, the
    /// depthwise DSP path for windows other than 3x3 and its plain loop, the int8 convolution of fewer than four output
    /// pixels with a window larger than one pixel), each in several sizes so that the cost fit can
    /// tell a call's fixed cost from its per-element one. <see cref="Combined"/> puts them side by side in one model
    /// (independent operators, each reading its own model input), which <see cref="LayerBench"/> measures operator by
    /// operator in one firmware: the bench's <c>costs</c> command fits <c>KernelCostTable</c> to them with the models of
    /// ../shared, and InstructionCostModelTests checks the estimates against them.
    /// </summary>
    public static class CostCases
    {
        /// <summary>The name the combined model is reported and diagnosed under.</summary>
        public const string Name = "cost_cases";

        private const TensorType I8 = TensorType.INT8;
        private const TensorType F32 = TensorType.FLOAT32;
        private const TensorType I32 = TensorType.INT32;

        public static IReadOnlyList<(string Name, Model Model)> All()
        {
            var cases = new List<(string, Model)>();
            void Add(string name, SingleOpModel model) => cases.Add((name, model.BuildModel()));

            // MAX_POOL_2D: 2x2 stride 2 (the usual one) in three sizes, a 3x3 window with SAME padding; int8 and float.
            foreach (var (type, suffix) in new[] { (I8, "s8"), (F32, "f32") })
            {
                foreach (var (h, c) in new[] { (8, 32), (16, 16), (32, 8) })
                    Add($"max_pool_{suffix}_2x2_{h}x{h}x{c}", Pool(type, h, c, 2, 2, Padding.VALID, h / 2));
                Add($"max_pool_{suffix}_3x3_same", Pool(type, 15, 12, 3, 2, Padding.SAME, 8));
            }
            // MUL int8: element-wise in three sizes, and a per-channel broadcast.
            foreach (int n in new[] { 256, 1024, 4096 })
                Add($"mul_s8_{n}", new SingleOpModel(BuiltinOperator.MUL, "MulOptions")
                    .Input(I8, new[] { 1, n }, 0.02f, 5).Input(I8, new[] { 1, n }, 0.03f, -7).Output(I8, new[] { 1, n }, 0.01f, -3));
            Add("mul_s8_broadcast", new SingleOpModel(BuiltinOperator.MUL, "MulOptions", ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(I8, new[] { 1, 8, 8, 16 }, 0.02f, 5).Input(I8, new[] { 16 }, 0.03f, -1).Output(I8, new[] { 1, 8, 8, 16 }, 0.01f, -128));
            // MEAN int8 over height and width (global average pooling) in three sizes.
            foreach (var (h, c) in new[] { (4, 128), (7, 64), (12, 32) })
                Add($"mean_s8_{h}x{h}x{c}", new SingleOpModel(BuiltinOperator.MEAN, "ReducerOptions", ("keep_dims", true))
                    .Input(I8, new[] { 1, h, h, c }, 0.05f, 3).Constant(I32, new[] { 2 }, new[] { 1, 2 }).Output(I8, new[] { 1, 1, 1, c }, 0.04f, -2));
            // Lookup tables: int8 activations (mcuai_lut8) and DEQUANTIZE (mcuai_lut8_f32), three sizes each.
            foreach (int n in new[] { 256, 2048, 8192 })
            {
                Add($"logistic_s8_{n}", new SingleOpModel(BuiltinOperator.LOGISTIC).Input(I8, new[] { 1, n }, 0.1f, 12).Output(I8, new[] { 1, n }, 1f / 256, -128));
                Add($"dequantize_s8_{n}", new SingleOpModel(BuiltinOperator.DEQUANTIZE).Input(I8, new[] { 1, n }, 0.125f, -4).Output(F32, new[] { 1, n }));
            }
            Add("tanh_s8_1000", new SingleOpModel(BuiltinOperator.TANH).Input(I8, new[] { 1000 }, 0.04f, -5).Output(I8, new[] { 1000 }, 1f / 128, 0));
            // QUANTIZE float32 -> int8, three sizes (the inputs, in [-4, 4), saturate at both ends).
            foreach (int n in new[] { 256, 1024, 4096 })
                Add($"quantize_f32_s8_{n}", new SingleOpModel(BuiltinOperator.QUANTIZE).Input(F32, new[] { 1, n }).Output(I8, new[] { 1, n }, 0.02f, 7));
            // Grouped int8 CONV_2D (mcuai_conv2d_s8): 2 and 4 groups, 3x3 and 1x1.
            Add("conv_s8_grouped2_3x3", GroupedConv(10, 8, 16, 3, 2));
            Add("conv_s8_grouped4_3x3", GroupedConv(8, 16, 16, 3, 4));
            Add("conv_s8_grouped2_1x1", GroupedConv(12, 16, 32, 1, 2));
            // FULLY_CONNECTED int8 with a weight zero point (mcuai_fully_connected_s8).
            foreach (var (batches, depth, outputs) in new[] { (1, 64, 32), (1, 256, 64), (4, 128, 16) })
                Add($"fully_connected_s8_zp_{batches}x{depth}x{outputs}", new SingleOpModel(BuiltinOperator.FULLY_CONNECTED, "FullyConnectedOptions")
                    .Input(I8, new[] { batches, depth }, 0.05f, 6)
                    .Constant(I8, new[] { outputs, depth }, Values(outputs * depth, depth + outputs), 0.02f, 3)
                    .Constant(I32, new[] { outputs }, Enumerable.Range(0, outputs).Select(i => 37 * i - 400).ToArray())
                    .Output(I8, new[] { batches, outputs }, 0.3f, -3));
            // Strided box copies (mcuai_gather with an innermost stride): TRANSPOSE and a STRIDED_SLICE with stride 2.
            Add("transpose_s8_32x64", new SingleOpModel(BuiltinOperator.TRANSPOSE)
                .Input(I8, new[] { 32, 64 }, 0.1f, 0).Constant(I32, new[] { 2 }, new[] { 1, 0 }).Output(I8, new[] { 64, 32 }, 0.1f, 0));
            Add("transpose_s8_16x16x8", new SingleOpModel(BuiltinOperator.TRANSPOSE)
                .Input(I8, new[] { 16, 16, 8 }, 0.1f, 0).Constant(I32, new[] { 3 }, new[] { 2, 0, 1 }).Output(I8, new[] { 8, 16, 16 }, 0.1f, 0));
            Add("strided_slice_s8_stride2", new SingleOpModel(BuiltinOperator.STRIDED_SLICE, "StridedSliceOptions")
                .Input(I8, new[] { 1, 24, 24, 8 }, 0.1f, 0)
                .Constant(I32, new[] { 4 }, new[] { 0, 0, 0, 0 }).Constant(I32, new[] { 4 }, new[] { 1, 24, 24, 8 }).Constant(I32, new[] { 4 }, new[] { 1, 2, 2, 2 })
                .Output(I8, new[] { 1, 12, 12, 4 }, 0.1f, 0));
            // CONV_2D int8 of fewer than 4 output pixels (no four-pixel blocks) with a window larger than one pixel, over a
            // multiple of 4 input channels or not.
            Add("conv_s8_3x3_1_pixel", Conv(3, 3, 16, 24, 3));
            Add("conv_s8_3x3_2_pixels", Conv(3, 4, 32, 16, 3));
            Add("conv_s8_3x3_unaligned_1_pixel", Conv(3, 3, 3, 16, 3));
            Add("conv_s8_5x5_unaligned_2_pixels", Conv(5, 6, 6, 24, 5));
            // DEPTHWISE_CONV_2D int8: the DSP path for other windows than 3x3 (5x5, 3x1) and the plain loop (a depth
            // multiplier of 2; channels not a multiple of 4).
            Add("depthwise_s8_5x5", Depthwise(12, 16, 5, 5, 1));
            Add("depthwise_s8_3x1", Depthwise(16, 32, 3, 1, 1));
            Add("depthwise_s8_multiplier2", Depthwise(10, 8, 3, 3, 2));
            Add("depthwise_s8_6_channels", Depthwise(12, 6, 3, 3, 1));
            return cases;
        }

        /// <summary>Every case side by side in one model: the operators are independent, their inputs and outputs the model's.</summary>
        public static Model Combined()
        {
            var combined = new Model();
            combined.Buffers.Add(new TfLite.Buffer());
            var graph = new SubGraph();
            combined.Subgraphs.Add(graph);
            var inputs = new List<int>();
            var outputs = new List<int>();
            foreach (var (_, model) in All())
            {
                var source = model.MainSubgraph;
                int tensorBase = graph.Tensors.Count;
                foreach (var tensor in source.Tensors)
                {
                    uint buffer = 0;
                    if (tensor.Buffer != 0)
                    {
                        combined.Buffers.Add(model.Buffers[(int)tensor.Buffer]);
                        buffer = (uint)(combined.Buffers.Count - 1);
                    }
                    graph.Tensors.Add(new Tensor { Shape = tensor.Shape, Type = tensor.Type, Buffer = buffer, Name = "t" + graph.Tensors.Count, Quantization = tensor.Quantization });
                }
                int Map(int t) => t < 0 ? t : t + tensorBase;
                foreach (var op in source.Operators)
                {
                    combined.OperatorCodes.Add(model.CodeOf(op));
                    graph.Operators.Add(new Operator
                    {
                        OpcodeIndex = (uint)(combined.OperatorCodes.Count - 1), Inputs = op.Inputs.Select(Map).ToArray(), Outputs = op.Outputs.Select(Map).ToArray(),
                        BuiltinOptions = op.BuiltinOptions,
                    });
                }
                inputs.AddRange(source.Inputs.Select(Map));
                outputs.AddRange(source.Outputs.Select(Map));
            }
            graph.Inputs = inputs.ToArray();
            graph.Outputs = outputs.ToArray();
            return combined;
        }

        /// <summary>
        /// The combined model's inputs, deterministic: int8 values across their whole range, floats in [-4, 4) (some
        /// costs depend on the values: the quantizer's saturation, float special cases).
        /// </summary>
        public static byte[] Input(Model combined)
        {
            uint seed = 20261205;
            uint Next() => seed = seed * 1664525u + 1013904223u;
            var bytes = new List<byte>();
            foreach (int t in combined.MainSubgraph.Inputs)
            {
                var tensor = combined.MainSubgraph.Tensors[t];
                int count = tensor.Shape.Aggregate(1, (n, d) => n * d);
                if (tensor.Type == F32)
                {
                    var values = new float[count];
                    for (int i = 0; i < count; i++) values[i] = (Next() >> 8) / (float)(1 << 24) * 8f - 4f;
                    bytes.AddRange(MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
                }
                else
                {
                    for (int i = 0; i < count; i++) bytes.Add((byte)(Next() >> 24));
                }
            }
            return bytes.ToArray();
        }

        private static SingleOpModel Pool(TensorType type, int size, int channels, int window, int stride, Padding padding, int outSize)
        {
            var model = new SingleOpModel(BuiltinOperator.MAX_POOL_2D, "Pool2DOptions", ("padding", padding), ("stride_w", stride), ("stride_h", stride),
                ("filter_width", window), ("filter_height", window));
            return type == I8
                ? model.Input(I8, new[] { 1, size, size, channels }, 0.05f, -3).Output(I8, new[] { 1, outSize, outSize, channels }, 0.05f, -3)
                : model.Input(F32, new[] { 1, size, size, channels }).Output(F32, new[] { 1, outSize, outSize, channels });
        }

        /// <summary>A grouped CONV_2D, SAME padding, stride 1: <paramref name="inChannels"/> / <paramref name="groups"/> channels per filter.</summary>
        private static SingleOpModel GroupedConv(int size, int inChannels, int outChannels, int kernel, int groups) =>
            new SingleOpModel(BuiltinOperator.CONV_2D, "Conv2DOptions", ("padding", Padding.SAME), ("stride_w", 1), ("stride_h", 1),
                    ("dilation_w_factor", 1), ("dilation_h_factor", 1))
                .Input(I8, new[] { 1, size, size, inChannels }, 0.05f, -4)
                .Constant(I8, new[] { outChannels, kernel, kernel, inChannels / groups }, Values(outChannels * kernel * kernel * inChannels / groups, outChannels + kernel))
                .PerChannel(Enumerable.Range(0, outChannels).Select(i => 0.004f + 0.0005f * (i % 7)).ToArray())
                .Constant(I32, new[] { outChannels }, Enumerable.Range(0, outChannels).Select(i => 50 * i - 300).ToArray())
                .Output(I8, new[] { 1, size, size, outChannels }, 0.1f, -10);

        /// <summary>An ungrouped CONV_2D, VALID padding, stride 1: (height - kernel + 1) x (width - kernel + 1) output pixels.</summary>
        private static SingleOpModel Conv(int height, int width, int inChannels, int outChannels, int kernel) =>
            new SingleOpModel(BuiltinOperator.CONV_2D, "Conv2DOptions", ("padding", Padding.VALID), ("stride_w", 1), ("stride_h", 1),
                    ("dilation_w_factor", 1), ("dilation_h_factor", 1))
                .Input(I8, new[] { 1, height, width, inChannels }, 0.05f, -4)
                .Constant(I8, new[] { outChannels, kernel, kernel, inChannels }, Values(outChannels * kernel * kernel * inChannels, outChannels + inChannels))
                .PerChannel(Enumerable.Range(0, outChannels).Select(i => 0.002f + 0.0003f * (i % 7)).ToArray())
                .Constant(I32, new[] { outChannels }, Enumerable.Range(0, outChannels).Select(i => 50 * i - 300).ToArray())
                .Output(I8, new[] { 1, height - kernel + 1, width - kernel + 1, outChannels }, 0.1f, -10);

        private static SingleOpModel Depthwise(int size, int inChannels, int kernelH, int kernelW, int multiplier)
        {
            int outChannels = inChannels * multiplier;
            return new SingleOpModel(BuiltinOperator.DEPTHWISE_CONV_2D, "DepthwiseConv2DOptions", ("padding", Padding.SAME), ("stride_w", 1), ("stride_h", 1),
                    ("depth_multiplier", multiplier), ("dilation_w_factor", 1), ("dilation_h_factor", 1))
                .Input(I8, new[] { 1, size, size, inChannels }, 0.05f, 2)
                .Constant(I8, new[] { 1, kernelH, kernelW, outChannels }, Values(kernelH * kernelW * outChannels, outChannels + kernelH))
                .PerChannel(Enumerable.Range(0, outChannels).Select(i => 0.01f + 0.001f * (i % 5)).ToArray(), 3)
                .Constant(I32, new[] { outChannels }, Enumerable.Range(0, outChannels).Select(i => 30 * i - 200).ToArray())
                .Output(I8, new[] { 1, size, size, outChannels }, 0.08f, 1);
        }

        private static sbyte[] Values(int count, int seed) => SingleOpModel.Weights(count, seed);
    }
}
