using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using McuAi.Analysis;
using McuAi.Memory;
using McuAi.Diagnostics;
using static McuAi.Reports.NumberFormat;

namespace McuAi.Reports
{
    /// <summary>
    /// The human form of a <see cref="ModelReport"/>: a summary, inputs and outputs, a per-layer table like
    /// <c>stm32ai analyze</c> (#, op, output shape, MACs, weight bytes, activation bytes), the arena with its reasoning,
    /// the resolver calls and the warnings. Strings from the model are escaped for Markdown tables.
    /// </summary>
    public static class ReportMarkdown
    {
        /// <param name="svgFileName">The arena timeline's file name beside the Markdown file, to show it; null for none.</param>
        public static string Render(ModelReport report, string? svgFileName = null)
        {
            var md = new StringBuilder();
            var a = report.Analysis;
            md.Append("# Model report: ").Append(Cell(report.File.FileName)).Append('\n').Append('\n');
            Summary(md, report);
            Io(md, a);
            Layers(md, a, report.Sections.OfType<ILayerColumnSection>().ToList());
            Arena(md, report, svgFileName);
            Resolver(md, a);
            Warnings(md, a.Warnings);
            foreach (var section in report.Sections)
            {
                md.Append('\n');
                section.WriteMarkdown(md);
            }
            return md.ToString();
        }

        private static void Summary(StringBuilder md, ModelReport report)
        {
            var a = report.Analysis;
            var plan = report.Arena;
            md.Append("| | |\n|---|---|\n");
            Row(md, "File", Cell(report.File.FileName));
            Row(md, "SHA-256", "`" + report.File.Sha256 + "`");
            Row(md, "Flash (model array)", Grouped(a.FlashBytes) + " bytes");
            Row(md, "Arena", $"{Grouped(plan.ArenaBytes)} bytes ({plan.Options.PointerSize * 8}-bit pointers, {ArenaOptions.KernelsName(plan.Options.Kernels)} kernels)");
            Row(md, "MACs", Grouped(a.TotalMacs));
            Row(md, "Weights", Grouped(a.WeightBytes) + " bytes");
            Row(md, "Operators", $"{Grouped(a.Layers.Count)} ({Grouped(a.OpsUsed.Count)} distinct ops)");
            Row(md, "TFLM", a.HasErrors ? "**cannot run this model** (see warnings)" : $"runs it (tflite-micro {TflmOps.TflmCommit})");
            md.Append('\n');
        }

        private static void Io(StringBuilder md, ModelAnalysis a)
        {
            md.Append("## Inputs and outputs\n\n");
            md.Append("| | name | type | shape | bytes | scale | zero point |\n|---|---|---|---|---:|---|---|\n");
            foreach (var (kind, list) in new[] { ("input", a.Inputs), ("output", a.Outputs) })
                for (int i = 0; i < list.Count; i++)
                {
                    var t = list[i];
                    md.Append("| ").Append(kind).Append(' ').Append(Plain(i))
                      // Capped as in the other reports: thousands of output slots may name one megabyte-long tensor name.
                      .Append(" | ").Append(Cell(MessageText.Cut(t.Name)))
                      .Append(" | ").Append(t.Type.ToString())
                      .Append(" | ").Append(Shape(t.Shape))
                      .Append(" | ").Append(Grouped(t.Bytes))
                      .Append(" | ").Append(Values(t.Scale, NumberFormat.Float))
                      .Append(" | ").Append(Values(t.ZeroPoint, Plain))
                      .Append(" |\n");
                }
            md.Append('\n');
        }

