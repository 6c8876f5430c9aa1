using System.Text.RegularExpressions;

namespace McuAi.Build.Tasks
{
    /// <summary>One diagnostic found in the output of CMake or a GCC-style compiler.</summary>
    internal sealed class ToolDiagnostic
    {
        public ToolDiagnostic(bool isError, string file, int line, int column, string message, bool fromCMake)
        {
            IsError = isError;
            File = file;
            Line = line;
            Column = column;
            Message = message;
            FromCMake = fromCMake;
        }

        public bool IsError { get; }
        public string File { get; }
        public int Line { get; }
        public int Column { get; }
        public string Message { get; }
        public bool FromCMake { get; }
    }

    /// <summary>
    /// Recognises GCC/Clang diagnostics (<c>file:line:col: error: message</c>) and CMake's
    /// (<c>CMake Error at file:line (command):</c>) so that they become clickable MSBuild errors.
    /// </summary>
    internal static class CompilerOutput
    {
        private static readonly Regex s_gcc = new(
            @"^(?<file>(?:[A-Za-z]:)?[^:]+?):(?<line>\d+):(?:(?<col>\d+):)?\s+(?<kind>fatal error|error|warning):\s+(?<msg>.*)$",
            RegexOptions.CultureInvariant);
        private static readonly Regex s_cmake = new(
            @"^CMake (?<kind>Error|Warning)(?: \(dev\))? at (?<file>.+?):(?<line>\d+) \((?<cmd>[^)]*)\):?\s*$",
            RegexOptions.CultureInvariant);

        public static ToolDiagnostic? Parse(string line)
        {
            var m = s_gcc.Match(line);
            if (m.Success)
                return new ToolDiagnostic(m.Groups["kind"].Value != "warning", m.Groups["file"].Value, int.Parse(m.Groups["line"].Value),
                    m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value) : 0, m.Groups["msg"].Value, fromCMake: false);
            m = s_cmake.Match(line);
            if (m.Success)
                return new ToolDiagnostic(m.Groups["kind"].Value == "Error", m.Groups["file"].Value, int.Parse(m.Groups["line"].Value), 0,
                    "CMake " + m.Groups["kind"].Value.ToLowerInvariant() + " in " + m.Groups["cmd"].Value, fromCMake: true);
            return null;
        }
    }
}
