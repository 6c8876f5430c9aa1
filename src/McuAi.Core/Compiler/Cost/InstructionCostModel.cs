using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Analysis;
using McuAi.Compiler.Packing;

namespace McuAi.Compiler.Cost
{
    /// <summary>
    /// Estimated Cortex-M4 instructions of a kernel call, made at build time without running anything: the call's
    /// <see cref="CostTerms"/> (its shape) times the coefficients that <see cref="KernelCostTable"/> holds for its kernel
    /// path (<see cref="KeyOf"/>), measured under QEMU. Used by the model report and by the dense/sparse choice of
    /// <c>Optimize="speed"</c>.
    /// </summary>
    public static class InstructionCostModel
    {
        /// <summary>The estimate of one call, or null when the table has no coefficients for its kernel path.</summary>
        public static long? Estimate(string key, CostTerms terms)
        {
            if (!KernelCostTable.Coefficients.TryGetValue(key, out var c)) return null;
            double sum = 0;
            for (int t = 0; t < CostTerms.Count; t++) sum += c[t] * terms[t];
            return (long)Math.Round(sum);
        }

        /// <summary>The estimate of one layer, or null when its kernel path has no coefficients or its params are not the ones this model reads.</summary>
        public static long? Estimate(Layer layer, LayerProgram program)
        {
            // A kernel whose params changed without this model: no estimate (and a "-" in the report), never a failed build.
            try { return Estimate(KeyOf(layer), TermsOf(layer, program)); }
            catch (UnexpectedParamsException) { return null; }
        }

        /// <summary>Each layer's estimate in program order, and their sum (null when a layer has none).</summary>
        public static (IReadOnlyList<long?> Layers, long? Total) Estimate(LayerProgram program)
        {
            var layers = program.Layers.Select(l => Estimate(l, program)).ToList();
            return (layers, layers.All(e => e.HasValue) ? layers.Sum(e => e!.Value) : null);
        }

        /// <summary>
        /// The kernel path a call takes, which the table keys its coefficients by: the C function, and for the int8
        /// convolution kernels the path they pick at run time (mcuai_conv_s8: windows of at most 12 values kept in
        /// registers, 1x1, larger windows with input channels a multiple of 4 or not (read as words or as bytes), and
        /// fewer than 4 output pixels (no four-pixel blocks: FULLY_CONNECTED); mcuai_depthwise_s8: 3x3 and other
        /// windows on the DSP path, the plain loop, which also runs left-shifted layers other than 3x3 ones without clamp;
        /// mcuai_gather: contiguous or strided runs).
        /// </summary>
        public static string KeyOf(Layer layer)
        {
            // By kernel (file pair), whichever of its entries the layer calls: they run the same loops.
            switch (layer.Kernel)
            {
                case "mcuai_conv_s8":
                    return DenseConvKey(Int(layer, "depth"), Int(layer, "k_h") * Int(layer, "k_w"), Int(layer, "in_c"),
                        (long)Int(layer, "batches") * Int(layer, "out_h") * Int(layer, "out_w"));
                case "mcuai_depthwise_s8":
                    int taps = Int(layer, "k_h") * Int(layer, "k_w");
                    int mode = Int(layer, "rescale.mode");
                    // A layer with left shifts (MCUAI_RESCALE_LEFT) takes the DSP path only in the 3x3 assembly loop, without clamp.
                    bool leftOutsideAssembly = (mode & Int8Rescale.Left) != 0 && (taps != 9 || mode != (Int8Rescale.Fast | Int8Rescale.Left));
                    bool dsp = Int(layer, "depth_mult") == 1 && Int(layer, "out_c") % 4 == 0 && taps <= 25 // MCUAI_DEPTHWISE_MAX_TAPS
                        && !leftOutsideAssembly;
                    return layer.Kernel + (!dsp ? ":plain" : taps == 9 ? ":3x3" : ":dsp");
                case "mcuai_gather":
                    // The innermost run is one memcpy when contiguous, one per element when strided.
                    return layer.Kernel + (Field(layer, "strides") is ParamValue.Integers strides && strides.Values[strides.Values.Count - 1] != 1 ? ":strided" : ":contiguous");
                default:
                    // One key for the block-sparse kernels of every block size (the block is one of their terms).
                    return Lowerings.ConvRowsForm.SparseBlockOf(layer.Kernel) is null ? layer.Kernel : SparseConvKey;
            }
        }

