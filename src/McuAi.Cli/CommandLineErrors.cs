using System.CommandLine;
using System.Linq;
using System.Text.RegularExpressions;
using McuAi.Diagnostics;

namespace McuAi.Cli
{
    /// <summary>
    /// Command-line mistakes (an unknown option, a missing one, a value that cannot be read) as coded errors,
    /// one short line each, with the command whose --help lists the options (MCUAI4012).
    /// </summary>
    internal static class CommandLineErrors
    {
        /// <summary>Writes the parse errors to stderr and returns the exit code of bad input.</summary>
        public static int Report(ParseResult parse)
        {
            var stderr = parse.InvocationConfiguration.Error;
            string command = parse.CommandResult.Command is RootCommand ? "mcuai" : "mcuai " + parse.CommandResult.Command.Name;
            foreach (string message in parse.Errors.Select(e => Shorten(e.Message)).Distinct())
                stderr.WriteLine(new Diagnostic(DiagnosticCodes.CommandLineInvalid, DiagnosticSeverity.Error,
                    $"{message.TrimEnd('.')}; see '{command} --help'.").ToString());
            return 1;
        }

        private static readonly Regex s_cannotParse = new(@"^Cannot parse argument '(?<value>.*)' for (?<what>option '[^']+'|argument '[^']+') as expected type '(?<type>[^']+)'\.$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);

        /// <summary>The parser's message on one line, with .NET type names in words.</summary>
        internal static string Shorten(string message)
        {
            string line = Regex.Replace(message.Trim(), @"\s*\n\s*", " ");
            var m = s_cannotParse.Match(line);
            if (!m.Success) return line;
            return $"cannot read '{m.Groups["value"].Value}' for {m.Groups["what"].Value}: expected {Expected(m.Groups["type"].Value)}.";
        }

        private static string Expected(string type) => type switch
        {
            "System.Int32" => "a whole number from -2147483648 to 2147483647",
            "System.Int64" => "a whole number",
            "System.Double" or "System.Nullable`1[System.Double]" => "a number such as 0.99",
            "System.Boolean" => "true or false",
            "System.IO.DirectoryInfo" => "a folder path",
            "System.IO.FileInfo" => "a file path",
            _ => "a value of type " + type,
        };
    }
}
