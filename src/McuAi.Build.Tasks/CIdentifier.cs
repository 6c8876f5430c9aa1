using System.Collections.Generic;
using System.Text;

namespace McuAi.Build.Tasks
{
    /// <summary>C identifiers: the default Symbol is made from a file name, an explicit one is checked.</summary>
    internal static class CIdentifier
    {
        // Keywords of C and C++ that a prefix such as `int` would turn into a broken declaration.
        private static readonly HashSet<string> s_keywords = new()
        {
            "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char", "class", "const",
            "constexpr", "continue", "default", "delete", "do", "double", "else", "enum", "explicit", "extern",
            "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new",
            "noexcept", "not", "nullptr", "operator", "or", "private", "protected", "public", "register", "restrict",
            "return", "short", "signed", "sizeof", "static", "struct", "switch", "template", "this", "throw", "true",
            "try", "typedef", "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "while", "xor",
        };

        // Plain loops rather than a Regex: this runs in every build, and constructing a Regex costs milliseconds.
        public static bool IsValid(string name)
        {
            if (name.Length == 0 || char.IsDigit(name[0])) return false;
            foreach (char c in name)
                if (!IsIdentifierChar(c)) return false;
            return !s_keywords.Contains(name);
        }

        /// <summary>A C++ namespace: identifiers separated by '::'.</summary>
        public static bool IsValidNamespace(string name)
        {
            foreach (string part in name.Split(new[] { "::" }, System.StringSplitOptions.None))
                if (!IsValid(part)) return false;
            return true;
        }

        public static bool IsIdentifierChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

        /// <summary>Turns a file name into an identifier: other characters become '_', a leading digit gets a prefix.</summary>
        public static string FromFileName(string fileName)
        {
            var sb = new StringBuilder(fileName.Length + 6);
            foreach (char c in fileName)
                sb.Append(IsIdentifierChar(c) ? c : '_');
            string result = sb.ToString();
            if (result.Length == 0) return "model";
            if (char.IsDigit(result[0]) || s_keywords.Contains(result)) result = "model_" + result;
            return result;
        }
    }
}