        /// <summary>
        /// The path of mcuai_conv_s8 (fewer than 4 pixels take the one-pixel loop whatever the row length) for rows of <paramref name="rowLength"/> packed weights, a window of <paramref name="taps"/>
        /// positions over <paramref name="inChannels"/> channels, and <paramref name="pixels"/> output pixels.
        /// </summary>
        public static string DenseConvKey(int rowLength, int taps, int inChannels, long pixels) =>
            "mcuai_conv_s8" + (rowLength <= 12 && pixels >= 4 ? ":narrow"
                : (taps == 1 ? ":1x1" : inChannels % 4 == 0 ? ":kxk" : ":kxk:unaligned") + (pixels < 4 ? ":few" : ""));

        /// <summary>The key of the block-sparse kernels (mcuai_sparse_conv_s8_b4, _b8, _b16: the same loops but for the block size, a term).</summary>
        public const string SparseConvKey = "mcuai_sparse_conv_s8";

        /// <summary>The call's shape terms: from its params for the int8 convolution kernels, else from its operator's tensors.</summary>
        public static CostTerms TermsOf(Layer layer, LayerProgram program)
        {
            if (Lowerings.ConvRowsForm.SparseBlockOf(layer.Kernel) is int block)
            {
                // mcuai_conv_s8's params under "conv.", the stored blocks' values as its weights.
                int outChannels = Int(layer, "conv.out_c");
                long stored = Field(layer, "conv.weights") is ParamValue.ArrayPointer values ? values.Array.Values.Length
                    : throw new UnexpectedParamsException("param 'conv.weights' of " + layer.Function + " is not an array");
                return CostTerms.SparseConv(Elements(program, layer.Outputs) / outChannels, outChannels, Int(layer, "conv.depth"), block, stored);
            }
            if (layer.Kernel == "mcuai_conv_s8")
                return CostTerms.DenseConv((long)Int(layer, "batches") * Int(layer, "out_h") * Int(layer, "out_w"), Int(layer, "out_c"), Int(layer, "depth"),
                    (Int(layer, "rescale.mode") & Int8Rescale.Fast) == 0);
            var model = program.Model;
            var graph = model.MainSubgraph;
            long macs = MacCounter.Count(model, graph, graph.Operators[layer.OperatorIndex]);
            long outputs = Elements(program, layer.Outputs);
            long inputs = Elements(program, layer.Inputs.Where(t => !program.IsConstant(t)));
            if (macs == 0)
            {
                // A box copy (PAD, STRIDED_SLICE, TRANSPOSE) runs one row per innermost output run.
                long rows = layer.Kernel == "mcuai_gather" && Field(layer, "dims") is ParamValue.Integers dims
                    ? outputs / System.Math.Max(1, dims.Values[dims.Values.Count - 1]) : 0;
                // A pool reads its window per output; a binary op whose inputs differ in shape walks the broadcast indices.
                long window = layer.Kernel.Contains("_pool_", StringComparison.Ordinal) ? outputs * Int(layer, "filter_h") * Int(layer, "filter_w") : 0;
                bool broadcast = layer.Params.FirstOrDefault(p => p.Name == "shape")?.Value is ParamValue.Nested broadcastShape
                    && broadcastShape.Fields.FirstOrDefault(f => f.Name == "elementwise")?.Value is ParamValue.Integer { Value: 0 };
                return CostTerms.Elementwise(outputs, inputs, rows, window, broadcast ? outputs : 0);
            }
            int channels = layer.Outputs.Count > 0 && graph.Tensors[layer.Outputs[0]].Shape is { Length: > 0 } shape ? Math.Max(1, shape[shape.Length - 1]) : 1;
            bool exact = layer.Params.Any(p => p.Name == "rescale.mode") && (Int(layer, "rescale.mode") & Int8Rescale.Fast) == 0;
            long pixels = Math.Max(1, outputs / channels);
            return CostTerms.Weighted(pixels, channels, macs / Math.Max(1, pixels * channels), exact);
        }

        private static long Elements(LayerProgram program, IEnumerable<int> tensors) =>
            tensors.Sum(t => program.Model.MainSubgraph.Tensors[t].Shape.Aggregate(1L, (n, d) => n * Math.Max(d, 1)));

        private static ParamValue Field(Layer layer, string name) =>
            layer.Params.FirstOrDefault(p => p.Name == name)?.Value ?? throw new UnexpectedParamsException($"layer of {layer.Function} has no param '{name}'");

        private static int Int(Layer layer, string name) => Field(layer, name) switch
        {
            ParamValue.Integer i => (int)i.Value,
            _ => throw new UnexpectedParamsException($"param '{name}' of {layer.Function} is not an integer"),
        };

        /// <summary>A layer's params are not what <see cref="KeyOf"/> and <see cref="TermsOf"/> read (the kernel changed): re-calibrate.</summary>
        public sealed class UnexpectedParamsException : Exception
        {
            public UnexpectedParamsException(string message) : base(message + "; update InstructionCostModel and re-run the bench's costs command") { }
        }
    }
}
