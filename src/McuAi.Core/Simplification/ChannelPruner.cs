using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using McuAi.Diagnostics;
using McuAi.Quantization;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>One set of tied channels and what pruning did to it.</summary>
    /// <param name="Name">The first producing layer's output tensor.</param>
    /// <param name="Producers">The CONV_2D / FULLY_CONNECTED operators whose output channels these are (several when residual ADDs tie them).</param>
    /// <param name="KeptBecause">Why the channels were not pruned (a model output, an unsupported operator ...), or null.</param>
    public sealed record PrunedChannels(string Name, IReadOnlyList<int> Producers, int Before, int After, string? KeptBecause);

    /// <summary>The pruned model and the per-space figures.</summary>
    public sealed class ChannelPruningResult
    {
        internal ChannelPruningResult(Model model, IReadOnlyList<PrunedChannels> spaces, int compensated, List<Diagnostic> diagnostics)
        {
            Model = model;
            Spaces = spaces;
            CompensatedLayers = compensated;
            Diagnostics = diagnostics;
        }

        /// <summary>A new model (the input is unchanged): an ordinary .tflite with smaller tensors and the same operators.</summary>
        public Model Model { get; }
        public IReadOnlyList<PrunedChannels> Spaces { get; }
        /// <summary>Consuming layers whose bias received the mean contribution of their removed input channels.</summary>
        public int CompensatedLayers { get; }
        public IReadOnlyList<Diagnostic> Diagnostics { get; }
        public int ChannelsBefore => Spaces.Sum(s => s.Before);
        public int ChannelsAfter => Spaces.Sum(s => s.After);
    }

    /// <summary>
    /// Channel (neuron) pruning: removes whole output channels of CONV_2D and FULLY_CONNECTED layers (and of the
    /// DEPTHWISE_CONV_2D, activations and ADDs they flow through), with the matching input channels of every layer
    /// that reads them. Tied channels (residual ADDs, element-wise ops, concatenations) go together or not at all
    /// (<see cref="ChannelGraph"/>). Float and int8 models alike; the result runs on TFLM unchanged, with fewer MACs,
    /// smaller weights and smaller activations.
    /// </summary>
    public static class ChannelPruner
    {
        public static ChannelPruningResult Prune(Model model, ChannelPruningOptions options, CalibrationData? data = null,
                                                 QuantizationOptions? runOptions = null, Action<QuantizationProgress>? progress = null, string? file = null) =>
            Prune(model, options, data, runOptions, progress, file, onlyProducer: null);

        /// <param name="onlyProducer">When set, only the space of this producing operator loses the channels the selection chose (to measure one layer's cost).</param>
        internal static ChannelPruningResult Prune(Model model, ChannelPruningOptions options, CalibrationData? data,
                                                   QuantizationOptions? runOptions, Action<QuantizationProgress>? progress, string? file, int? onlyProducer)
        {
            options.Validate();
            if (options.Criterion == PruneCriterion.Activation && data is null)
                throw new McuAiException(DiagnosticCodes.SimplificationOptionInvalid, file,
                    "the activation pruning criterion needs calibration data: give samples of the model's inputs, or use the l1 or l2 criterion.");
            if (model.Subgraphs.Count != 1)
                throw new McuAiException(DiagnosticCodes.SimplificationOptionInvalid, file,
                    $"the model has {model.Subgraphs.Count} subgraphs; channel pruning handles single-graph models only.");
            var copy = ModelCopier.Copy(model);
            var graph = ChannelGraph.Build(copy);
            var spaces = graph.Spaces;
            var diagnostics = new List<Diagnostic>();

            var producers = graph.Slices.Where(s => s.Role == SliceRole.ProducerOutput && s.Slot == 1)
                .GroupBy(s => spaces.Root(s.Layout.Segments[0].Space)).ToDictionary(g => g.Key, g => g.ToList());
            var prunable = producers.Keys.Where(r => spaces.FrozenBecause(r) is null).OrderBy(r => r).ToList();
            var consumers = graph.Slices.Where(s => s.Role == SliceRole.ConsumerInput && s.Layout.Spaces.Any(sp => prunable.Contains(spaces.Root(sp)))).ToList();

            ActivationStatistics? stats = null;
            bool compensate = options.CompensateBias && data is not null;
            if (data is not null && prunable.Count > 0 && (compensate || options.Criterion == PruneCriterion.Activation))
                stats = ActivationStatistics.Collect(model, data, consumers.Select(c => (InputOf(copy, c), (int)c.Layout.Length)),
                    runOptions ?? new QuantizationOptions(), progress, file);

            var scores = prunable.ToDictionary(r => r, r => Scores(copy, graph, r, producers[r], consumers, options.Criterion, stats, compensate));
            var kept = ChannelSelection.Choose(scores, options);
            if (onlyProducer is int only)
                foreach (int root in prunable.Where(r => !producers[r].Any(p => p.Operator == only)))
                    kept[root] = Enumerable.Repeat(true, kept[root].Length).ToArray();

            var editor = new ConstantEditor(copy);
            int compensated = 0;
            if (compensate && stats is not null)
                foreach (var consumer in consumers)
                    if (Compensate(copy, editor, graph, consumer, kept, stats)) compensated++;
            foreach (var slice in graph.Slices)
            {
                if (slice.Layout.KeptLength(spaces, kept) == slice.Layout.Length) continue;
                var op = copy.MainSubgraph.Operators[slice.Operator];
                var constant = copy.MainSubgraph.Tensors[op.Inputs[slice.Slot]];
                if (slice.Axis >= constant.Shape.Length || constant.Shape[slice.Axis] != slice.Layout.Length)
                    throw new McuAiException(DiagnosticCodes.InvalidOperator, file,
                        $"operator {slice.Operator} ({copy.CodeOf(op).ShownName}): tensor '{MessageText.Quote(constant.Name)}' has shape [{string.Join(", ", constant.Shape)}], " +
                        $"which does not match the {slice.Layout.Length} channels of the activation it goes with; fix the model's shapes.");
                TensorSlicer.SliceConstant(editor, constant, slice.Axis, slice.Layout.KeptIndices(spaces, kept));
            }
            ResizeActivations(copy, graph, kept);
            foreach (int k in graph.Reshapes) FixReshapeTarget(copy, editor, k);

            var report = producers.Keys.OrderBy(r => producers[r].Min(s => s.Operator)).Select(r =>
            {
                int before = spaces.Channels(r);
                int after = kept.TryGetValue(r, out var k) ? k.Count(x => x) : before;
                var ops = producers[r].Select(s => s.Operator).Distinct().OrderBy(o => o).ToList();
                var firstOutput = copy.MainSubgraph.Operators[ops[0]].Outputs[0];
                return new PrunedChannels(copy.MainSubgraph.Tensors[firstOutput].Name ?? $"operator {ops[0]}", ops, before, after, spaces.FrozenBecause(r));
            }).ToList();
            if (prunable.Count == 0)
                diagnostics.Add(new Diagnostic(DiagnosticCodes.NothingToPrune, DiagnosticSeverity.Warning,
                    "channel pruning found no channel it may remove: every layer's output channels reach a model output or an operator they cannot follow through" +
                    (report.Count > 0 ? $" (for example '{report[0].Name}': {report[0].KeptBecause})" : "") + "; the model is unchanged.", file));
            return new ChannelPruningResult(copy, report, compensated, diagnostics);
        }

        private static int InputOf(Model model, ConstantSlice consumer) => model.MainSubgraph.Operators[consumer.Operator].Inputs[0];

        /// <summary>Per channel of a space, its importance under the criterion (higher = keep).</summary>
        private static double[] Scores(Model model, ChannelGraph graph, int root, List<ConstantSlice> producers, List<ConstantSlice> consumers,
                                       PruneCriterion criterion, ActivationStatistics? stats, bool compensated)
        {
            int channels = graph.Spaces.Channels(root);
            var total = new double[channels];
            bool any = false;
            if (criterion == PruneCriterion.Activation && stats is not null)
            {
                foreach (var consumer in consumers)
                {
                    var part = ActivationScores(model, graph, root, consumer, stats, compensated);
                    if (part is null) continue;
                    Accumulate(total, part);
                    any = true;
                }
            }
            if (!any)
                foreach (var producer in producers)
                {
                    var filter = model.MainSubgraph.Tensors[model.MainSubgraph.Operators[producer.Operator].Inputs[1]];
                    Accumulate(total, ConstantValues.Norms(ConstantValues.Real(model, filter), filter.Shape, 0, criterion == PruneCriterion.L2 ? 2 : 1));
                }
            return total;
        }

        /// <summary>
        /// What removing each channel costs a consumer: ‖W[:, c]‖₂ · σ(x_c), the root-mean-square change of the consumer's
        /// output when x_c is replaced by its mean (which compensation adds back), or ‖W[:, c]‖₂ · √E[x_c²] without
        /// compensation; summed over every position of the space in the consumer's input. Null when the consumer does not read the space.
        /// </summary>
        private static double[]? ActivationScores(Model model, ChannelGraph graph, int root, ConstantSlice consumer, ActivationStatistics stats, bool compensated)
        {
            var op = model.MainSubgraph.Operators[consumer.Operator];
            var filter = model.MainSubgraph.Tensors[op.Inputs[1]];
            int period = (int)consumer.Layout.Length;
            var columnNorms = ConstantValues.Norms(ConstantValues.Real(model, filter), filter.Shape, consumer.Axis, 2);
            var mean = stats.Mean(op.Inputs[0], period);
            var meanSquare = stats.MeanSquare(op.Inputs[0], period);
            var scores = new double[graph.Spaces.Channels(root)];
            bool reads = false;
            foreach (var (index, space, channel) in Positions(graph, consumer.Layout))
            {
                if (graph.Spaces.Root(space) != root) continue;
                double spread = compensated ? meanSquare[index] - mean[index] * mean[index] : meanSquare[index];
                scores[channel] += Math.Sqrt(Math.Max(0, spread)) * columnNorms[index];
                reads = true;
            }
            return reads ? scores : null;
        }

        /// <summary>Every index of a layout's last dimension with the space and channel it holds.</summary>
        private static IEnumerable<(int Index, int Space, int Channel)> Positions(ChannelGraph graph, ChannelLayout layout)
        {
            int index = 0;
            for (int r = 0; r < layout.Repeat; r++)
                foreach (var (space, channels) in layout.Segments)
                    for (int c = 0; c < channels; c++) yield return (index++, space, c);
        }

        private static void Accumulate(double[] total, double[] part)
        {
            double mean = part.Length == 0 ? 0 : part.Average();
            for (int c = 0; c < total.Length; c++) total[c] += mean > 0 ? part[c] / mean : 1;
        }

        /// <summary>
        /// Folds the mean of each removed input channel into the consumer's bias: bias[o] += Σ_taps W[o, tap, c] · mean(x_c),
        /// with real (dequantized) weights and means; an int32 bias takes the sum at its own scale. Exact for a
        /// FULLY_CONNECTED (and for a convolution away from its padded border) when the removed channel is constant.
        /// </summary>
        private static bool Compensate(Model model, ConstantEditor editor, ChannelGraph graph, ConstantSlice consumer,
                                       Dictionary<int, bool[]> kept, ActivationStatistics stats)
        {
            var g = model.MainSubgraph;
            var op = g.Operators[consumer.Operator];
            if (op.Inputs.Length < 3 || op.Inputs[2] < 0) return false;
            var filter = g.Tensors[op.Inputs[1]];
            var bias = g.Tensors[op.Inputs[2]];
            bool intBias = bias.Type == TensorType.INT32 && bias.Quantization is { Scale.Length: > 0 };
            if (bias.Type != TensorType.FLOAT32 && !intBias) return false;
            int period = (int)consumer.Layout.Length;
            var keep = new HashSet<int>(consumer.Layout.KeptIndices(graph.Spaces, kept));
            if (keep.Count == period) return false;
            var mean = stats.Mean(op.Inputs[0], period);
            var w = ConstantValues.Real(model, filter);
            int outputs = filter.Shape[0];
            int rowLength = (int)(filter.ElementCount / outputs);
            var added = new double[outputs];
            for (int o = 0; o < outputs; o++)
                // Rows are [taps..., period] for a convolution (OHWI) and [period] for a FULLY_CONNECTED.
                for (int i = 0; i < rowLength; i++)
                {
                    int index = i % period;
                    if (!keep.Contains(index)) added[o] += w[o * rowLength + i] * mean[index];
                }
            if (intBias)
            {
                var b = MemoryMarshal.Cast<byte, int>(model.DataOf(bias).Span).ToArray();
                var scales = bias.Quantization!.Scale;
                for (int o = 0; o < outputs; o++)
                {
                    double q = b[o] + QuantMath.Round(added[o] / scales[scales.Length == 1 ? 0 : o]);
                    b[o] = (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, q));
                }
                editor.SetData(bias, MemoryMarshal.AsBytes(b.AsSpan()).ToArray());
            }
            else
            {
                var b = MemoryMarshal.Cast<byte, float>(model.DataOf(bias).Span).ToArray();
                for (int o = 0; o < outputs; o++) b[o] = (float)(b[o] + added[o]);
                editor.SetData(bias, MemoryMarshal.AsBytes(b.AsSpan()).ToArray());
            }
            return true;
        }

        private static void ResizeActivations(Model model, ChannelGraph graph, Dictionary<int, bool[]> kept)
        {
            var tensors = model.MainSubgraph.Tensors;
            for (int t = 0; t < graph.Layouts.Length; t++)
            {
                var layout = graph.Layouts[t];
                if (layout is null) continue;
                long length = layout.KeptLength(graph.Spaces, kept);
                var tensor = tensors[t];
                if (tensor.Shape.Length == 0 || length == tensor.Shape[tensor.Shape.Length - 1]) continue;
                tensor.Shape = (int[])tensor.Shape.Clone();
                tensor.Shape[tensor.Shape.Length - 1] = (int)length;
                if (tensor.ShapeSignature.Length == tensor.Shape.Length && tensor.ShapeSignature[tensor.ShapeSignature.Length - 1] != -1)
                {
                    tensor.ShapeSignature = (int[])tensor.ShapeSignature.Clone();
                    tensor.ShapeSignature[tensor.ShapeSignature.Length - 1] = (int)length;
                }
            }
        }

        /// <summary>A RESHAPE's target shape (options and shape tensor) follows its output's new shape; -1 entries stay.</summary>
        private static void FixReshapeTarget(Model model, ConstantEditor editor, int k)
        {
            var g = model.MainSubgraph;
            var op = g.Operators[k];
            var output = g.Tensors[op.Outputs[0]].Shape;
            if (model.CodeOf(op).Op != BuiltinOperator.RESHAPE) return;
            if (op.Options is { Schema: not null } options && options.Schema.Name == "ReshapeOptions")
            {
                var target = options.GetInt32Array("new_shape");
                if (target.Length == output.Length) options.Set("new_shape", Follow(target, output));
            }
            if (op.Inputs.Length > 1 && op.Inputs[1] >= 0 && model.IsConstant(g.Tensors[op.Inputs[1]]) && g.Tensors[op.Inputs[1]].Type == TensorType.INT32)
            {
                int index = editor.Own(op, 1);
                var shapeTensor = g.Tensors[index];
                var target = MemoryMarshal.Cast<byte, int>(model.DataOf(shapeTensor).Span).ToArray();
                if (target.Length == output.Length) editor.SetData(shapeTensor, MemoryMarshal.AsBytes(Follow(target, output).AsSpan()).ToArray());
            }
        }

        private static int[] Follow(int[] target, int[] shape) => target.Select((v, i) => v == -1 ? -1 : shape[i]).ToArray();
    }
}
