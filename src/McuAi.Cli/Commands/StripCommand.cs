using System;
using System.CommandLine;
using System.Globalization;
using System.Collections.Generic;
using System.IO;
using System.Text;
using McuAi.Diagnostics;
using McuAi.IO;
using McuAi.TfLite;

namespace McuAi.Cli.Commands
{
    /// <summary>
    /// <c>mcuai strip MODEL --out OUT.tflite</c>: writes a copy of the model without what firmware never reads
    /// (metadata except TFLM's offline memory plan, unused buffers and operator codes; see docs/format.md) and
    /// prints what was removed and the bytes saved. Exit codes: 0 written, 1 for bad input (unreadable or
    /// malformed model, unwritable output) with a coded error on stderr.
    /// </summary>
    public sealed class StripCommand : ICliCommand
    {
        public Command Create()
        {
            var model = new Argument<string>("model") { Description = "The .tflite model file." };
            var output = new Option<string>("--out", "-o") { Description = "The stripped .tflite to write (its folder is created if missing).", Required = true };
            var command = new Command("strip", "Remove metadata, unused buffers and unused operator codes from a model, to save flash.")
            {
                model, output,
            };
            command.SetAction(parse =>
            {
                var stdout = parse.InvocationConfiguration.Output;
                var stderr = parse.InvocationConfiguration.Error;
                try
                {
                    string modelPath = parse.GetValue(model)!;
                    string outPath = parse.GetValue(output)!;
                    var stripped = ModelStripper.Strip(ModelReader.ReadFile(modelPath));
                    CreateFolderOf(outPath);
                    ModelWriter.WriteFile(stripped.Model, outPath);
                    long before = new FileInfo(modelPath).Length;
                    long after = new FileInfo(outPath).Length;
                    stdout.Write(Summary(stripped, modelPath, outPath, before, after));
                    return 0;
                }
                catch (McuAiException e)
                {
                    stderr.WriteLine(e.ToString());
                    return 1;
                }
            });
            return command;
        }

        private static void CreateFolderOf(string path)
        {
            try
            {
                string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (AtomicFile.IsWriteFailure(e))
            {
                throw new McuAiException(DiagnosticCodes.ModelFileUnwritable, path, $"cannot create the output folder: {e.Message.TrimEnd('.')}. Check the output path.", e);
            }
        }

        private static string Summary(StripResult result, string modelPath, string outPath, long before, long after)
        {
            static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
            var text = new StringBuilder();
            // Re-serialising may lay the file out differently from the converter (every buffer 16-aligned), so a model
            // with nothing to remove can grow a little: say so rather than print a negative saving.
            string change = before >= after
                ? string.Format(CultureInfo.InvariantCulture, "{0:N0} saved", before - after)
                : string.Format(CultureInfo.InvariantCulture, "{0:N0} larger", after - before);
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "stripped: {0} -> {1} ({2:N0} -> {3:N0} bytes, {4})",
                modelPath, outPath, before, after, change));
            text.AppendLine("  metadata removed: " + List(result.RemovedMetadata));
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "  buffers removed: {0} ({1:N0} data bytes)", result.RemovedBuffers, result.RemovedBufferBytes));
            text.AppendLine("  operator codes removed: " + List(result.RemovedOperatorCodes));
            return text.ToString();
        }
    }
}
