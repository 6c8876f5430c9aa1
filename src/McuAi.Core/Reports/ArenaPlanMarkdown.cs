using System.Globalization;
using System.Linq;
using System.Text;
using McuAi.Memory;
using McuAi.TfLite;

namespace McuAi.Reports
{
    /// <summary>The arena plan as Markdown: the figure, its terms, and every planned buffer.</summary>
    public static class ArenaPlanMarkdown
    {
        public static string Render(ArenaPlan plan, Model model, double marginPercent = ArenaSizing.DefaultMarginPercent)
        {
            var ops = model.MainSubgraph.Operators;
            string OpName(int k) => k >= 0 && k < ops.Count ? $"{k} {model.CodeOf(ops[k]).ShownName}" : k.ToString(CultureInfo.InvariantCulture);
            var sb = new StringBuilder();
            string I(long v) => v.ToString(CultureInfo.InvariantCulture);
            sb.Append("## Tensor arena\n\n");
            sb.Append($"- Minimum arena (TFLM {plan.Options.PointerSize * 8}-bit, {ArenaOptions.KernelsName(plan.Options.Kernels)} kernels): **{I(plan.ArenaBytes)} bytes**\n");
            sb.Append($"- With the {marginPercent.ToString("0.##", CultureInfo.InvariantCulture)} % safety margin: **{I(ArenaSizing.ApplyMargin(plan.ArenaBytes, marginPercent))} bytes**\n");
            sb.Append($"- After AllocateTensors(): {I(plan.NonPersistentBytes)} bytes planned (head) + {I(plan.PersistentBytes)} bytes persistent (tail) = {I(plan.ArenaUsedBytes)} bytes (arena_used_bytes())\n");
            sb.Append($"- The minimum is decided while {Cell(plan.LimitingPhase)}; the planned area is fullest at operator {Cell(OpName(plan.PeakOperatorIndex))}\n\n");
            sb.Append("| term | bytes |\n|---|---:|\n");
            foreach (var t in plan.Terms) sb.Append($"| {Cell(t.Description)} | {I(t.Bytes)} |\n");
            sb.Append($"| **total** | **{I(plan.Terms.Sum(t => t.Bytes))}** |\n\n");
            foreach (string note in plan.Notes) sb.Append($"> {Cell(note)}\n");
            if (plan.Notes.Count > 0) sb.Append('\n');
            sb.Append("| buffer | offset | size | first operator | last operator |\n|---|---:|---:|---|---|\n");
            foreach (var t in plan.Tensors.Where(t => t.Subgraph == 0).OrderBy(t => t.Offset).ThenBy(t => t.FirstOperator))
                sb.Append($"| {Cell(t.Name)}{(t.OfflinePlanned ? " (offline)" : "")} | {I(t.Offset)} | {I(t.Size)} | {Cell(OpName(t.FirstOperator))} | {Cell(OpName(t.LastOperator))} |\n");
            return sb.ToString();
        }

        /// <summary>Keeps model strings from breaking the table or injecting markup.</summary>
        private static string Cell(string text) =>
            text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", " ").Replace("\n", " ");
    }
}
