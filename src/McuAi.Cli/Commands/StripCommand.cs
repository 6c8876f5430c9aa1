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
    /// prints what was removed and the bytes saved. It never makes a model larger: when the re-serialised model
    /// would not be smaller, the original bytes are written and the summary says so. Exit codes: 0 written, 1 for
    /// bad input (unreadable or malformed model, unwritable output) with a coded error on stderr.
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
                    var stripped = StrippedBytes.Of(QuantizeCommand.ReadModel(modelPath), modelPath);
                    AtomicFile.WriteCreatingFolder(outPath, stripped.Bytes, DiagnosticCodes.ModelFileUnwritable);
                    stdout.Write(Summary(stripped, modelPath, outPath));
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

        private static string Summary(StrippedBytes stripped, string modelPath, string outPath)
        {
            static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
            var text = new StringBuilder();
            if (stripped.KeptOriginal)
                return text.AppendLine($"copied: {modelPath} -> {outPath} ({stripped.Describe()})").ToString();
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "stripped: {0} -> {1} ({2:N0} -> {3:N0} bytes, {4:N0} saved)",
                modelPath, outPath, stripped.OriginalLength, stripped.StrippedLength, stripped.OriginalLength - stripped.StrippedLength));
            var removed = stripped.Removed;
            text.AppendLine("  metadata removed: " + List(removed.RemovedMetadata));
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "  buffers removed: {0} ({1:N0} data bytes)", removed.RemovedBuffers, removed.RemovedBufferBytes));
            text.AppendLine("  operator codes removed: " + List(removed.RemovedOperatorCodes));
            return text.ToString();
        }
    }
}
