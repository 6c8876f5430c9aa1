using System;
using System.Collections.Generic;
using System.IO;
using McuAi.CodeGen;
using McuAi.Reports;

namespace McuAi.Build.Tasks
{
    /// <summary>The files a model produces, known before generating: the generator's predictions plus the reports.</summary>
    internal static class OutputNames
    {
        /// <summary>
        /// The files known from the settings. With Runtime="c" the kernel files (mcuai_*.c/.h) depend on the model's ops:
        /// they are known from the file list after the first generation.
        /// </summary>
        public static IEnumerable<string> Predict(ModelSettings settings)
        {
            string symbol = settings.Symbol;
            // The .incbin form adds a copy of the model beside the sources; nanoFramework adds its interop files.
            var options = new GenerationOptions
            {
                Symbol = symbol,
                DataFormat = settings.DataFormat == "incbin" ? ModelDataFormat.Incbin : ModelDataFormat.String,
                NanoFramework = settings.Nano?.ToOptions(),
                Runtime = settings.Runtime == "c" ? ModelRuntime.C : ModelRuntime.Tflm,
                SelfTest = settings.SelfTest,
            };
            foreach (string name in ModelCodeGenerator.PredictOutputs(options)) yield return name;
            yield return ReportWriter.MarkdownName(symbol);
            yield return ReportWriter.JsonName(symbol);
            yield return ReportWriter.SvgName(symbol);
        }

        /// <summary>The shared files of GenerateCombined.</summary>
        public static IReadOnlyList<string> PredictCombined() => ModelCodeGenerator.PredictCombinedOutputs();

        /// <summary>First line of a model's file list: which metadata hash the listed files were generated for.</summary>
        public static string FileListHeader(string metadataHash) => "# " + metadataHash;


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
