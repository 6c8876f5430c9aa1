using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Quantization;
using McuAi.Simplification;
using McuAi.Tests.Infrastructure;
using McuAi.Tests.Interpreter.Kernels2;
using McuAi.Tests.Simplification.Mnist;
using McuAi.TfLite;
using McuAi.Runtime.C.Bench;

namespace McuAi.Tests.CBackend
{
    /// <summary>
    /// Models made by the project's own simplification steps for the C backend's INT4 and sparse kernels: int8 models of
    /// ../shared and the MNIST CNN the prune tests train, each as is (dense int8), with 4-bit weights (every candidate
    /// layer, <see cref="Int4Weights"/>) and magnitude-pruned to 50 % and 75 % of the blocks (<see cref="MagnitudePruner"/>,
    /// blocks of 4); plus single-operator models for the forms the real ones lack (odd depths, padding, dilation,
    /// depth multiplier, batches).
    /// </summary>
    public static class SimplifiedModels
    {
        public static readonly string[] RealModels = { "hello_world_int8", "mlperf_kws_int8", "mlperf_ic_int8", "person_detection_int8", "mnist_cnn_int8" };

        public static readonly string[] Variants = { "int8", "s4", "sp50", "sp75" };

        private static readonly Lazy<IReadOnlyList<(string Symbol, Model Model)>> s_all = new(Build);

        /// <summary>Every model, symbol = <c>&lt;model&gt;_&lt;variant&gt;</c>, then the single-operator cases.</summary>
        public static IReadOnlyList<(string Symbol, Model Model)> All => s_all.Value;

        public static Model Variant(Model int8, string variant) => variant switch
        {
            "int8" => int8,
            "s4" => Int4Weights.Convert(int8, Int4Weights.Candidates(int8)).Model,
            "sp50" => MagnitudePruner.Prune(int8, new WeightPruningOptions { Sparsity = 0.5 }).Model,
            "sp75" => MagnitudePruner.Prune(int8, new WeightPruningOptions { Sparsity = 0.75 }).Model,
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };

        private static IReadOnlyList<(string, Model)> Build()
        {
            var result = new List<(string, Model)>();
            foreach (string name in RealModels)
            {
                var model = Read(name);
                foreach (string variant in Variants)
                    result.Add(($"{name}_{variant}", ModelReader.Read(ModelWriter.Write(Variant(model, variant)), name))); // through the file format
            }
            foreach (var (symbol, build) in SingleOps())
                result.Add((symbol, build()));
            return result;
        }

        private static Model Read(string name)
        {
            if (name != "mnist_cnn_int8") return ModelReader.ReadFile(SharedData.ModelPath(name));
            var (_, floatBytes) = SmallCnn.Trained.Value;
            var calibration = MnistDigits.Subset.TrainImages.Take(200).Select(i => new[] { i });
            byte[] int8 = Quantizer.Quantize(floatBytes, "mnist", m => CalibrationData.FromSamples(calibration, m, "mnist"), new QuantizationOptions()).ModelBytes;
            return ModelReader.Read(int8, "mnist_cnn_int8.tflite");
        }

        private const TensorType I8 = TensorType.INT8;

