using System;
using System.IO;
using System.Linq;
using McuAi.Quantization;
using McuAi.Simplification;
using Microsoft.Build.Framework;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// Which file a model's sources come from. For a quantized model the McuAiQuantize target sets the
    /// GenerationSource metadata to the cached quantized model; the item itself (its identity, Symbol,
    /// state files) stays the user's float model.
    /// </summary>
    internal static class GenerationSource
    {
        public static string Of(ITaskItem model)
        {
            string source = model.GetMetadata("GenerationSource");
            return source.Length > 0 ? source : model.ItemSpec;
        }

        /// <summary>The report's quantization section: the settings, the number of calibration files and the validation figures if any.</summary>
        public static QuantizationReportSection ReportSection(ITaskItem model, ModelSettings settings)
        {
            var options = McuAiQuantizeModel.ToOptions(settings);
            int calibrationFiles = ReadLines(model.GetMetadata("CalibrationListFile")).Count(l => l.StartsWith("calibration ", StringComparison.Ordinal));
            string metricsPath = ReadLines(model.GetMetadata("ValidationRecordFile")).FirstOrDefault() ?? "";
            string? metrics = metricsPath.Length > 0 && File.Exists(metricsPath) ? File.ReadAllText(metricsPath) : null;
            return new QuantizationReportSection(Path.GetFileName(model.ItemSpec), options, calibrationFiles, metrics);
        }

        /// <summary>The report's simplification section (per-step figures and tables), or null when the model was not simplified.</summary>
        public static SimplificationReportSection? SimplificationSection(ITaskItem model)
        {
            string recordPath = ReadLines(model.GetMetadata("SimplificationRecordFile")).FirstOrDefault() ?? "";
            return recordPath.Length > 0 && File.Exists(recordPath) ? new SimplificationReportSection(File.ReadAllText(recordPath)) : null;
        }

        private static string[] ReadLines(string path) =>
            path.Length > 0 && File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray() : Array.Empty<string>();
    }
}
