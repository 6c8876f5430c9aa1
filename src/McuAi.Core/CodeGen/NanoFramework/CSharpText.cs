using System.Globalization;
using System.Text;

namespace McuAi.CodeGen.NanoFramework
{
    /// <summary>Model strings made safe for generated C#: string literals and XML documentation text.</summary>
    public static class CSharpText
    {
        /// <summary>A C# string literal, quotes included: printable ASCII as itself (except '"' and '\'), everything else as \uXXXX.</summary>
        public static string StringLiteral(string? value)
        {
            var sb = new StringBuilder("\"");
            foreach (char c in value ?? "")
            {
                if (c == '"' || c == '\\') sb.Append('\\').Append(c);
                else if (c >= 0x20 && c < 0x7F) sb.Append(c);
                else sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            return sb.Append('"').ToString();
        }

        /// <summary>
        /// Text for a /// comment: <see cref="CText.Comment"/> (one line of printable ASCII, cut at 160 characters)
        /// with the XML specials escaped, so a model string can neither end the comment nor break its XML.
        /// </summary>
        public static string Doc(string? value) =>
            CText.Comment(value).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        /// <summary>A float as a C# float literal that reads back to the same value.</summary>
        public static string FloatLiteral(float value)
        {
            if (float.IsNaN(value)) return "float.NaN";
            if (float.IsPositiveInfinity(value)) return "float.PositiveInfinity";
            if (float.IsNegativeInfinity(value)) return "float.NegativeInfinity";
            return value.ToString("R", CultureInfo.InvariantCulture) + "f";
        }
    }
}
