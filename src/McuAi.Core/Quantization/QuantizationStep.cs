using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using McuAi.Diagnostics;
using McuAi.IO;
using McuAi.TfLite;

namespace McuAi.Quantization
{
    /// <summary>What the build asks for one model (the item metadata, already parsed and globs expanded).</summary>
    public sealed class QuantizationStepRequest
    {
        public string ModelPath { get; set; } = "";
        public IReadOnlyList<string> CalibrationFiles { get; set; } = Array.Empty<string>();
        /// <summary>Empty: the calibration files are used when a gate is set.</summary>
        public IReadOnlyList<string> ValidationFiles { get; set; } = Array.Empty<string>();
        public QuantizationOptions Options { get; set; } = new();
        public QualityGates Gates { get; set; } = new();
        public bool Classifier { get; set; }
        /// <summary>Where quantized models are cached (the SDK passes obj/…/mcuai/quantized).</summary>
        public string CacheFolder { get; set; } = "";
    }

    /// <summary>The outcome: which model the generated sources should come from, and what happened.</summary>
    public sealed class QuantizationStepResult
    {
        /// <summary>The quantized model (a cache entry), or the input model when it was already quantized.</summary>
        public string ModelPath { get; internal set; } = "";
        /// <summary>False when the cache had the model (nothing was quantized).</summary>
        public bool Quantized { get; internal set; }
        public List<Diagnostic> Diagnostics { get; } = new();
        /// <summary>The validation record (JSON of <see cref="MetricsJson"/>), or null when nothing was validated.</summary>
        public string? MetricsJsonPath { get; internal set; }
        public PhaseTimings? Timings { get; internal set; }
    }

    /// <summary>
    /// One model's quantization in a build: cache lookup, calibration, quantization, validation with gates,
    /// cache store. The MSBuild task is a thin shell over this: it maps metadata to the request, logs
    /// <paramref name="log"/> messages (every 10% of each phase, and cache hits) at normal verbosity,
    /// logs the diagnostics, and turns a thrown <see cref="McuAiException"/> into a coded build error.
    /// </summary>
    public static class QuantizationStep
    {
        public static QuantizationStepResult Run(QuantizationStepRequest request, Action<string>? log = null)
        {
            var result = new QuantizationStepResult();
            byte[] modelBytes = ReadModel(request.ModelPath);
            string name = Path.GetFileName(request.ModelPath);
            var cache = new QuantizationCache(request.CacheFolder);
            string key = QuantizationCache.Key(modelBytes, request.CalibrationFiles, request.Options);
            var validationFiles = request.ValidationFiles.Count > 0 ? request.ValidationFiles : request.Gates.IsEmpty ? Array.Empty<string>() : request.CalibrationFiles;
            string? validationRecord = validationFiles.Count > 0 ? ValidationRecordPath(cache, key, name, validationFiles, request) : null;

            if (cache.TryGet(key, name, out string cached) && (validationRecord is null || File.Exists(validationRecord)))
            {
                log?.Invoke($"{name}: quantized model is up to date ({Path.GetFileName(cached)}); nothing to quantize.");
                result.ModelPath = cached;
                result.MetricsJsonPath = validationRecord;
                return result;
            }

            var lastTenth = new Dictionary<string, int>();
            void Progress(QuantizationProgress p)
            {
                int tenth = (int)(p.Fraction * 10);
                if (lastTenth.TryGetValue(p.Phase, out int last) && last == tenth) return;
                lastTenth[p.Phase] = tenth;
                log?.Invoke($"{name}: {p.Phase} {tenth * 10}% ({p.Done}/{p.Total})");
            }

            var run = Quantizer.Quantize(modelBytes, request.ModelPath, m => CalibrationData.Load(request.CalibrationFiles, m), request.Options, Progress);
            result.Diagnostics.AddRange(run.Report.Diagnostics);
            result.Timings = run.Timings;
            if (run.Report.NothingToDo)
            {
                result.ModelPath = request.ModelPath;
                return result;
            }
            if (validationRecord is not null)
            {
                var data = CalibrationData.Load(validationFiles, ModelReader.Read(modelBytes, request.ModelPath));
                var metrics = Quantizer.Validate(modelBytes, run, data, request.Gates, request.Classifier, request.Options, request.ModelPath, Progress);
                foreach (var m in metrics) log?.Invoke($"{name}: {m}");
                // Written only when the gates held: a failing model fails again on the next build.
                AtomicFile.WriteCreatingFolder(validationRecord, Encoding.UTF8.GetBytes(MetricsJson.Render(metrics)), DiagnosticCodes.DataFileUnwritable);
                result.MetricsJsonPath = validationRecord;
            }
            result.ModelPath = cache.Store(key, name, run.ModelBytes);
            result.Quantized = true;
            log?.Invoke($"{name}: quantized ({request.Options.Mode}) in {run.Timings}.");
            return result;
        }

        /// <summary>The validation record depends on the model's cache key, the validation data, the gates and the classifier flag.</summary>
        private static string ValidationRecordPath(QuantizationCache cache, string key, string name, IReadOnlyList<string> files, QuantizationStepRequest request)
        {
            var gates = request.Gates;
            string settings = FormattableString.Invariant($"{key};{gates.MinCosine:R};{gates.MaxL2Error:R};{gates.MinTop1Agreement:R};{request.Classifier}");
            string validationKey = QuantizationCache.Key(Encoding.UTF8.GetBytes(settings), files, request.Options);
            return Path.ChangeExtension(cache.PathFor(key, name), "validation-" + validationKey.Substring(0, 16) + ".json");
        }

        private static byte[] ReadModel(string path)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new McuAiException(DiagnosticCodes.ModelFileUnreadable, path, $"cannot read the model file: {e.Message}.", e);
            }
        }
    }
}
