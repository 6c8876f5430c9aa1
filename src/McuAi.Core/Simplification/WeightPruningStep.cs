using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>The weight-pruning step: <see cref="MagnitudePruner"/>, with per-layer sparsity and the sparse layout's size.</summary>
    internal sealed class WeightPruningStep : SimplificationStep
    {
        private readonly WeightPruningOptions _options;

        public WeightPruningStep(WeightPruningOptions options) => _options = options;

        public override string Name => "sparsity";
        public override string Title => "weight pruning";
        public override string Settings => _options.CacheKeyText();

        public override byte[] Run(StepContext context, byte[] input, Model inputModel, StepRecord record)
        {
            var (model, layers) = MagnitudePruner.Prune(inputModel, _options);
            var table = new StepTable("operator", "op", "output", "weights", "sparsity", "zero blocks", "blocks", "dense int8 bytes", "sparse int8 bytes");
            long dense = 0, sparse = 0;
            var g = model.MainSubgraph;
            foreach (var layer in layers)
            {
                var filter = g.Tensors[g.Operators[layer.Operator].Inputs[1]];
                var layout = SparseLayoutOf(model, filter, _options.Block);
                dense += layout.DenseBytes(8);
                sparse += layout.SparseBytes(8);
                table.Add((long)layer.Operator, layer.Op, layer.Name, layer.Weights, layer.Sparsity, (long)layer.ZeroBlocks, (long)layer.Blocks, layout.DenseBytes(8), layout.SparseBytes(8));
            }
            record.Table = table;
            string saving = FormattableString.Invariant($"the C backend's block-sparse layout would store these filters at int8 in {sparse:N0} instead of {dense:N0} bytes");
            if (!string.Equals(context.Request.Settings.Runtime, "c", StringComparison.OrdinalIgnoreCase))
                record.Notes.Add($"info {DiagnosticCodes.SparsityNoSavingWithTflm}: weight pruning keeps the dense format: with TFLM it saves no flash, RAM or time on the device ({saving}; a quantized model compresses better when zipped). It pays with the C backend ({context.Request.Names.Assign(Setting.Runtime, "c")}), or as a step before channel pruning.");
            else record.Notes.Add(saving + ".");
            return ModelWriter.Write(model);
        }

        /// <summary>The layout of a pruned filter as the C backend would build it (its int8 values; zero stays zero when quantized).</summary>
        internal static SparseWeightLayout SparseLayoutOf(Model model, Tensor filter, int block)
        {
            var real = ConstantValues.Real(model, filter);
            var proxy = real.Select(v => v == 0 ? (sbyte)0 : (sbyte)1).ToArray();
            return SparseWeightLayout.Build(proxy, filter.Shape[filter.Shape.Length - 1], block);
        }

        public override string? CostliestLayer(StepContext context, Model inputModel, Model output) => SameShapeCostliest(context, inputModel, output);

        internal static string? SameShapeCostliest(StepContext context, Model inputModel, Model output)
        {
            if (context.Probe is not { } probe) return null;
            if (LayerErrorProfile.Costliest(inputModel, output, probe.Data, context.ModelFile) is not { } worst) return null;
            var op = output.MainSubgraph.Operators[worst.Operator];
            string name = output.MainSubgraph.Tensors[op.Outputs[0]].Name ?? "";
            return FormattableString.Invariant(
                $"The costliest layer is operator {worst.Operator} ({output.CodeOf(op).ShownName}) '{name}': it adds {worst.Cost:F4} to the relative L2 error of its output over its inputs'.");
        }

        public override string Advice(SettingNames names) =>
            $"Lower {names.Name(Setting.WeightSparsity)} or {names.Name(Setting.SparsityBlock)}, or relax the gate";
    }
}
