using System.Collections.Generic;
using System.Linq;

namespace McuAi.CodeGen.NanoFramework
{
    /// <summary>
    /// C# names of the generated class. They also become parts of C identifiers (Library_&lt;assembly&gt;_&lt;namespace&gt;_&lt;class&gt;),
    /// so only ASCII letters, digits and '_' are allowed, never a C# keyword, never a leading digit or "__".
    /// </summary>
    public static class CSharpNames
    {
        private static readonly HashSet<string> s_keywords = new(new[]
        {
            "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
            "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
            "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
            "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
            "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
            "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
            "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        }, System.StringComparer.Ordinal);

        /// <summary>Why <paramref name="name"/> cannot be a C# identifier here, or null when it can.</summary>
        public static string? IdentifierProblem(string? name)
        {
            if (CIdentifier.SpellingProblem(name, 100) is string problem) return problem;
            if (s_keywords.Contains(name!)) return "it is a C# keyword";
            if (name!.StartsWith("__", System.StringComparison.Ordinal)) return "names starting with '__' are reserved";
            return null;
        }

        /// <summary>Why <paramref name="name"/> cannot be a dotted name (a namespace or an assembly name) here, or null when it can.</summary>
        public static string? DottedProblem(string? name)
        {
            if (string.IsNullOrEmpty(name)) return "it is empty";
            if (name!.Length > 200) return "it is longer than 200 characters";
            return name.Split('.').Select(part => IdentifierProblem(part) is string p ? $"'{CText.Comment(part)}': {p}" : null).FirstOrDefault(p => p is not null);
        }
    }
}
