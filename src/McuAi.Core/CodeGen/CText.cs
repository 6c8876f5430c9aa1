using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace McuAi.CodeGen
{
    /// <summary>
    /// Turns strings from a model (tensor names, descriptions, file names) into text that is safe
    /// inside generated C/C++: a string literal or a block comment. Nothing from a model reaches the
    /// generated code by any other route.
    /// </summary>
    public static class CText
    {
        /// <summary>Longest model string copied into a comment; the rest is cut (comments are for people).</summary>
        public const int MaxCommentLength = 160;

        /// <summary>
        /// A C/C++ string literal, quotes included, holding the UTF-8 bytes of <paramref name="value"/>.
        /// Only printable ASCII appears as itself; everything else is an escape, so the literal is one
        /// line whatever the input (no newline, no backslash-newline, no trigraph <c>??x</c>).
        /// </summary>
        public static string StringLiteral(string? value)
        {
            var sb = new StringBuilder("\"");
            byte[] bytes = Encoding.UTF8.GetBytes(value ?? "");
            for (int i = 0; i < bytes.Length; i++)
            {
                byte b = bytes[i];
                switch (b)
                {
                    case (byte)'\\': sb.Append("\\\\"); break;
                    case (byte)'"': sb.Append("\\\""); break;
                    // A '?' is escaped always: "??/" and friends are trigraphs in C89-C17 strict modes.
                    case (byte)'?': sb.Append("\\?"); break;
                    case (byte)'\n': sb.Append("\\n"); break;
                    case (byte)'\t': sb.Append("\\t"); break;
                    case (byte)'\r': sb.Append("\\r"); break;
                    default:
                        if (b >= 0x20 && b < 0x7F) sb.Append((char)b);
                        // Three octal digits always: a following digit can never extend the escape.
                        else sb.Append('\\').Append(Convert3Octal(b));
                        break;
                }
            }
            return sb.Append('"').ToString();
        }

        /// <summary>
        /// Text that can stand inside a <c>/* ... */</c> comment and stays on one line: no <c>*/</c> or
        /// <c>/*</c>, no newline, no backslash (so no line splice), no <c>??</c>; non-printable and
        /// non-ASCII characters appear as <c>\xNN</c> (UTF-8 bytes). Long values are cut with "...".
        /// </summary>
        public static string Comment(string? value)
        {
            if (string.IsNullOrEmpty(value)) return "";
            var sb = new StringBuilder();
            byte[] bytes = Encoding.UTF8.GetBytes(value);
            byte previous = 0;
            foreach (byte b in bytes)
            {
                if (sb.Length >= MaxCommentLength) { sb.Append("..."); break; }
                if (b == (byte)'\\') sb.Append("\\\\");
                else if (b == (byte)'/' && previous == (byte)'*') sb.Append("\\/");
                else if (b == (byte)'*' && previous == (byte)'/') sb.Append("\\*");
                else if (b == (byte)'?' && previous == (byte)'?') sb.Append("\\?");
                else if (b >= 0x20 && b < 0x7F) sb.Append((char)b);
                else sb.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
                previous = b;
            }
            return sb.ToString();
        }

        /// <summary>A float as a C <c>float</c> literal that reads back to the same value (invariant culture).</summary>
        public static string FloatLiteral(float value)
        {
            if (float.IsNaN(value) || float.IsInfinity(value)) return "0.0f /* not finite in the model */";
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            if (text.IndexOf('.') < 0 && text.IndexOf('E') < 0) text += ".0";
            return text + "f";
        }

        private static string Convert3Octal(byte b) =>
            new string(new[] { (char)('0' + (b >> 6)), (char)('0' + ((b >> 3) & 7)), (char)('0' + (b & 7)) });
    }

    /// <summary>C identifiers: the check every symbol must pass, and the sanitiser for names from files.</summary>
    public static class CIdentifier
    {
        // C11 and C++20 keywords plus the alternative operator spellings: none may name a generated symbol.
        private static readonly HashSet<string> s_keywords = new HashSet<string>(new[]
        {
            "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
            "char", "char8_t", "char16_t", "char32_t", "class", "co_await", "co_return", "co_yield", "compl", "concept",
            "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "decltype", "default", "delete",
            "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
            "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
            "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
            "requires", "restrict", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast",
            "struct", "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid",
            "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
            "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
            "_Static_assert", "_Thread_local",
        }, System.StringComparer.Ordinal);

        /// <summary>
        /// Why <paramref name="name"/> cannot be a C/C++ identifier, or null when it can: ASCII letters,
        /// digits and '_', not starting with a digit, not a keyword, not reserved (<c>__x</c>, <c>_X</c>).
        /// </summary>
        public static string? Problem(string? name)
        {
            if (SpellingProblem(name, 200) is string problem) return problem;
            if (s_keywords.Contains(name!)) return "it is a C/C++ keyword";
            if (name!.StartsWith("__", System.StringComparison.Ordinal) || (name.Length > 1 && name[0] == '_' && name[1] >= 'A' && name[1] <= 'Z'))
                return "names starting with '__' or '_' and a capital letter are reserved for the compiler";
            return null;
        }

        public static bool IsValid(string? name) => Problem(name) is null;

        /// <summary>Why <paramref name="name"/> is not spelled as an identifier (empty, too long, not ASCII letters, digits and '_', a leading digit), or null.</summary>
        internal static string? SpellingProblem(string? name, int maxLength)
        {
            if (string.IsNullOrEmpty(name)) return "it is empty";
            if (name!.Length > maxLength) return $"it is longer than {maxLength} characters";
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
                if (!ok) return i == 0 && c >= '0' && c <= '9' ? "it starts with a digit" : $"it contains '{CText.Comment(c.ToString())}'";
            }
            return null;
        }

        /// <summary>
        /// The nearest identifier to <paramref name="text"/> (e.g. a file name without extension):
        /// other characters become '_', a leading digit or a keyword gets a '_' suffix or prefix.
        /// </summary>
        public static string Sanitize(string? text)
        {
            var sb = new StringBuilder();
            foreach (char c in text ?? "")
                sb.Append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
            string s = sb.ToString().TrimStart('_');
            if (s.Length == 0) s = "model";
            if (s[0] >= '0' && s[0] <= '9') s = "m_" + s;
            if (s.Length > 200) s = s.Substring(0, 200);
            if (s_keywords.Contains(s)) s += "_";
            return s;
        }
    }
}
