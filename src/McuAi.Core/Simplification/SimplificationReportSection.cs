using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using McuAi.Reports;

namespace McuAi.Simplification
{
    /// <summary>
    /// The "simplification" part of a model's report: per step (channel pruning, weight pruning, quantization, 4-bit
    /// weights) flash, weights, RAM (arena) and MACs before and after, the accuracy after it against the user's model,
    /// its notes and its per-layer table. Read from the run's record (<see cref="StepRecord.Render"/>).
    /// </summary>
    public sealed class SimplificationReportSection : IReportSection
    {
        private readonly JsonElement _record;

        public SimplificationReportSection(string recordJson)
        {
            using var document = JsonDocument.Parse(recordJson);
            _record = document.RootElement.Clone();
        }

        public string Name => "simplification";

        public void WriteJson(Utf8JsonWriter writer) => _record.WriteTo(writer);

        public void WriteMarkdown(StringBuilder md)
        {
            md.Append("## Simplification\n\n");
            int samples = _record.GetProperty("validationSamples").GetInt32();
            string source = Cell(_record.GetProperty("sourceModel").GetString() ?? "");
            md.Append("Steps applied to `").Append(source.Replace("`", "'")).Append("`, in order; accuracy is against that model")
              .Append(samples > 0 ? " on " + samples.ToString(CultureInfo.InvariantCulture) + " validation samples" : " (not validated: set a gate or Validation data)")
              .Append(". Flash is the model array, RAM the planned tensor arena.\n\n");
            md.Append("| step | flash (bytes) | weights (bytes) | RAM (bytes) | MACs | cosine | L2 rel. error | top-1 agreement |\n");
            md.Append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var step in _record.GetProperty("steps").EnumerateArray())
            {
                var before = step.GetProperty("before");
                var after = step.GetProperty("after");
                md.Append("| ").Append(Cell(step.GetProperty("title").GetString() ?? ""))
                  .Append(" | ").Append(Change(before, after, "flashBytes"))
                  .Append(" | ").Append(Change(before, after, "weightBytes"))
                  .Append(" | ").Append(Change(before, after, "arenaBytes"))
                  .Append(" | ").Append(Change(before, after, "macs"));
                var (cosine, l2, top1) = Worst(step);
                md.Append(" | ").Append(cosine).Append(" | ").Append(l2).Append(" | ").Append(top1).Append(" |\n");
            }
            md.Append('\n');
            foreach (var step in _record.GetProperty("steps").EnumerateArray()) WriteStep(md, step);
        }

        private static void WriteStep(StringBuilder md, JsonElement step)
        {
            md.Append("### ").Append(Cell(step.GetProperty("title").GetString() ?? "")).Append("\n\n");
            md.Append("Settings: `").Append((step.GetProperty("settings").GetString() ?? "").Replace("`", "'")).Append("`.\n\n");
            foreach (var note in step.GetProperty("notes").EnumerateArray()) md.Append("- ").Append(Cell(note.GetString() ?? "")).Append('\n');
            md.Append('\n');
            if (!step.TryGetProperty("table", out var table) || table.ValueKind != JsonValueKind.Object) return;
            var columns = table.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? "").ToList();
            md.Append("| ").Append(string.Join(" | ", columns.Select(Cell))).Append(" |\n");
            md.Append('|').Append(string.Concat(columns.Select(_ => "---|"))).Append('\n');
            foreach (var row in table.GetProperty("rows").EnumerateArray())
                md.Append("| ").Append(string.Join(" | ", row.EnumerateArray().Select(Format))).Append(" |\n");
            md.Append('\n');
        }

        private static (string Cosine, string L2, string Top1) Worst(JsonElement step)
        {
            if (!step.TryGetProperty("accuracy", out var accuracy) || accuracy.ValueKind != JsonValueKind.Object) return ("–", "–", "–");
            var outputs = accuracy.GetProperty("outputs").EnumerateArray().ToList();
            if (outputs.Count == 0) return ("–", "–", "–");
            double cosine = outputs.Min(o => Number(o, "cosine") ?? double.NaN);
            double l2 = outputs.Max(o => Number(o, "l2RelativeError") ?? double.NaN);
            var tops = outputs.Select(o => Number(o, "top1Agreement")).Where(t => t is not null).Select(t => t!.Value).ToList();
            return (Fixed(cosine, "F6"), Fixed(l2, "F5"), tops.Count == 0 ? "–" : tops.Min().ToString("P2", CultureInfo.InvariantCulture));
        }

        private static double? Number(JsonElement o, string name) =>
            o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

        private static string Fixed(double value, string format) => double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

        private static string Change(JsonElement before, JsonElement after, string name)
        {
            long a = before.GetProperty(name).GetInt64(), b = after.GetProperty(name).GetInt64();
            string percent = a == 0 ? "" : FormattableString.Invariant($" ({(b - a) * 100.0 / a:+0.0;-0.0;0.0} %)");
            return FormattableString.Invariant($"{a:N0} → {b:N0}{percent}");
        }

        private static string Format(JsonElement cell) => cell.ValueKind switch
        {
            JsonValueKind.Number when cell.TryGetInt64(out long l) => l.ToString("N0", CultureInfo.InvariantCulture),
            JsonValueKind.Number => cell.GetDouble().ToString("0.####", CultureInfo.InvariantCulture),
            JsonValueKind.Null => "n/a",
            _ => Cell(cell.GetString() ?? ""),
        };

        /// <summary>Tensor names come from the model: keep them from breaking the table.</summary>
        /// <summary>The report's cell text: tensor names and notes come from the model (escaped, controls and direction marks blanked).</summary>
        private static string Cell(string text) => McuAi.Reports.ReportMarkdown.Cell(text);
    }
}
