using System.Collections.Generic;
using System.Linq;
using System.Text;
using McuAi.Analysis;
using McuAi.Diagnostics;
using McuAi.Memory;
using static McuAi.Reports.NumberFormat;

namespace McuAi.Reports
{
    /// <summary>
    /// The terminal form of a report (`mcuai analyze` without --json): one row per layer, then totals, flash, arena,
    /// inputs and outputs, the resolver calls and the warnings. Control characters from the model are replaced so a
    /// tensor name cannot send escape sequences to the terminal.
    /// </summary>
    public static class ReportText
    {
        public static string Render(ModelReport report)
        {
            var a = report.Analysis;
            var plan = report.Arena;
            var sb = new StringBuilder();
            sb.Append(MessageText.Clean(report.File.FileName)).Append("  (").Append(Grouped(report.File.Bytes)).Append(" bytes, sha256 ")
              .Append(report.File.Sha256.Substring(0, 16)).Append("...)\n\n");

            var columns = report.Sections.OfType<ILayerColumnSection>().ToList();
            var rows = new List<string[]> { new[] { "#", "op", "output shape", "MACs", "weight bytes" }.Concat(columns.Select(c => c.ColumnHeader)).ToArray() };
            foreach (var l in a.Layers)
                rows.Add(new[]
                {
                    Plain(l.Index), MessageText.Quote(l.Op) + (l.Version > 1 ? " v" + Plain(l.Version) : ""),
                    string.Join(" ", l.Outputs.Select(o => Shape(o.Shape))), Grouped(l.Macs), Grouped(l.WeightBytes),
                }.Concat(columns.Select(c => c.ColumnValue(l.Index) is long v ? Grouped(v) : "-")).ToArray());
            rows.Add(new[] { "", "total", "", Grouped(a.TotalMacs), Grouped(a.WeightBytes) }.Concat(columns.Select(c => c.ColumnTotal is long t ? Grouped(t) : "-")).ToArray());
            Table(sb, rows, rightAligned: new[] { true, false, false, true, true }.Concat(columns.Select(_ => true)).ToArray());

            sb.Append('\n');
            sb.Append("MACs:          ").Append(Grouped(a.TotalMacs)).Append('\n');
            sb.Append("Weights:       ").Append(Grouped(a.WeightBytes)).Append(" bytes\n");
            sb.Append("Flash (model): ").Append(Grouped(a.FlashBytes)).Append(" bytes\n");
            sb.Append("Arena:         ").Append(Grouped(plan.ArenaBytes)).Append(" bytes (")
              .Append(Plain(plan.Options.PointerSize * 8)).Append("-bit pointers, ").Append(ArenaOptions.KernelsName(plan.Options.Kernels))
              .Append(" kernels)\n\n");

            foreach (var (kind, list) in new[] { ("input", a.Inputs), ("output", a.Outputs) })
                foreach (var t in list)
                {
                    sb.Append(kind).Append(' ').Append(MessageText.Quote(t.Name)).Append(": ").Append(t.Type.ToString()).Append(' ').Append(Shape(t.Shape));
                    if (t.Scale.Count == 1) sb.Append(", scale ").Append(NumberFormat.Float(t.Scale[0])).Append(", zero point ").Append(t.ZeroPoint.Count > 0 ? Plain(t.ZeroPoint[0]) : "0");
                    else if (t.Scale.Count > 1) sb.Append(", per-channel (").Append(Plain(t.Scale.Count)).Append(" scales)");
                    sb.Append('\n');
                }

            sb.Append("\nOps to register (tflite::MicroMutableOpResolver<").Append(Plain(a.OpsUsed.Count)).Append(">):\n");
            foreach (var op in a.OpsUsed)
                sb.Append("  ").Append(op.Tflm is null ? "(no TFLM kernel) " + MessageText.Quote(op.Op) : op.Tflm.ResolverMethod + "()").Append('\n');

            if (a.Warnings.Count > 0)
            {
                sb.Append("\nWarnings:\n");
                foreach (var d in a.Warnings)
                    sb.Append("  ").Append(ReportJson.Severity(d.Severity)).Append(' ').Append(d.Code).Append(": ").Append(d.Message).Append('\n');
            }
            return sb.ToString();
        }

        private static void Table(StringBuilder sb, List<string[]> rows, bool[] rightAligned)
        {
            int columns = rows[0].Length;
            var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows)
            {
                var line = new StringBuilder();
                for (int c = 0; c < columns; c++)
                {
                    if (c > 0) line.Append("  ");
                    line.Append(rightAligned[c] ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]));
                }
                sb.Append(line.ToString().TrimEnd()).Append('\n');
            }
        }

        private static string Shape(IReadOnlyList<int> shape) => NumberFormat.Shape(shape, ",");

    }
}
