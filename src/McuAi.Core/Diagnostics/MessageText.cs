using System.Globalization;
using System.Text;

namespace McuAi.Diagnostics
{
    /// <summary>
    /// Makes text from a model (tensor and custom-op names, signature keys, metadata) safe to print in a
    /// message: a newline in a name would forge a log line ("file(1): error ..."), an ESC would drive the
    /// terminal, a bidirectional override would make the text read differently from what it is, and a
    /// megabyte name would bury the message. Every message passes through <see cref="Clean"/> (coded
    /// errors and diagnostics do it themselves); where a model string is interpolated, <see cref="Quote"/>
    /// also caps its length.
    /// </summary>
    public static class MessageText
    {
        /// <summary>Characters of one model string kept in a message.</summary>
        public const int MaxQuoted = 80;

        /// <summary>Longest message: beyond it the middle is elided, keeping the start (what) and the end (what to do).</summary>
        public const int MaxMessage = 2000;

        /// <summary>A model string for a message: escaped, and cut to <paramref name="max"/> characters.</summary>
        public static string Quote(string? text, int max = MaxQuoted)
        {
            if (text is null) return "";
            // Escaping never shortens text, so a text longer than max is cut whatever its escapes; escaping only the part
            // kept bounds the work by max, not by the text (a megabyte-long name is quoted once per operator).
            string escaped = Escape(text.Length <= max ? text : text.Substring(0, max));
            if (text.Length <= max && escaped.Length <= max) return escaped;
            return Elided(escaped.Substring(0, max), text.Length);
        }

        /// <summary>
        /// A model string cut to <paramref name="max"/> characters, not escaped: for output that escapes in its own way
        /// (a Markdown table cell), where a megabyte-long name must still not be copied whole.
        /// </summary>
        public static string Cut(string? text, int max = MaxQuoted)
        {
            if (text is null) return "";
            return text.Length <= max ? text : Elided(text.Substring(0, max), text.Length);
        }

        /// <summary>The kept start of a cut text and the whole text's length.</summary>
        private static string Elided(string kept, int length) => kept + "...(" + length.ToString(CultureInfo.InvariantCulture) + " characters)";

        /// <summary>A whole message: control and direction characters escaped, an overlong one elided in the middle.</summary>
        public static string Clean(string? message)
        {
            if (message is null) return "";
            string escaped = Escape(message);
            if (escaped.Length <= MaxMessage) return escaped;
            int head = MaxMessage * 2 / 3, tail = MaxMessage - head;
            return escaped.Substring(0, head) + " ... " + escaped.Substring(escaped.Length - tail);
        }

        private static string Escape(string text)
        {
            int first = 0;
            while (first < text.Length && !IsUnsafe(text[first])) first++;
            if (first == text.Length) return text;
            var sb = new StringBuilder(text.Length + 16);
            sb.Append(text, 0, first);
            for (int i = first; i < text.Length; i++)
            {
                char c = text[i];
                if (!IsUnsafe(c)) sb.Append(c);
                else if (c < 0x100) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                else sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        /// <summary>C0 and C1 controls, DEL, and the Unicode direction marks, embeddings, overrides and isolates.</summary>
        public static bool IsUnsafe(char c) =>
            c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
            || c == 0x200e || c == 0x200f || c == 0x061c;
    }
}
