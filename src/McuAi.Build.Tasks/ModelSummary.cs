using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// The facts the always-running report step needs about a generated model (summary line, budgets),
    /// kept in a tiny key=value file so that step never reads a model.
    /// </summary>
    internal sealed class ModelSummary
    {
        public string Symbol { get; set; } = "";
        public string ModelFile { get; set; } = "";
        public int Operators { get; set; }
        public IReadOnlyList<string> OpKinds { get; set; } = Array.Empty<string>();
        public long FlashBytes { get; set; }
        public long ArenaBytes { get; set; }
        /// <summary>"tflm" or "c": what the figures are of.</summary>
        public string Runtime { get; set; } = "tflm";

        public string Format()
        {
            var sb = new StringBuilder();
            sb.Append("symbol=").Append(Symbol).Append('\n');
            sb.Append("model=").Append(ModelFile).Append('\n');
            sb.Append("operators=").Append(Operators.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("opkinds=").Append(string.Join(",", OpKinds)).Append('\n');
            sb.Append("flash=").Append(FlashBytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("arena=").Append(ArenaBytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("runtime=").Append(Runtime).Append('\n');
            return sb.ToString();
        }

        /// <summary>Reads a summary file; null when it is missing or from an older format (the model is then regenerated anyway).</summary>
        public static ModelSummary? TryRead(string path)
        {
            if (!File.Exists(path)) return null;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in File.ReadAllLines(path))
            {
                int eq = line.IndexOf('=');
                if (eq > 0) values[line.Substring(0, eq)] = line.Substring(eq + 1);
            }
            if (!values.TryGetValue("symbol", out var symbol) || !values.TryGetValue("flash", out var flash) || !values.TryGetValue("arena", out var arena) ||
                !values.TryGetValue("operators", out var ops))
                return null;
            return new ModelSummary
            {
                Symbol = symbol,
                ModelFile = values.TryGetValue("model", out var m) ? m : "",
                Operators = int.Parse(ops, CultureInfo.InvariantCulture),
                OpKinds = values.TryGetValue("opkinds", out var kinds) && kinds.Length > 0 ? kinds.Split(',') : Array.Empty<string>(),
                FlashBytes = long.Parse(flash, CultureInfo.InvariantCulture),
                ArenaBytes = long.Parse(arena, CultureInfo.InvariantCulture),
                Runtime = values.TryGetValue("runtime", out var runtime) ? runtime : "tflm",
            };
        }

        /// <summary>The line printed for each model in every build, at the default verbosity too.</summary>
        public string Line() => Runtime == "c"
            ? string.Format(CultureInfo.InvariantCulture,
                "McuAi: {0} ({1}): {2} operators compiled to C, flash data {3:N0} bytes, RAM {4:N0} bytes", Symbol, ModelFile, Operators, FlashBytes, ArenaBytes)
            : string.Format(CultureInfo.InvariantCulture,
                "McuAi: {0} ({1}): {2} operators, flash {3:N0} bytes, arena {4:N0} bytes", Symbol, ModelFile, Operators, FlashBytes, ArenaBytes);

        /// <summary>The details, at normal verbosity: the kinds of operator the resolver registers.</summary>
        public string DetailLine() => string.Format(CultureInfo.InvariantCulture,
            "McuAi: {0}: {1} {2} of operator: {3}", Symbol, OpKinds.Count, OpKinds.Count == 1 ? "kind" : "kinds", string.Join(" ", OpKinds.Take(12)) + (OpKinds.Count > 12 ? " ..." : ""));
    }
}