        private static void Layers(StringBuilder md, ModelAnalysis a, IReadOnlyList<ILayerColumnSection> columns)
        {
            md.Append("## Layers\n\n");
            md.Append("| # | op | output shape | MACs | weights (bytes) | activations (bytes) |");
            foreach (var c in columns) md.Append(' ').Append(Cell(c.ColumnHeader)).Append(" |");
            md.Append("\n|---:|---|---|---:|---:|---:|");
            foreach (var _ in columns) md.Append("---:|");
            md.Append('\n');
            foreach (var l in a.Layers)
            {
                string shape = string.Join(", ", l.Outputs.Select(o => Shape(o.Shape)));
                md.Append("| ").Append(Plain(l.Index))
                  .Append(" | ").Append(Cell(l.Op)).Append(l.Version > 1 ? " v" + Plain(l.Version) : "")
                  .Append(" | ").Append(shape)
                  .Append(" | ").Append(Grouped(l.Macs))
                  .Append(" | ").Append(Grouped(l.WeightBytes))
                  .Append(" | ").Append(Grouped(l.ActivationBytes))
                  .Append(" |");
                foreach (var c in columns) md.Append(' ').Append(c.ColumnValue(l.Index) is long v ? Grouped(v) : "-").Append(" |");
                md.Append('\n');
            }
            md.Append("| | **total** | | **").Append(Grouped(a.TotalMacs)).Append("** | **").Append(Grouped(a.WeightBytes))
              .Append("** | |");
            foreach (var c in columns) md.Append(c.ColumnTotal is long t ? " **" + Grouped(t) + "** |" : " - |");
            md.Append("\n\n");
            md.Append("Weight total counts each constant tensor once, even when several operators read it.\n\n");
        }

        /// <summary>The arena plan: figure, terms and every buffer, and the timeline picture when one is written beside the report.</summary>
        private static void Arena(StringBuilder md, ModelReport report, string? svgFileName)
        {
            md.Append(ArenaPlanMarkdown.Render(report.Arena, report.Model)).Append('\n');
            if (svgFileName is not null) md.Append("![Arena timeline](").Append(svgFileName).Append(")\n\n");
        }

        private static void Resolver(StringBuilder md, ModelAnalysis a)
        {
            md.Append("## Ops to register\n\n");
            var supported = a.OpsUsed.Where(o => o.Tflm is not null).ToList();
            md.Append("```cpp\ntflite::MicroMutableOpResolver<").Append(Plain(a.OpsUsed.Count)).Append("> resolver;\n");
            foreach (var op in supported) md.Append("resolver.").Append(op.Tflm!.ResolverMethod).Append("();\n");
            md.Append("```\n\n");
            var missing = a.OpsUsed.Where(o => o.Tflm is null).ToList();
            if (missing.Count == 0) return;
            md.Append("Not in TFLM (the firmware must provide a kernel, or the model must change):\n\n");
            foreach (var op in missing) md.Append("- ").Append(Cell(MessageText.Quote(op.Op))).Append('\n');
            md.Append('\n');
        }

        private static void Warnings(StringBuilder md, IReadOnlyList<Diagnostic> warnings)
        {
            md.Append("## Warnings\n\n");
            if (warnings.Count == 0)
            {
                md.Append("None.\n");
                return;
            }
            foreach (var d in warnings)
                md.Append("- **").Append(ReportJson.Severity(d.Severity)).Append(' ').Append(d.Code).Append("**: ").Append(Cell(d.Message)).Append('\n');
        }

        private static void Row(StringBuilder md, string name, string value) =>
            md.Append("| ").Append(name).Append(" | ").Append(value).Append(" |\n");

        private static string Shape(IReadOnlyList<int> shape) => NumberFormat.Shape(shape, ", ");

        /// <summary>
        /// At most four values; a longer list shows its first three and its length. Only those are formatted: thousands of
        /// output slots may name one per-channel tensor (fuzz mutant 990236).
        /// </summary>
        private static string Values<T>(IReadOnlyList<T> items, Func<T, string> format)
        {
            if (items.Count == 0) return "–";
            return items.Count <= 4
                ? string.Join(", ", items.Select(format))
                : string.Join(", ", items.Take(3).Select(format)) + $", … ({items.Count} values)";
        }

        /// <summary>
        /// Text that stays inside one Markdown table cell and renders literally: a model's tensor names can hold
        /// '|', newlines, HTML or Markdown markup.
        /// </summary>
        internal static string Cell(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                switch (c)
                {
                    case '\r':
                    case '\n':
                    case '\t': sb.Append(' '); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '&': sb.Append("&amp;"); break;
                    case '\\': case '|': case '`': case '*': case '[': case ']':
                        sb.Append('\\').Append(c);
                        break;
                    default:
                        sb.Append(char.IsControl(c) || MessageText.IsUnsafe(c) ? ' ' : c);
                        break;
                }
            }
            return sb.ToString();
        }
    }
}
