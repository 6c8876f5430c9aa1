using System.Globalization;
using System.Text;
using System.Text.Json;
using McuAi.Reports;

namespace McuAi.Quantization
{
    /// <summary>
    /// The "quantization" part of a model's report: which float model the embedded model was quantized
    /// from, with which settings, and (when validation ran) the accuracy figures per output, read from the
    /// validation record that <see cref="QuantizationStep"/> writes (<see cref="MetricsJson"/>).
    /// </summary>
    public sealed class QuantizationReportSection : IReportSection
    {
        private readonly string _sourceModel;
        private readonly QuantizationOptions _options;
        private readonly int _calibrationFiles;
        private readonly JsonElement? _metrics;

        /// <param name="sourceModel">The float model's file name (no folder: reports are deterministic).</param>
        /// <param name="metricsJson">The validation record's text, or null when nothing was validated.</param>
        public QuantizationReportSection(string sourceModel, QuantizationOptions options, int calibrationFiles, string? metricsJson)
        {
            _sourceModel = sourceModel;
            _options = options;
            _calibrationFiles = calibrationFiles;
            if (string.IsNullOrWhiteSpace(metricsJson)) return;
            using var document = JsonDocument.Parse(metricsJson!);
            _metrics = document.RootElement.Clone();
        }

        public string Name => "quantization";

        public void WriteJson(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("sourceModel", _sourceModel);
            writer.WriteString("mode", ModeText);
            writer.WriteString("calibrationMethod", MethodText);
            if (_options.CalibrationMethod == CalibrationMethod.Percentile) writer.WriteNumber("percentile", _options.Percentile);
            writer.WriteBoolean("perChannelFullyConnected", _options.PerChannelFullyConnected);
            writer.WriteString("ioType", _options.IoType == IoType.Float32 ? "float32" : "int8");
            writer.WriteNumber("calibrationFiles", _calibrationFiles);
            writer.WritePropertyName("validation");
            if (_metrics is null) writer.WriteNullValue();
            else _metrics.Value.WriteTo(writer);
            writer.WriteEndObject();
        }

        public void WriteMarkdown(StringBuilder md)
        {
            md.Append("## Quantization\n\n");
            md.Append("Quantized in the build from `").Append(_sourceModel.Replace("`", "'")).Append("`: ")
              .Append(ModeText).Append(", calibration ").Append(MethodText)
              .Append(_options.CalibrationMethod == CalibrationMethod.Percentile ? " " + _options.Percentile.ToString("R", CultureInfo.InvariantCulture) : "")
              .Append(" over ").Append(_calibrationFiles.ToString(CultureInfo.InvariantCulture)).Append(_calibrationFiles == 1 ? " data file" : " data files")
              .Append(", inputs/outputs ").Append(_options.IoType == IoType.Float32 ? "float32" : "integer")
              .Append(_options.PerChannelFullyConnected ? ", per-channel FULLY_CONNECTED" : "").Append(".\n\n");
            if (_metrics is not { } metrics || !metrics.TryGetProperty("outputs", out var outputs))
            {
                md.Append("Not validated: set a gate (MinCosine, MaxL2Error, MinTop1Agreement) or Validation data to measure the accuracy against the float model.\n\n");
                return;
            }
            md.Append("Accuracy against the float model:\n\n");
            md.Append("| output | samples | cosine | L2 rel. error | RMSE | max abs error | top-1 agreement |\n");
            md.Append("|---|---:|---:|---:|---:|---:|---:|\n");
            foreach (var o in outputs.EnumerateArray())
            {
                md.Append("| ").Append(Cell(o.GetProperty("name").GetString() ?? ""))
                  .Append(" | ").Append(o.GetProperty("samples").GetInt64().ToString(CultureInfo.InvariantCulture))
                  .Append(" | ").Append(Number(o, "cosine", "F6"))
                  .Append(" | ").Append(Number(o, "l2RelativeError", "F5"))
                  .Append(" | ").Append(Number(o, "rmse", "G4"))
                  .Append(" | ").Append(Number(o, "maxAbsError", "G4"))
                  .Append(" | ").Append(o.TryGetProperty("top1Agreement", out var t) && t.ValueKind == JsonValueKind.Number
                      ? t.GetDouble().ToString("P2", CultureInfo.InvariantCulture) : "–")
                  .Append(" |\n");
            }
            md.Append('\n');
        }

        private string ModeText => _options.Mode switch
        {
            QuantizationMode.Int16x8 => "int16x8",
            QuantizationMode.Dynamic => "dynamic",
            _ => "int8",
        };

        private string MethodText => _options.CalibrationMethod switch
        {
            CalibrationMethod.Percentile => "percentile",
            CalibrationMethod.MovingAverage => "moving-average",
            _ => "minmax",
        };

        /// <summary>Null in the record means a figure JSON cannot hold (an L2 error against an all-zero reference).</summary>
        private static string Number(JsonElement o, string name, string format) =>
            o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString(format, CultureInfo.InvariantCulture) : "n/a";

        /// <summary>Tensor names come from the model: keep them from breaking the table.</summary>
        private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ").Replace("\r", " ");
    }
}
