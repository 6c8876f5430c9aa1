using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using McuAi.CodeGen;
using McuAi.Memory;
using McuAi.TfLite;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// The per-model Markdown and JSON reports in the output folder: what was embedded, which ops the
    /// resolver registers, and how the arena figure was reached. Deterministic (no paths, no times).
    /// </summary>
    internal static class ReportFiles
    {
        public static IEnumerable<GeneratedFile> Create(ModelSummary summary, Model model, GenerationOptions options)
        {
            var plan = ArenaPlanner.Plan(model, new ArenaOptions { PointerSize = options.TargetPointerSize, Kernels = options.ArenaKernels });
            yield return new GeneratedFile(OutputNames.ReportMarkdown(summary.Symbol), OutputFiles.Bytes(Markdown(summary, plan, options)));
            yield return new GeneratedFile(OutputNames.ReportJson(summary.Symbol), Json(summary, plan, options));
        }

        private static string Markdown(ModelSummary s, ArenaPlan plan, GenerationOptions options)
        {
            var inv = CultureInfo.InvariantCulture;
            var sb = new StringBuilder();
            sb.Append("# ").Append(s.Symbol).Append(" (").Append(Escape(s.ModelFile)).Append(")\n\n");
            sb.Append("| fact | value |\n|---|---|\n");
            sb.Append("| operators | ").Append(s.Operators.ToString(inv)).Append(" |\n");
            sb.Append("| op kinds | ").Append(string.Join(", ", s.OpKinds.Select(Escape))).Append(" |\n");
            sb.Append("| flash (model array) | ").Append(s.FlashBytes.ToString("N0", inv)).Append(" bytes |\n");
            sb.Append("| arena | ").Append(s.ArenaBytes.ToString("N0", inv)).Append(" bytes |\n");
            sb.Append("| target pointer size | ").Append(options.TargetPointerSize.ToString(inv)).Append(" |\n\n");
            sb.Append("## Arena\n\n");
            if (options.ArenaSize is long explicitSize)
                sb.Append("Set explicitly by ArenaSize: ").Append(explicitSize.ToString("N0", inv)).Append(" bytes.\n\n");
            else
                sb.Append("Planned ").Append(plan.ArenaBytes.ToString("N0", inv)).Append(" bytes, plus a ")
                  .Append(options.ArenaMarginPercent.ToString(inv)).Append("% margin, rounded up to ").Append(options.Alignment.ToString(inv)).Append(" bytes.\n\n");
            sb.Append("| term | bytes |\n|---|---|\n");
            foreach (var term in plan.Terms) sb.Append("| ").Append(Escape(term.Description)).Append(" | ").Append(term.Bytes.ToString("N0", inv)).Append(" |\n");
            return sb.ToString();
        }

        private static byte[] Json(ModelSummary s, ArenaPlan plan, GenerationOptions options)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("symbol", s.Symbol);
                w.WriteString("model", s.ModelFile);
                w.WriteNumber("operators", s.Operators);
                w.WriteStartArray("opKinds");
                foreach (string kind in s.OpKinds) w.WriteStringValue(kind);
                w.WriteEndArray();
                w.WriteNumber("flashBytes", s.FlashBytes);
                w.WriteNumber("arenaBytes", s.ArenaBytes);
                w.WriteNumber("plannedArenaBytes", plan.ArenaBytes);
                w.WriteNumber("targetPointerSize", options.TargetPointerSize);
                w.WriteStartArray("arenaTerms");
                foreach (var term in plan.Terms)
                {
                    w.WriteStartObject();
                    w.WriteString("description", term.Description);
                    w.WriteNumber("bytes", term.Bytes);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
            return stream.ToArray();
        }

        /// <summary>Names from the model are data: keep them from breaking the Markdown table.</summary>
        private static string Escape(string text) => text.Replace("|", "\\|").Replace("\n", " ").Replace("\r", " ");
    }
}
