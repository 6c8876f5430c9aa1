using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using McuAi.Data;
using McuAi.Diagnostics;
using McuAi.IO;
using McuAi.Quantization;
using McuAi.Simplification;

namespace McuAi.Cli.Commands
{
    /// <summary>
    /// Runs a <see cref="SimplificationPipeline"/> for `mcuai prune` and `mcuai quantize --weight-bits`: progress on
    /// stderr, the steps' figures and per-layer tables on stdout (Markdown, or the JSON record with --json), the model
    /// written only when every step and gate succeeded.
    /// </summary>
    internal static class SimplificationRun
    {
        public static int Execute(ParseResult parse, string modelPath, string outPath, SimplificationSettings settings, string? calibration,
                                  string? validation, QualityGates gates, bool classifier, bool json)
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var progress = new ProgressPrinter(stderr, System.Console.IsErrorRedirected);
            var request = new SimplificationRequest
            {
                ModelPath = modelPath,
                CalibrationFiles = calibration is null ? System.Array.Empty<string>() : DataFileSet.Expand(calibration),
                ValidationFiles = validation is null ? System.Array.Empty<string>() : DataFileSet.Expand(validation),
                Settings = settings,
                Gates = gates,
                Classifier = classifier,
            };
            try
            {
                var result = SimplificationPipeline.Run(request, message => { progress.Finish(); stderr.WriteLine(message); }, progress.Report);
                progress.Finish();
                foreach (var d in result.Diagnostics) stderr.WriteLine(d.ToString());
                if (json) stdout.WriteLine(result.RecordJson);
                else
                {
                    var md = new StringBuilder();
                    new SimplificationReportSection(result.RecordJson).WriteMarkdown(md);
                    stdout.Write(md.ToString());
                }
                AtomicFile.WriteCreatingFolder(outPath, result.ModelBytes, DiagnosticCodes.ModelFileUnwritable);
                stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "wrote {0} ({1:N0} -> {2:N0} bytes)",
                    outPath, new FileInfo(modelPath).Length, result.ModelBytes.Length));
                return 0;
            }
            catch (McuAiException e)
            {
                progress.Finish();
                stderr.WriteLine(e.ToString());
                return 1;
            }
        }
    }
}
