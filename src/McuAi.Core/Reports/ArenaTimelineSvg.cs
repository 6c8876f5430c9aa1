using System;
using System.Globalization;
using System.Linq;
using System.Text;
using McuAi.Memory;
using McuAi.TfLite;

namespace McuAi.Reports
{
    /// <summary>
    /// Draws the arena plan of subgraph 0 as an SVG timeline: operators along the x axis, arena
    /// offsets along the y axis (0 at the bottom, up to the whole arena the title counts), one box per
    /// planned tensor or scratch buffer from its first to its last operator, the persistent part (TFLM
    /// allocates it from the arena's tail) as a band at the top, the peak operator marked. Hovering a box
    /// shows the buffer's name, size, offset and lifetime. Output is deterministic (invariant culture, no timestamps).
    /// </summary>
    public static class ArenaTimelineSvg
    {
        private const int Left = 90, Right = 110, Top = 50, Bottom = 150, PlotHeight = 420, MinColumn = 14, MaxColumn = 60;

        public static string Render(ArenaPlan plan, Model model)
        {
            var ops = model.MainSubgraph.Operators;
            int columns = Math.Max(1, ops.Count);
            int column = Math.Max(MinColumn, Math.Min(MaxColumn, 900 / columns));
            int plotWidth = column * columns;
            int width = Left + plotWidth + Right, height = Top + PlotHeight + Bottom;
            // The axis covers the whole arena: the planned head at the bottom, the persistent tail at the top.
            long head = Math.Max(16, Math.Max(plan.ArenaBytes, plan.NonPersistentBytes + plan.PersistentBytes));
            double yScale = PlotHeight / (double)head;
            double Y(long offset) => Top + PlotHeight - offset * yScale;

            var sb = new StringBuilder();
            sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
            sb.Append($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
            sb.Append(F($"<text x=\"{Left}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Tensor arena: {plan.ArenaBytes} bytes ({plan.NonPersistentBytes} planned + {plan.PersistentBytes} persistent, {plan.Options.PointerSize * 8}-bit, {ArenaOptions.KernelsName(plan.Options.Kernels)} kernels)</text>\n"));
            sb.Append(F($"<text x=\"{Left}\" y=\"36\" fill=\"#555\">Peak at operator {plan.PeakOperatorIndex}; minimum decided while {Escape(plan.LimitingPhase)}</text>\n"));

            // Peak column behind the boxes.
            if (ops.Count > 0)
                sb.Append(F($"<rect x=\"{Left + plan.PeakOperatorIndex * column}\" y=\"{Top}\" width=\"{column}\" height=\"{PlotHeight}\" fill=\"#fde2e2\"/>\n"));

            // Offset grid and labels.
            long step = NiceStep(head);
            for (long o = 0; o <= head; o += step)
            {
                double y = Y(o);
                sb.Append(F($"<line x1=\"{Left}\" y1=\"{y:0.##}\" x2=\"{Left + plotWidth}\" y2=\"{y:0.##}\" stroke=\"#ddd\"/>\n"));
                sb.Append(F($"<text x=\"{Left - 6}\" y=\"{y + 4:0.##}\" text-anchor=\"end\">{Bytes(o)}</text>\n"));
            }
            sb.Append(F($"<text x=\"16\" y=\"{Top + PlotHeight / 2}\" transform=\"rotate(-90 16 {Top + PlotHeight / 2})\" text-anchor=\"middle\">arena offset</text>\n"));

            // The persistent tail (interpreter structures, op data, quantization parameters): alive for the whole run.
            if (plan.PersistentBytes > 0)
            {
                double top = Y(head), bottom = Y(head - plan.PersistentBytes);
                sb.Append(F($"<rect class=\"persistent\" x=\"{Left}\" y=\"{top:0.##}\" width=\"{plotWidth}\" height=\"{bottom - top:0.##}\" fill=\"#d9d9d9\" stroke=\"#333\" stroke-width=\"0.5\">"));
                sb.Append(F($"<title>persistent: {plan.PersistentBytes} bytes at the arena's tail, alive for the whole run</title></rect>\n"));
                sb.Append(F($"<text x=\"{Left + plotWidth + 6}\" y=\"{(top + bottom) / 2 + 4:0.##}\">persistent</text>\n"));
            }

            // One box per buffer of subgraph 0.
            int index = 0;
            foreach (var t in plan.Tensors.Where(t => t.Subgraph == 0))
            {
                double x = Left + t.FirstOperator * column + 1;
                double w = Math.Max(2, (t.LastOperator - t.FirstOperator + 1) * column - 2);
                double y = Y(t.Offset + t.Size), h = Math.Max(1, t.Size * yScale);
                string fill = t.Kind == ArenaBufferKind.Scratch ? "#f4a261" : Palette[index++ % Palette.Length];
                string lifetime = t.FirstOperator == t.LastOperator ? $"operator {t.FirstOperator}" : $"operators {t.FirstOperator}-{t.LastOperator}";
                sb.Append(F($"<rect x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{w:0.##}\" height=\"{h:0.##}\" fill=\"{fill}\" fill-opacity=\"0.85\" stroke=\"#333\" stroke-width=\"0.5\">"));
                sb.Append(F($"<title>{Escape(t.Name)}: {t.Size} bytes at offset {t.Offset}, {lifetime}{(t.OfflinePlanned ? " (offline plan)" : "")}</title></rect>\n"));
            }

            // Operator axis.
            sb.Append(F($"<line x1=\"{Left}\" y1=\"{Top + PlotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + PlotHeight}\" stroke=\"#333\"/>\n"));
            for (int k = 0; k < ops.Count; k++)
            {
                double cx = Left + k * column + column / 2.0, ty = Top + PlotHeight + 8;
                string label = $"{k} {model.CodeOf(ops[k]).ShownName}";
                string weight = k == plan.PeakOperatorIndex ? " font-weight=\"bold\" fill=\"#b00\"" : "";
                sb.Append(F($"<text x=\"{cx:0.##}\" y=\"{ty:0.##}\" transform=\"rotate(60 {cx:0.##} {ty:0.##})\"{weight}>{Escape(label)}</text>\n"));
            }
            sb.Append("</svg>\n");
            return sb.ToString();
        }

        private static readonly string[] Palette = { "#8ecae6", "#90be6d", "#b8b8ff", "#ffd166", "#a3c4bc", "#cdb4db", "#9ad1d4", "#e9c46a" };

        private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        /// <summary>A grid step of 1, 2 or 5 × 10^n bytes, or of KiB once the area exceeds 8 KiB, so
        /// that labels stay round.</summary>
        private static long NiceStep(long max)
        {
            long unit = max >= 8 * 1024 ? 1024 : 1;
            long raw = Math.Max(1, max / unit / 8);
            long magnitude = 1;
            while (magnitude * 10 <= raw) magnitude *= 10;
            foreach (long m in new long[] { 1, 2, 5, 10 })
                if (magnitude * m >= raw) return magnitude * m * unit;
            return magnitude * 10 * unit;
        }

        private static string Bytes(long b) =>
            b >= 1024 && b % 1024 == 0 ? (b / 1024).ToString(CultureInfo.InvariantCulture) + " KiB"
            : b.ToString(CultureInfo.InvariantCulture) + " B";

        /// <summary>Escapes text for XML content and attribute values; drops characters XML forbids.</summary>
        internal static string Escape(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                switch (c)
                {
                    case '&': sb.Append("&amp;"); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '"': sb.Append("&quot;"); break;
                    case '\'': sb.Append("&apos;"); break;
                    default:
                        if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') sb.Append(c);
                        break;
                }
            }
            return sb.ToString();
        }
    }
}
