using System;
using System.Collections.Generic;
using System.IO;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.TfLite;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// Generates the files shared by all models of the project (combined resolver, arena constants,
    /// mcuai_models.cmake). Runs when any model, its metadata or the set of models changes.
    /// </summary>
    public sealed class McuAiGenerateCombined : Task
    {
        [Required] public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();
        /// <summary>$(McuAiOutputDir): where the shared files go.</summary>
        [Required] public string OutputDir { get; set; } = "";
        [Required] public string StampFile { get; set; } = "";
        [Required] public string FileListFile { get; set; } = "";
        public string TemplateDirectory { get; set; } = "";

        [Output] public ITaskItem[] Outputs { get; private set; } = Array.Empty<ITaskItem>();

        public override bool Execute()
        {
            var inputs = new List<(Model Model, GenerationOptions Options, string? FileName)>();
            string current = "";
            try
            {
                foreach (var item in Models)
                {
                    current = item.ItemSpec;
                    string projectFile = item.GetMetadata("McuAiProjectFile");
                    var settings = ModelSettings.Parse(item, Path.GetDirectoryName(projectFile) ?? "", item.GetMetadata("OutputDir"), new List<(string, string)>());
                    var model = ModelReader.ReadFile(GenerationSource.Of(item));
                    inputs.Add((model, GenerationSettings.ToOptions(settings, TemplateDirectory), Path.GetFileName(item.ItemSpec)));
                }
                current = "";
                var diagnostics = new List<Diagnostic>();
                // Each model's files are in its own OutputDir: the CMake list points there, relative to itself.
                var files = ModelCodeGenerator.GenerateCombined(inputs, diagnostics, OutputDir);
                foreach (var d in diagnostics) Log.LogCoreDiagnostic(d, OutputDir);
                var written = OutputFiles.Write(OutputDir, files, Log);
                StateFiles.WriteIfChanged(FileListFile, string.Join("\n", written) + "\n");
                StateFiles.Touch(StampFile, "combined\n");
                var outputs = new List<ITaskItem>();
                foreach (string path in written) outputs.Add(Items.FromPath(path));
                Outputs = outputs.ToArray();
            }
            catch (McuAiException e)
            {
                Log.LogMcuAi(e, current.Length > 0 ? current : null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.LogCodedError(DiagnosticCodes.OutputWriteFailed, null,
                    $"cannot write the combined McuAi files to '{OutputDir}': {e.Message.TrimEnd('.')}. Check that the folder is writable and not locked.");
            }
            catch (Exception e)
            {
                Log.LogCodedError(DiagnosticCodes.InternalError, current.Length > 0 ? current : null,
                    $"McuAi.Build failed unexpectedly while generating the combined files: {e.GetType().Name}: {e.Message.TrimEnd('.')}. This is a bug in McuAi.Build; please report it.");
            }
            return !Log.HasLoggedErrors;
        }
    }
}
