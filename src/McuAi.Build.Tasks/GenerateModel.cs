using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using McuAi.Analysis;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.Reports;
using McuAi.TfLite;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// Generates the sources of ONE model (the target batches per model, so MSBuild only calls this for
    /// models whose inputs changed). Files are rewritten only when their bytes differ; the stamp is always
    /// touched so MSBuild sees the model as up to date.
    /// </summary>
    public sealed class McuAiGenerateModel : Task
    {
        /// <summary>One resolved model item from McuAiPrepareModels.</summary>
        [Required] public ITaskItem Model { get; set; } = null!;
        public string TemplateDirectory { get; set; } = "";

        /// <summary>Every file written or confirmed up to date, for FileWrites.</summary>
        [Output] public ITaskItem[] Outputs { get; private set; } = Array.Empty<ITaskItem>();

        public override bool Execute()
        {
            string modelPath = Model.ItemSpec;
            string projectFile = Model.GetMetadata("McuAiProjectFile");
            var errors = new List<(string Code, string Message)>();
            var settings = ModelSettings.Parse(Model, Path.GetDirectoryName(projectFile) ?? "", Model.GetMetadata("OutputDir"), errors);
            foreach (var (code, message) in errors) Log.LogCodedError(code, projectFile, message);
            if (Log.HasLoggedErrors) return false;

            try
            {
                // A quantized model's sources come from the quantized model; the item stays the user's model.
                string source = GenerationSource.Of(Model);
                Log.LogMessage(MessageImportance.Normal, "McuAi: generating {0} from {1}", settings.Symbol, source);
                byte[] bytes = ReadModelBytes(source);
                var options = GenerationSettings.ToOptions(settings, TemplateDirectory);
                if (settings.Strip)
                {
                    // The generator embeds exactly the bytes it is given, so stripping happens here (never into a larger model).
                    var stripped = StrippedBytes.Of(bytes, source);
                    bytes = stripped.Bytes;
                    // Keeping the original is a surprise worth seeing in a default build; a saving is a detail.
                    Log.LogMessage(stripped.KeptOriginal ? MessageImportance.High : MessageImportance.Normal, "McuAi: {0}: Strip {1}", settings.Symbol, stripped.Describe());
                }
                var model = ModelReader.Read(bytes, source);
                var report = ModelReport.Create(model, bytes, modelPath,
                    new AnalysisOptions { PointerSize = options.TargetPointerSize, Kernels = options.ArenaKernels });
                if (settings.Quantizes) report.Add(GenerationSource.ReportSection(Model, settings));
                if (settings.Simplifies && GenerationSource.SimplificationSection(Model) is { } simplification) report.Add(simplification);
                // The analysis decides whether TFLM can run the model: its errors stop generation, its warnings and infos are shown.
                foreach (var finding in report.Analysis.Warnings) Log.LogCoreDiagnostic(finding, modelPath);
                if (Log.HasLoggedErrors) return false;

                string fileName = Path.GetFileName(modelPath);
                // Runtime="c": compiled once, for the sources and for the report's C-runtime section.
                var compiled = options.Runtime == ModelRuntime.C ? McuAi.Compiler.CModelCompiler.Compile(model, options.Symbol, modelPath, options.Optimize, options.Names) : null;
                if (compiled is not null) report.Add(new McuAi.Compiler.CRuntimeReportSection(compiled, report.Arena.ArenaBytes));
                var generatorDiagnostics = new List<Diagnostic>();
                var files = new List<GeneratedFile>(ModelCodeGenerator.Generate(model, bytes, options, modelPath, generatorDiagnostics, compiled));
                files.AddRange(ReportWriter.Files(report, settings.Symbol));
                // The generator's own findings (an ArenaSize below the plan, ...). The analysis and the generator both
                // check custom ops (MCUAI1006): a code the analysis already reported is not repeated.
                foreach (var d in generatorDiagnostics)
                    if (!report.Analysis.Warnings.Any(f => f.Code == d.Code)) Log.LogCoreDiagnostic(d, modelPath);
                var summary = compiled is null ? GenerationSettings.Summarize(report.Analysis, options, fileName)
                    : GenerationSettings.Summarize(report.Analysis, compiled, options, fileName);

                var written = OutputFiles.Write(settings.OutputDir, files, Log);
                OutputFiles.RemoveStale(Model.GetMetadata("FileListFile"), written, Log);
                StateFiles.WriteIfChanged(Model.GetMetadata("SummaryFile"), summary.Format());
                StateFiles.WriteIfChanged(Model.GetMetadata("FileListFile"),
                    OutputNames.FileListHeader(Model.GetMetadata("McuAiMetadataHash")) + "\n" + string.Join("\n", written) + "\n");
                StateFiles.Touch(Model.GetMetadata("StampFile"), settings.Symbol + "\n");
                var outputs = new List<ITaskItem>();
                foreach (string path in written) outputs.Add(Items.FromPath(path));
                Outputs = outputs.ToArray();
            }
            catch (McuAiException e) when (e.Code == DiagnosticCodes.OutputWriteFailed)
            {
                // Where the files go is set in the project: that is where to fix it.
                Log.LogCodedError(e.Code, projectFile, $"McuAiModel '{modelPath}': {e.Message}");
            }
            catch (McuAiException e)
            {
                Log.LogMcuAi(e, modelPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.LogCodedError(DiagnosticCodes.OutputWriteFailed, projectFile,
                    $"McuAiModel '{modelPath}': cannot write the generated files to '{settings.OutputDir}': {e.Message.TrimEnd('.')}. Check that the folder is writable and not locked.");
            }
            catch (Exception e)
            {
                Log.LogCodedError(DiagnosticCodes.InternalError, modelPath,
                    $"McuAi.Build failed unexpectedly while generating '{settings.Symbol}': {e.GetType().Name}: {e.Message.TrimEnd('.')}. This is a bug in McuAi.Build; please report it with the model.");
            }
            return !Log.HasLoggedErrors;
        }

        private static byte[] ReadModelBytes(string path)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new McuAiException(DiagnosticCodes.ModelFileUnreadable, path,
                    $"cannot read the model file: {e.Message.TrimEnd('.')}. Check that the file is readable.", e);
            }
        }
    }

    /// <summary>Writes generated files into an output folder, refusing paths that would leave it.</summary>
    internal static class OutputFiles
    {
        public static List<string> Write(string outputDir, IEnumerable<GeneratedFile> files, TaskLoggingHelper log)
        {
            var written = new List<string>();
            string root = Path.GetFullPath(outputDir);
            foreach (var file in files)
            {
                string path = Path.GetFullPath(Path.Combine(root, file.RelativePath));
                if (!path.StartsWith(root, StringComparison.Ordinal))
                    throw new InvalidOperationException($"generated file '{file.RelativePath}' would be written outside '{root}'");
                if (OutputWriter.WriteIfChanged(path, file))
                    log.LogMessage(MessageImportance.Low, "McuAi: wrote {0}", path);
                written.Add(path);
            }
            return written;
        }

        /// <summary>
        /// Deletes the files the model's previous generation wrote (its file list) that this one no longer writes:
        /// a renamed nanoFramework class, or a data format that no longer copies the model, leaves no orphans,
        /// also in an OutputDir outside obj/ that IncrementalClean does not look at. A file another model's list
        /// still names (a C-runtime kernel that models of one folder share) is kept.
        /// </summary>
        public static void RemoveStale(string fileList, IReadOnlyCollection<string> written, TaskLoggingHelper log)
        {
            if (fileList.Length == 0 || !File.Exists(fileList)) return;
            var current = new HashSet<string>(written, StringComparer.Ordinal);
            foreach (string other in Directory.GetFiles(Path.GetDirectoryName(fileList)!, "*.files"))
                if (!string.Equals(Path.GetFullPath(other), Path.GetFullPath(fileList), StringComparison.Ordinal))
                    current.UnionWith(File.ReadAllLines(other));
            foreach (string line in File.ReadAllLines(fileList).Skip(1))
            {
                if (line.Length == 0 || current.Contains(line) || !File.Exists(line)) continue;
                File.Delete(line);
                log.LogMessage(MessageImportance.Low, "McuAi: removed {0}, which this model no longer generates", line);
            }
        }
    }
}
