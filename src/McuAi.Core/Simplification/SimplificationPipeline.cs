using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using McuAi.Diagnostics;
using McuAi.IO;
using McuAi.Quantization;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>The outcome of a simplification run.</summary>
    public sealed class SimplificationResult
    {
        public byte[] ModelBytes { get; internal set; } = Array.Empty<byte>();
        /// <summary>The final model's cache entry, or null without a cache folder.</summary>
        public string? ModelPath { get; internal set; }
        public IReadOnlyList<StepRecord> Steps { get; internal set; } = Array.Empty<StepRecord>();
        /// <summary>The steps' infos and warnings (MCUAI3051 nothing to prune, 3052 sparsity on TFLM, 3054 layers kept at 8 bits, the quantizer's).</summary>
        public List<Diagnostic> Diagnostics { get; } = new();
        /// <summary>The run's record (<see cref="StepRecord.Render"/>), which the report section reads.</summary>
        public string RecordJson { get; internal set; } = "";
        /// <summary>Where the record is cached, or null without a cache folder.</summary>
        public string? RecordPath { get; internal set; }
        /// <summary>The quantization step's accuracy (<see cref="MetricsJson"/>) for the report's quantization section, or null.</summary>
        public string? QuantizationMetricsPath { get; internal set; }
        /// <summary>True when the cache had everything: nothing ran.</summary>
        public bool FromCache { get; internal set; }
    }

    /// <summary>
    /// A model's simplification in a build or a CLI run: channel pruning, weight pruning, quantization and 4-bit weights,
    /// each optional, in this order. Every step's result is cached under a key chained from the model's bytes, the
    /// steps' settings and the data files' bytes, so a step reruns only when something it depends on changed. After
    /// every step the model is measured against the user's model on the validation data and the gates are checked; a
    /// violated gate is MCUAI3030 with the figures and the costliest layer. The record of the run (figures before and
    /// after each step, accuracy, per-layer tables) feeds the report.
    /// </summary>
    public static class SimplificationPipeline
    {
        /// <summary>Bumped whenever a step's output for the same inputs changes.</summary>
        public const string Version = "mcuai-simplify-1";

        private static readonly Regex s_note = new("^(info|warning) (MCUAI[0-9]{4}): (.*)$", RegexOptions.Singleline);

        public static SimplificationResult Run(SimplificationRequest request, Action<string>? log = null, Action<QuantizationProgress>? progress = null)
        {
            var settings = request.Settings;
            settings.Channels?.Validate();
            settings.Sparsity?.Validate();
            QualityGates.Validate(request.Gates);
            string file = request.ModelPath;
            string name = Path.GetFileName(file);
            byte[] source = ReadModel(file);
            var steps = Steps(request);
            var validationFiles = request.EffectiveValidationFiles;
            if (!request.Gates.IsEmpty && validationFiles.Count == 0)
                throw new McuAiException(DiagnosticCodes.SimplificationOptionInvalid, file,
                    $"an accuracy gate needs data: give {request.Names.Name(Setting.Validation)} or {request.Names.Name(Setting.Calibration)} samples of the model's inputs.");

            var cache = request.CacheFolder.Length > 0 ? new QuantizationCache(request.CacheFolder) : null;
            var keys = new List<string>();
            string key = QuantizationCache.Key(Version, "source", source, Array.Empty<string>());
            foreach (var step in steps)
            {
                key = QuantizationCache.Key(Version + ":" + step.Name, step.Settings, Encoding.UTF8.GetBytes(key), step.DataFiles(request));
                keys.Add(key);
            }
            string recordKey = QuantizationCache.Key(Version + ":record", RecordSettings(request), Encoding.UTF8.GetBytes(key), validationFiles);
            string? recordPath = cache is null ? null : RecordPath(cache.PathFor(key, name), recordKey);

            var result = new SimplificationResult { RecordPath = recordPath };
            if (cache is not null && recordPath is not null && cache.TryGet(key, name, out string cached) && File.Exists(recordPath))
            {
                log?.Invoke($"{name}: simplified model is up to date ({Path.GetFileName(cached)}); nothing to do.");
                result.ModelPath = cached;
                result.ModelBytes = File.ReadAllBytes(cached);
                result.RecordJson = File.ReadAllText(recordPath);
                result.FromCache = true;
                string metrics = QuantizationMetricsPath(recordPath);
                if (File.Exists(metrics)) result.QuantizationMetricsPath = metrics;
                return result;
            }

            var reference = ModelReader.Read(source, file);
            var context = new StepContext(request, () => validationFiles.Count == 0 ? null
                : new AccuracyProbe(reference, CalibrationData.Load(validationFiles, reference), request.Classifier,
                    new QuantizationOptions { MaxParallelism = request.MaxParallelism }, progress, file), progress);
            var records = new List<StepRecord>();
            byte[] current = source;
            var currentModel = reference;
            IReadOnlyList<OutputMetrics>? quantizationAccuracy = null;
            for (int i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                var record = new StepRecord(step.Name, step.Title, step.Settings) { Before = ModelFigures.Of(currentModel, current.Length, request.Analysis, file) };
                byte[] output;
                string? stepPath = cache?.PathFor(keys[i], name);
                if (cache is not null && stepPath is not null && File.Exists(stepPath) && File.Exists(DetailsPath(stepPath)))
                {
                    output = File.ReadAllBytes(stepPath);
                    record.ReadDetails(File.ReadAllText(DetailsPath(stepPath)));
                    log?.Invoke($"{name}: {step.Title} is up to date ({Path.GetFileName(stepPath)}).");
                }
                else
                {
                    output = step.Run(context, current, ModelReader.Read(current, file), record);
                    if (cache is not null)
                    {
                        cache.Store(keys[i], name, output);
                        AtomicFile.WriteCreatingFolder(DetailsPath(stepPath!), Encoding.UTF8.GetBytes(record.RenderDetails()), DiagnosticCodes.DataFileUnwritable);
                    }
                }
                var outputModel = ModelReader.Read(output, file);
                record.After = ModelFigures.Of(outputModel, output.Length, request.Analysis, file);
                if (context.Probe is { } probe)
                {
                    record.Accuracy = probe.Measure(outputModel, progress, $"validate ({step.Title})");
                    var violations = request.Gates.Violations(record.Accuracy);
                    if (violations.Count > 0)
                    {
                        string? costliest = step.CostliestLayer(context, currentModel, outputModel);
                        throw new McuAiException(DiagnosticCodes.AccuracyGateFailed, file,
                            $"after {step.Title} the model misses its accuracy gates (against '{name}' on {probe.Samples} validation samples): " +
                            string.Join("; ", violations) + "." + (costliest is null ? "" : " " + costliest) + " " + step.Advice(request.Names) + ".");
                    }
                    if (step is QuantizeStep) quantizationAccuracy = record.Accuracy;
                }
                log?.Invoke($"{name}: {Summary(record)}");
                records.Add(record);
                current = output;
                currentModel = outputModel;
            }

            result.Steps = records;
            result.ModelBytes = current;
            foreach (var r in records)
                foreach (string note in r.Notes)
                    if (s_note.Match(note) is { Success: true } m)
                        result.Diagnostics.Add(new Diagnostic(m.Groups[2].Value,
                            m.Groups[1].Value == "warning" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info, m.Groups[3].Value, file));
            result.RecordJson = StepRecord.Render(name, context.Probe?.Samples ?? 0, records);
            if (cache is not null && recordPath is not null)
            {
                result.ModelPath = steps.Count == 0 ? null : cache.PathFor(key, name);
                if (quantizationAccuracy is not null)
                {
                    AtomicFile.WriteCreatingFolder(QuantizationMetricsPath(recordPath), Encoding.UTF8.GetBytes(MetricsJson.Render(quantizationAccuracy)), DiagnosticCodes.DataFileUnwritable);
                    result.QuantizationMetricsPath = QuantizationMetricsPath(recordPath);
                }
                // Written last, and only when every gate held: a failing model fails again on the next build.
                AtomicFile.WriteCreatingFolder(recordPath, Encoding.UTF8.GetBytes(result.RecordJson), DiagnosticCodes.DataFileUnwritable);
            }
            return result;
        }

        private static List<SimplificationStep> Steps(SimplificationRequest request)
        {
            var s = request.Settings;
            var steps = new List<SimplificationStep>();
            if (s.Channels is not null) steps.Add(new ChannelPruningStep(s.Channels));
            if (s.Sparsity is not null) steps.Add(new WeightPruningStep(s.Sparsity));
            if (s.Quantization is not null) steps.Add(new QuantizeStep(s.Quantization));
            if (s.WeightBits != WeightBitsMode.Eight) steps.Add(new WeightBitsStep(s.WeightBits, request.Gates, request.Classifier));
            return steps;
        }

        private static string RecordSettings(SimplificationRequest r) => FormattableString.Invariant(
            $"cos={r.Gates.MinCosine:R};l2={r.Gates.MaxL2Error:R};top1={r.Gates.MinTop1Agreement:R};classifier={r.Classifier};pointer={r.Analysis.PointerSize};kernels={r.Analysis.Kernels};runtime={r.Settings.Runtime}");

        private static string DetailsPath(string modelPath) => Path.ChangeExtension(modelPath, ".step.json");

        private static string RecordPath(string modelPath, string recordKey) =>
            Path.ChangeExtension(modelPath, ".simplification-" + recordKey.Substring(0, 16) + ".json");

        private static string QuantizationMetricsPath(string recordPath) => Path.ChangeExtension(recordPath, ".quantization.json");

        /// <summary>"channel pruning: flash 318,144 -> 160,000 bytes, RAM 201,760 -> 151,936 bytes, MACs ... ; cosine ..."</summary>
        public static string Summary(StepRecord r) =>
            FormattableString.Invariant($"{r.Title}: flash {r.Before!.FlashBytes:N0} -> {r.After!.FlashBytes:N0} bytes, arena {r.Before.ArenaBytes:N0} -> {r.After.ArenaBytes:N0} bytes, MACs {r.Before.Macs:N0} -> {r.After.Macs:N0}") +
            (r.Accuracy is { Count: > 0 } a ? "; " + AccuracyProbe.Summary(a) : "");

        private static byte[] ReadModel(string path)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new McuAiException(DiagnosticCodes.ModelFileUnreadable, path, $"cannot read the model file: {e.Message.TrimEnd('.')}.", e);
            }
        }
    }
}
