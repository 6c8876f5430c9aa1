using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Analysis;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>The channel-pruning step: <see cref="ChannelPruner"/>, with a per-layer table of channels, MACs, weights and activations.</summary>
    internal sealed class ChannelPruningStep : SimplificationStep
    {
        private readonly ChannelPruningOptions _options;

        public ChannelPruningStep(ChannelPruningOptions options) => _options = options;

        public override string Name => "channels";
        public override string Title => "channel pruning";
        public override string Settings => _options.CacheKeyText();

        private bool UsesData(SimplificationRequest r) => r.CalibrationFiles.Count > 0 && (_options.CompensateBias || _options.Criterion == PruneCriterion.Activation);

        public override IReadOnlyList<string> DataFiles(SimplificationRequest request) => UsesData(request) ? request.CalibrationFiles : Array.Empty<string>();

        public override byte[] Run(StepContext context, byte[] input, Model inputModel, StepRecord record)
        {
            var data = UsesData(context.Request) ? context.Calibration(inputModel) : null;
            var result = ChannelPruner.Prune(inputModel, _options, data, context.RunOptions, context.Progress, context.ModelFile);
            foreach (var d in result.Diagnostics) record.Notes.Add($"{d.Severity.ToString().ToLowerInvariant()} {d.Code}: {d.Message}");
            record.Notes.Add(FormattableString.Invariant(
                $"{result.ChannelsBefore - result.ChannelsAfter} of {result.ChannelsBefore} channels removed ({_options.Criterion} criterion){(result.CompensatedLayers > 0 ? $"; {result.CompensatedLayers} layers' biases compensated with the calibration means" : "")}."));
            foreach (var kept in result.Spaces.Where(s => s.KeptBecause is not null).Take(8))
                record.Notes.Add($"'{MessageText.Quote(kept.Name)}' keeps its {kept.Before} channels: {MessageText.Quote(kept.KeptBecause, 240)}.");
            byte[] bytes = ModelWriter.Write(result.Model);
            record.Table = LayerTable(inputModel, result.Model);
            return bytes;
        }

        /// <summary>Per CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED: output channels, MACs, weight and activation bytes before and after (the operators stay the same).</summary>
        private static StepTable LayerTable(Model before, Model after)
        {
            var a = ModelAnalyzer.Analyze(before);
            var b = ModelAnalyzer.Analyze(after);
            var table = new StepTable("operator", "op", "output", "channels before", "channels after", "MACs before", "MACs after",
                "weight bytes before", "weight bytes after", "activation bytes before", "activation bytes after");
            for (int k = 0; k < a.Layers.Count; k++)
            {
                var x = a.Layers[k];
                var y = b.Layers[k];
                if (x.Op is not ("CONV_2D" or "DEPTHWISE_CONV_2D" or "FULLY_CONNECTED") || x.Outputs.Count == 0) continue;
                table.Add((long)k, x.Op, x.Outputs[0].Name, (long)LastDim(x.Outputs[0].Shape), (long)LastDim(y.Outputs[0].Shape),
                    x.Macs, y.Macs, x.WeightBytes, y.WeightBytes, x.ActivationBytes, y.ActivationBytes);
            }
            return table;
        }

        private static int LastDim(IReadOnlyList<int> shape) => shape.Count == 0 ? 1 : shape[shape.Count - 1];

        public override string? CostliestLayer(StepContext context, Model inputModel, Model output)
        {
            var probe = context.Probe;
            if (probe is null) return null;
            var data = UsesData(context.Request) ? context.Calibration(inputModel) : null;
            var plan = ChannelPruner.Prune(inputModel, _options, data, context.RunOptions, null, context.ModelFile);
            (PrunedChannels Space, double Damage, string Figures)? worst = null;
            foreach (var space in plan.Spaces.Where(s => s.After < s.Before))
            {
                var alone = ChannelPruner.Prune(inputModel, _options, data, context.RunOptions, null, context.ModelFile, space.Producers[0]);
                var metrics = probe.Measure(alone.Model);
                double damage = AccuracyProbe.Damage(metrics);
                if (worst is null || damage > worst.Value.Damage) worst = (space, damage, AccuracyProbe.Summary(metrics));
            }
            if (worst is not { } w) return null;
            return FormattableString.Invariant(
                $"The costliest layer is '{w.Space.Name}' (operator {string.Join(", ", w.Space.Producers)}, {w.Space.Before} -> {w.Space.After} channels): pruned alone it gives {w.Figures}.");
        }

        public override string Advice(SettingNames names) =>
            $"Lower {names.Name(Setting.PruneRatio)}, keep {names.Name(Setting.PruneMaxLayerRatio)} at the ratio, try {names.Assign(Setting.PruneCriterion, "activation")} with calibration data, or relax the gate";
    }
}
