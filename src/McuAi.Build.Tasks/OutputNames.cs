using System;
using System.Collections.Generic;
using System.IO;
using McuAi.CodeGen;

namespace McuAi.Build.Tasks
{
    /// <summary>The files a model produces, known before generating: the generator's predictions plus the reports.</summary>
    internal static class OutputNames
    {
        public static IEnumerable<string> Predict(string symbol)
        {
            foreach (string name in ModelCodeGenerator.PredictOutputs(symbol)) yield return name;
            yield return ReportMarkdown(symbol);
            yield return ReportJson(symbol);
            yield return ReportSvg(symbol);
        }

        public static string ReportMarkdown(string symbol) => symbol + "_report.md";
        public static string ReportJson(string symbol) => symbol + "_report.json";
        public static string ReportSvg(string symbol) => symbol + "_arena.svg";

        public static bool IsSource(string path) => HasExtension(path, ".c", ".cc", ".cpp", ".cxx", ".s", ".S");
        public static bool IsHeader(string path) => HasExtension(path, ".h", ".hh", ".hpp", ".inc");

        private static bool HasExtension(string path, params string[] extensions)
        {
            string extension = Path.GetExtension(path);
            foreach (string e in extensions)
                if (string.Equals(extension, e, StringComparison.Ordinal)) return true;
            return false;
        }
    }
}