        private static IEnumerable<(string, Func<Model>)> SingleOps()
        {
            Model Int4(Model m) => Int4Weights.Convert(m, Int4Weights.Candidates(m)).Model;
            Model Sparse(Model m, int block = 4) => MagnitudePruner.Prune(m, new WeightPruningOptions { Sparsity = 0.75, Block = block }).Model;
            // Window of 3 x 2 x 3 = 18 values (rows padded to 24), SAME padding, stride 2, dilation 2, no bias.
            yield return ("op_conv_s4_dilated", () => Int4(new SingleOpModel(BuiltinOperator.CONV_2D, "Conv2DOptions", ("padding", Padding.SAME), ("stride_w", 2), ("stride_h", 1),
                    ("dilation_w_factor", 2), ("dilation_h_factor", 1), ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(I8, new[] { 1, 5, 6, 3 }, 0.05f, -4)
                .Constant(I8, new[] { 4, 3, 2, 3 }, OpCases.Values(72, 37)).PerChannel(new[] { 0.01f, 0.02f, 0.015f, 0.03f })
                .Absent()
                .Output(I8, new[] { 1, 5, 3, 4 }, 0.1f, -10).BuildModel()));
            // Depth multiplier 2, dilation 2, VALID.
            yield return ("op_depthwise_s4_multiplier", () => Int4(new SingleOpModel(BuiltinOperator.DEPTHWISE_CONV_2D, "DepthwiseConv2DOptions", ("padding", Padding.VALID),
                    ("stride_w", 1), ("stride_h", 2), ("depth_multiplier", 2), ("dilation_w_factor", 1), ("dilation_h_factor", 2))
                .Input(I8, new[] { 1, 6, 4, 2 }, 0.05f, 2)
                .Constant(I8, new[] { 1, 2, 2, 4 }, OpCases.Values(16, 11)).PerChannel(new[] { 0.01f, 0.02f, 0.03f, 0.04f }, 3)
                .Constant(TensorType.INT32, new[] { 4 }, new[] { 100, -50, 7, 0 }, 0.0005f)
                .Output(I8, new[] { 1, 2, 3, 4 }, 0.08f, 1).BuildModel()));
            // 5 channels: every other tap's row starts in the middle of a byte.
            yield return ("op_depthwise_s4_odd", () => Int4(new SingleOpModel(BuiltinOperator.DEPTHWISE_CONV_2D, "DepthwiseConv2DOptions", ("padding", Padding.SAME),
                    ("stride_w", 1), ("stride_h", 1), ("depth_multiplier", 1), ("dilation_w_factor", 1), ("dilation_h_factor", 1),
                    ("fused_activation_function", ActivationFunctionType.RELU6))
                .Input(I8, new[] { 1, 5, 4, 5 }, 0.04f, -7)
                .Constant(I8, new[] { 1, 3, 3, 5 }, OpCases.Values(45, 5)).PerChannel(new[] { 0.01f, 0.02f, 0.03f, 0.04f, 0.05f }, 3)
                .Constant(TensorType.INT32, new[] { 5 }, new[] { 300, -200, 7, 0, 55 }, 0.0004f)
                .Output(I8, new[] { 1, 5, 4, 5 }, 0.06f, -3).BuildModel()));
            // Three rows of 7 values.
            yield return ("op_fully_connected_s4", () => Int4(new SingleOpModel(BuiltinOperator.FULLY_CONNECTED, "FullyConnectedOptions")
                .Input(I8, new[] { 3, 7 }, 0.05f, 6)
                .Constant(I8, new[] { 5, 7 }, OpCases.Values(35, 3), 0.02f)
                .Constant(TensorType.INT32, new[] { 5 }, new[] { 10, -20, 30, -40, 50 }, 0.001f)
                .Output(I8, new[] { 3, 5 }, 0.1f, -3).BuildModel()));
            yield return ("op_conv_sparse", () => Sparse(new SingleOpModel(BuiltinOperator.CONV_2D, "Conv2DOptions", ("padding", Padding.SAME), ("stride_w", 1), ("stride_h", 2),
                    ("dilation_w_factor", 1), ("dilation_h_factor", 1))
                .Input(I8, new[] { 1, 6, 5, 8 }, 0.05f, 9)
                .Constant(I8, new[] { 6, 3, 3, 8 }, OpCases.Values(432, 19)).PerChannel(new[] { 0.01f, 0.02f, 0.015f, 0.03f, 0.02f, 0.01f })
                .Constant(TensorType.INT32, new[] { 6 }, new[] { 1000, -500, 70, 0, 5, -3 })
                .Output(I8, new[] { 1, 3, 5, 6 }, 0.2f, 4).BuildModel()));
            yield return ("op_fully_connected_sparse", () => Sparse(new SingleOpModel(BuiltinOperator.FULLY_CONNECTED, "FullyConnectedOptions", ("fused_activation_function", ActivationFunctionType.RELU))
                .Input(I8, new[] { 2, 48 }, 0.05f, -6)
                .Constant(I8, new[] { 10, 48 }, OpCases.Values(480, 23), 0.02f)
                .Constant(TensorType.INT32, new[] { 10 }, new[] { 10, -20, 30, -40, 50, 60, -70, 80, -90, 100 })
                .Output(I8, new[] { 2, 10 }, 0.3f, -3).BuildModel()));
            // Blocks of 8 and 16 (one kernel file each), with and without a clamp (the general entry's C loop, the _fast
            // entry's assembly); 5 x 5 pixels: blocks of four and a last pixel alone; a 1x1 layer of 8 channels: rows of 8
            // values (the small path, rows rebuilt per call).
            foreach (int block in new[] { 8, 16 })
                foreach (var activation in new[] { ActivationFunctionType.NONE, ActivationFunctionType.RELU6 })
                {
                    int b = block;
                    var a = activation;
                    yield return ($"op_conv_sparse_b{b}_{a.ToString().ToLowerInvariant()}", () => Sparse(new SingleOpModel(BuiltinOperator.CONV_2D, "Conv2DOptions",
                            ("padding", Padding.SAME), ("stride_w", 1), ("stride_h", 1), ("dilation_w_factor", 1), ("dilation_h_factor", 1), ("fused_activation_function", a))
                        .Input(I8, new[] { 1, 5, 5, 2 * b }, 0.05f, -5)
                        .Constant(I8, new[] { 8, 3, 3, 2 * b }, OpCases.Values(8 * 9 * 2 * b, 29)).PerChannel(new[] { 0.01f, 0.02f, 0.015f, 0.03f, 0.02f, 0.01f, 0.025f, 0.012f })
                        .Constant(TensorType.INT32, new[] { 8 }, new[] { 900, -400, 60, 0, 5, -3, 77, -123 })
                        .Output(I8, new[] { 1, 5, 5, 8 }, 0.15f, 3).BuildModel(), b));
                }
            yield return ("op_conv_sparse_b8_rows8", () => Sparse(new SingleOpModel(BuiltinOperator.CONV_2D, "Conv2DOptions", ("padding", Padding.VALID), ("stride_w", 1), ("stride_h", 1),
                    ("dilation_w_factor", 1), ("dilation_h_factor", 1))
                .Input(I8, new[] { 1, 3, 3, 8 }, 0.05f, 2)
                .Constant(I8, new[] { 16, 1, 1, 8 }, OpCases.Values(128, 31)).PerChannel(Enumerable.Range(0, 16).Select(i => 0.01f + 0.001f * i).ToArray())
                .Constant(TensorType.INT32, new[] { 16 }, Enumerable.Range(0, 16).Select(i => 37 * i - 250).ToArray())
                .Output(I8, new[] { 1, 3, 3, 16 }, 0.1f, -2).BuildModel(), 8));
        }
    }
}
