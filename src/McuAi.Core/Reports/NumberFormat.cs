using System.Globalization;

namespace McuAi.Reports
{
    /// <summary>Number text that is the same on every runtime and culture (reports must be byte-identical everywhere).</summary>
    internal static class NumberFormat
    {
        /// <summary>
        /// The shortest decimal text that reads back as exactly <paramref name="value"/>. .NET Framework and modern
        /// .NET format floats differently by default ("R"), so the precision is searched instead of trusted.
        /// </summary>
        public static string Float(float value)
        {
            if (float.IsNaN(value) || float.IsInfinity(value)) return value.ToString(CultureInfo.InvariantCulture);
            for (int precision = 1; precision < 9; precision++)
            {
                string text = value.ToString("G" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                if (float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == value) return text;
            }
            return value.ToString("G9", CultureInfo.InvariantCulture);
        }

        /// <summary>An integer with thousands separators, for people: 1,234,567.</summary>
        public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        public static string Plain(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Dimensions shown of a tensor's shape in the text and Markdown reports; the JSON report keeps them all.</summary>
        public const int ShownDimensions = 8;

        /// <summary>
        /// A shape for people, "[1,49,10,1]": at most <see cref="ShownDimensions"/> dimensions, then the rank, so a
        /// hostile model's tensor of 32,768 dimensions shared by 256 operators does not make each table row 64 KB
        /// (fuzz seed 20261205, mutant 478585: 682 MB allocated by the reports).
        /// </summary>
        public static string Shape(System.Collections.Generic.IReadOnlyList<int> shape, string separator)
        {
            var text = new System.Text.StringBuilder("[");
            for (int k = 0; k < shape.Count && k < ShownDimensions; k++)
                text.Append(k == 0 ? "" : separator).Append(Plain(shape[k]));
            if (shape.Count > ShownDimensions) text.Append(separator).Append("… (").Append(Plain(shape.Count)).Append(" dimensions)");
            return text.Append(']').ToString();
        }
    }
}
