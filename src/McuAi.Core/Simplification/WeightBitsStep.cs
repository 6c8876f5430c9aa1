using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Quantization;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>
    /// The 4-bit step: INT4 filters (<see cref="Int4Weights"/>) for every candidate layer (WeightBits="4"), or for those
    /// the accuracy gates allow (WeightBits="auto"): each candidate alone is measured against the user's model, then
    /// layers are switched to 4 bits from the least damaging on, each kept only if all gates still hold.
    /// </summary>
    internal sealed class WeightBitsStep : SimplificationStep
    {
        private readonly WeightBitsMode _mode;
        private readonly QualityGates _gates;
        private readonly bool _classifier;

        public WeightBitsStep(WeightBitsMode mode, QualityGates gates, bool classifier)
        {
            _mode = mode;
            _gates = gates;
            _classifier = classifier;
        }

        public override string Name => "weight-bits";
        public override string Title => "4-bit weights";

        /// <summary>In auto mode the choice depends on the gates, the classifier flag and the validation data too.</summary>
        public override string Settings => _mode == WeightBitsMode.Auto
            ? FormattableString.Invariant($"bits=auto;cos={_gates.MinCosine:R};l2={_gates.MaxL2Error:R};top1={_gates.MinTop1Agreement:R};classifier={_classifier}")
            : "bits=" + SimplificationSettings.Text(_mode);

        public override IReadOnlyList<string> DataFiles(SimplificationRequest request) =>
            _mode == WeightBitsMode.Auto ? request.EffectiveValidationFiles : Array.Empty<string>();

        public override byte[] Run(StepContext context, byte[] input, Model inputModel, StepRecord record)
        {
            RequireInt8(inputModel, context.ModelFile, context.Request.Names);
            var candidates = Int4Weights.Candidates(inputModel);
            var alone = new Dictionary<int, double>();
            IReadOnlyList<int> chosen = candidates;
            if (_mode == WeightBitsMode.Auto) chosen = Choose(context, inputModel, candidates, alone);
            var (model, layers) = Int4Weights.Convert(inputModel, chosen);

            var table = new StepTable("operator", "op", "output", "bits", "filter bytes before", "filter bytes after", "damage alone");
            var g = inputModel.MainSubgraph;
            var converted = layers.ToDictionary(l => l.Operator);
            foreach (int k in candidates)
            {
                var op = g.Operators[k];
                long bytes = inputModel.DataOf(g.Tensors[op.Inputs[1]]).Length;
                bool four = converted.TryGetValue(k, out var layer);
                table.Add((long)k, inputModel.CodeOf(op).ShownName, g.Tensors[op.Outputs[0]].Name ?? "", four ? 4L : 8L, bytes, four ? layer!.BytesAfter : bytes,
                    alone.TryGetValue(k, out double d) ? (object)d : "");
            }
            record.Table = table;
            record.Notes.Add(FormattableString.Invariant($"{layers.Count} of {candidates.Count} layers' filters at 4 bits: {layers.Sum(l => l.BytesBefore):N0} -> {layers.Sum(l => l.BytesAfter):N0} bytes."));
            var kept = candidates.Where(k => !converted.ContainsKey(k)).ToList();
            if (kept.Count > 0)
                record.Notes.Add($"info {DiagnosticCodes.WeightsKeptAt8Bits}: {kept.Count} layer(s) keep 8-bit filters because 4 bits break the accuracy gates: operators {string.Join(", ", kept)}.");
            return ModelWriter.Write(model);
        }

        /// <summary>Greedy mixed precision: least damaging layers first, each kept at 4 bits only while every gate holds.</summary>
        private IReadOnlyList<int> Choose(StepContext context, Model model, IReadOnlyList<int> candidates, Dictionary<int, double> alone)
        {
            var probe = context.Probe ?? throw new McuAiException(DiagnosticCodes.SimplificationOptionInvalid, context.ModelFile,
                $"{context.Request.Names.Assign(Setting.WeightBits, "auto")} needs validation data and an accuracy gate ({context.Request.Names.Name(Setting.MinCosine)}, " +
                $"{context.Request.Names.Name(Setting.MaxL2Error)} or {context.Request.Names.Name(Setting.MinTop1Agreement)}) to choose the layers.");
            if (_gates.Violations(probe.Measure(Int4Weights.Convert(model, candidates).Model, context.Progress, "4-bit: all layers")).Count == 0)
                return candidates;
            foreach (int k in candidates)
                alone[k] = AccuracyProbe.Damage(probe.Measure(Int4Weights.Convert(model, new[] { k }).Model, context.Progress, $"4-bit: operator {k} alone"));
            var chosen = new List<int>();
            foreach (int k in candidates.OrderBy(k => alone[k]).ThenBy(k => k))
            {
                var trial = chosen.Concat(new[] { k }).ToList();
                var metrics = probe.Measure(Int4Weights.Convert(model, trial).Model, context.Progress, $"4-bit: {trial.Count} layers");
                if (_gates.Violations(metrics).Count == 0) chosen = trial;
            }
            return chosen;
        }

        internal static void RequireInt8(Model model, string? file, SettingNames names)
        {
            var g = model.MainSubgraph;
            bool int8 = ModelQuantizer.IsQuantized(model) &&
                        g.Operators.Any(op => op.Inputs.Length > 0 && op.Inputs[0] >= 0 && g.Tensors[op.Inputs[0]].Type == TensorType.INT8);
            bool int16 = g.Operators.Any(op => op.Inputs.Length > 0 && op.Inputs[0] >= 0 && g.Tensors[op.Inputs[0]].Type == TensorType.INT16 &&
                                                model.CodeOf(op).Op is BuiltinOperator.CONV_2D or BuiltinOperator.DEPTHWISE_CONV_2D or BuiltinOperator.FULLY_CONNECTED);
            if (!int8 || int16)
                throw new McuAiException(DiagnosticCodes.WeightBitsNeedInt8, file,
                    $"4-bit weights need a full-integer int8 model (TFLM takes INT4 filters with int8 activations only): set {names.Assign(Setting.QuantizationMode, "int8")} " +
                    "or give an int8 model.");
        }

        public override string? CostliestLayer(StepContext context, Model inputModel, Model output) =>
            WeightPruningStep.SameShapeCostliest(context, inputModel, output);

        public override string Advice(SettingNames names) =>
            $"Use {names.Assign(Setting.WeightBits, "auto")} to keep the sensitive layers at 8 bits, or relax the gate";
    }
}
