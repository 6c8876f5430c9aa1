using System.Collections.Generic;
using System.Text;
using McuAi.CodeGen;
using McuAi.Diagnostics;

namespace McuAi.Fuzz.Harness
{
    /// <summary>
    /// What a message or a generated file may contain when the model is hostile: no control characters
    /// (a newline forges a log line, ESC drives the terminal), no bidirectional overrides (text that reads
    /// differently than it compiles), and a bounded length.
    /// </summary>
    public static class OutputChecks
    {
        /// <summary>Longest message accepted: every model string in it is capped, so only a bug makes one longer.</summary>
        public const int MaxMessageLength = 4096;

        /// <summary>Null when the message is fine, else what is wrong with it.</summary>
        public static string? Message(string message)
        {
            if (message.Length > MaxMessageLength) return $"message of {message.Length} characters";
            int bad = FirstUnsafe(message, allowLineBreaks: false);
            return bad < 0 ? null : $"message has character U+{(int)message[bad]:X4} at {bad}: {Excerpt(message, bad)}";
        }

        public static string? Diagnostics(IEnumerable<Diagnostic> diagnostics, string fileName)
        {
            foreach (var d in diagnostics)
            {
                if (d.File != fileName) return $"{d.Code} does not name the file";
                if (Message(d.Message) is { } problem) return $"{d.Code}: {problem}";
            }
            return null;
        }

        /// <summary>A report or a document: only printable text, tabs and line breaks.</summary>
        public static string? Document(string what, string text)
        {
            int bad = FirstUnsafe(text, allowLineBreaks: true);
            return bad < 0 ? null : $"{what} has character U+{(int)text[bad]:X4}: {Excerpt(text, bad)}";
        }

        /// <summary>Generated text files: only printable text, tabs and line breaks.</summary>
        public static string? Generated(IEnumerable<GeneratedFile> files)
        {
            foreach (var file in files)
            {
                if (file.RelativePath.EndsWith(".bin", System.StringComparison.Ordinal) || file.RelativePath.EndsWith(".tflite", System.StringComparison.Ordinal)) continue;
                if (Document(file.RelativePath, Encoding.UTF8.GetString(file.Content)) is { } problem) return problem;
            }
            return null;
        }

        private static int FirstUnsafe(string text, bool allowLineBreaks)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')) continue;
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return i;
                if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c) return i;
            }
            return -1;
        }

        private static string Excerpt(string text, int at)
        {
            int start = System.Math.Max(0, at - 40);
            var sb = new StringBuilder();
            foreach (char c in text.Substring(start, System.Math.Min(80, text.Length - start)))
                sb.Append(c < 0x20 || c == 0x7f ? $"\\x{(int)c:x2}" : c > 0x7e ? $"\\u{(int)c:x4}" : c.ToString());
            return sb.ToString();
        }
    }
}
