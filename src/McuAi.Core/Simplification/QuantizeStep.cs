using System;
using System.Collections.Generic;
using McuAi.Diagnostics;
using McuAi.Quantization;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>The quantization step inside a simplification run: <see cref="Quantizer.Quantize"/> on the (pruned) model.</summary>
    internal sealed class QuantizeStep : SimplificationStep
    {
        private readonly QuantizationOptions _options;

        public QuantizeStep(QuantizationOptions options) => _options = options;

        public override string Name => "quantization";
        public override string Title => "quantization";
        public override string Settings => _options.CacheKeyText();

        public override IReadOnlyList<string> DataFiles(SimplificationRequest request) => request.CalibrationFiles;

        public override byte[] Run(StepContext context, byte[] input, Model inputModel, StepRecord record)
        {
            var files = context.Request.CalibrationFiles;
            var result = Quantizer.Quantize(input, context.ModelFile, files.Count == 0 ? null : m => CalibrationData.Load(files, m), _options, context.Progress);
            foreach (var d in result.Report.Diagnostics) record.Notes.Add($"{d.Severity.ToString().ToLowerInvariant()} {d.Code}: {d.Message}");
            record.Notes.Add(result.Report.NothingToDo ? "the model was already quantized." :
                FormattableString.Invariant($"{result.Report.QuantizedWeightTensors} weight tensors and {result.Report.QuantizedActivations} activations quantized ({_options.Mode}), calibrated on {files.Count} data file(s)."));
            return result.Report.NothingToDo ? input : result.ModelBytes;
        }

        public override string? CostliestLayer(StepContext context, Model inputModel, Model output) =>
            WeightPruningStep.SameShapeCostliest(context, inputModel, output);

        public override string Advice(SettingNames names) =>
            $"Use more representative calibration data, try {names.Assign(Setting.CalibrationMethod, "percentile")} or {names.Assign(Setting.QuantizationMode, "int16x8")}, or relax the gate";
    }
}
