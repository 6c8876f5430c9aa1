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
    }
}
