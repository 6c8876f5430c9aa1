using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using McuAi.Diagnostics;
using Microsoft.Build.Framework;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// The quantization metadata of a McuAiModel item (the names of the `mcuai quantize` options), checked
    /// and normalised. Like <see cref="ModelSettings"/>, free of McuAi.Core types: the prepare step parses it.
    /// </summary>
    internal sealed class QuantizeSettings
    {
        /// <summary>The Calibration specification as written: files, folders or globs, ';'-separated.</summary>
        public string Calibration { get; private set; } = "";
        /// <summary>"minmax", "percentile" or "moving-average".</summary>
        public string CalibrationMethod { get; private set; } = "minmax";
        public double? Percentile { get; private set; }
        public bool PerChannelFullyConnected { get; private set; }
        /// <summary>"int8" or "float32".</summary>
        public string IoType { get; private set; } = "int8";
        public string Validation { get; private set; } = "";
        public double? MinCosine { get; private set; }
        public double? MaxL2Error { get; private set; }
        public double? MinTop1Agreement { get; private set; }
        public bool Classifier { get; private set; }

        public static QuantizeSettings Parse(ITaskItem item, string name, string mode, List<(string Code, string Message)> errors)
        {
            var q = new QuantizeSettings
            {
                Calibration = item.GetMetadata("Calibration").Trim(),
                Validation = item.GetMetadata("Validation").Trim(),
            };
            // Dynamic-range quantization converts weights only, and pruning alone may run without data: they need no samples.
            if (q.Calibration.Length == 0 && mode is "int8" or "int16x8")
                errors.Add((DiagnosticCodes.CalibrationMissing,
                    $"McuAiModel '{name}': Quantize='{mode}' needs calibration data. Add Calibration=\"data/calib.npy\" (a .npy/.npz file, a folder or a glob of them) with samples of the model's inputs."));

            string method = item.GetMetadata("CalibrationMethod").Trim().ToLowerInvariant();
            if (method.Length == 0 || method == "minmax" || method == "percentile" || method == "moving-average") q.CalibrationMethod = method.Length == 0 ? "minmax" : method;
            else errors.Add(ModelSettings.Bad(DiagnosticCodes.InvalidItemMetadata, name, "CalibrationMethod", method, "'minmax', 'percentile' or 'moving-average'"));

            q.Percentile = ParseNumber(item, name, "Percentile", v => v > 50 && v <= 100, "a percentile in (50, 100], such as 99.99", errors);
            q.PerChannelFullyConnected = ModelSettings.ParseBool(item, name, "PerChannelFullyConnected", errors);

            string io = item.GetMetadata("IoType").Trim().ToLowerInvariant();
            if (io.Length == 0 || io == "int8" || io == "float32") q.IoType = io.Length == 0 ? "int8" : io;
            else errors.Add(ModelSettings.Bad(DiagnosticCodes.InvalidItemMetadata, name, "IoType", io, "'int8' or 'float32'"));

            q.MinCosine = ParseNumber(item, name, "MinCosine", v => v >= -1 && v <= 1, "a cosine similarity in [-1, 1], such as 0.99", errors);
            q.MaxL2Error = ParseNumber(item, name, "MaxL2Error", v => v >= 0, "a relative error of 0 or more, such as 0.05", errors);
            q.MinTop1Agreement = ParseNumber(item, name, "MinTop1Agreement", v => v >= 0 && v <= 1, "a fraction in [0, 1], such as 0.98", errors);
            q.Classifier = ModelSettings.ParseBool(item, name, "Classifier", errors);
            return q;
        }

        /// <summary>
        /// The Calibration (or Validation) specification as MSBuild Include patterns, relative parts made
        /// absolute: a folder becomes <c>folder/**/*.npy;folder/**/*.npz</c>, globs and files stay. The targets
        /// expand these into items, so MSBuild sees every data file as an input of the model's quantization.
        /// </summary>
        public static string IncludePatterns(string specification, string projectDirectory)
        {
            var patterns = new List<string>();
            foreach (string raw in specification.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string part = raw.Trim();
                if (part.Length == 0) continue;
                string full = Path.IsPathRooted(part) ? part : Path.Combine(projectDirectory, part);
                if (part.IndexOfAny(new[] { '*', '?' }) < 0 && Directory.Exists(full))
                {
                    string folder = ModelSettings.EnsureTrailingSeparator(Path.GetFullPath(full));
                    patterns.Add(Items.EscapeKeepingWildcards(folder) + "**" + Path.DirectorySeparatorChar + "*.npy");
                    patterns.Add(Items.EscapeKeepingWildcards(folder) + "**" + Path.DirectorySeparatorChar + "*.npz");
                }
                else patterns.Add(Items.EscapeKeepingWildcards(full));
            }
            return string.Join(";", patterns);
        }

        /// <summary>The lines hashed into the model's metadata file (any change regenerates the model).</summary>
        public string Canonical()
        {
            var sb = new StringBuilder();
            sb.Append("calibration=").Append(Calibration).Append('\n');
            sb.Append("calibrationmethod=").Append(CalibrationMethod).Append('\n');
            sb.Append("percentile=").Append(Format(Percentile)).Append('\n');
            sb.Append("perchannelfc=").Append(PerChannelFullyConnected ? "true" : "false").Append('\n');
            sb.Append("iotype=").Append(IoType).Append('\n');
            sb.Append("validation=").Append(Validation).Append('\n');
            sb.Append("mincosine=").Append(Format(MinCosine)).Append('\n');
            sb.Append("maxl2error=").Append(Format(MaxL2Error)).Append('\n');
            sb.Append("mintop1=").Append(Format(MinTop1Agreement)).Append('\n');
            sb.Append("classifier=").Append(Classifier ? "true" : "false").Append('\n');
            return sb.ToString();
        }

        public void CopyTo(ITaskItem item)
        {
            item.SetLiteral("Calibration", Calibration);
            item.SetLiteral("CalibrationMethod", CalibrationMethod);
            item.SetLiteral("Percentile", Format(Percentile));
            item.SetLiteral("PerChannelFullyConnected", PerChannelFullyConnected ? "true" : "false");
            item.SetLiteral("IoType", IoType);
            item.SetLiteral("Validation", Validation);
            item.SetLiteral("MinCosine", Format(MinCosine));
            item.SetLiteral("MaxL2Error", Format(MaxL2Error));
            item.SetLiteral("MinTop1Agreement", Format(MinTop1Agreement));
            item.SetLiteral("Classifier", Classifier ? "true" : "false");
        }

        private static string Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

        private static double? ParseNumber(ITaskItem item, string name, string metadata, Func<double, bool> valid, string expected,
            List<(string, string)> errors)
        {
            string text = item.GetMetadata(metadata).Trim();
            if (text.Length == 0) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && valid(value)) return value;
            errors.Add(ModelSettings.Bad(DiagnosticCodes.InvalidItemMetadata, name, metadata, text, expected));
            return null;
        }
    }
}
