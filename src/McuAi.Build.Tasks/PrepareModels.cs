using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using McuAi.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// The always-running first step: checks every McuAiModel item's metadata, gives each model its
    /// effective settings and state files, predicts the generated files (so the rest of the build and the
    /// IDE see them before they exist) and records each model's metadata in a file that changes only
    /// when the metadata does, which the incremental generate step lists among its inputs.
    /// Cheap by design: no model is read here.
    /// </summary>
    public sealed class McuAiPrepareModels : Task
    {
        [Required] public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();
        [Required] public string ProjectDirectory { get; set; } = "";
        /// <summary>The project-wide output folder ($(McuAiOutputDir)); also the default of each item's OutputDir.</summary>
        [Required] public string OutputDir { get; set; } = "";
        /// <summary>Where stamps, metadata hashes and summaries live ($(McuAiStateDir)).</summary>
        [Required] public string StateDir { get; set; } = "";
        public string TemplateDirectory { get; set; } = "";
        /// <summary>The project file, named by project-level errors.</summary>
        public string ProjectFile { get; set; } = "";
        /// <summary>When true (the Clean target), only compute paths: no checks, no writes.</summary>
        public bool ForClean { get; set; }

        /// <summary>One item per model (full path), with the effective settings and the state-file paths as metadata.</summary>
        [Output] public ITaskItem[] ResolvedModels { get; private set; } = Array.Empty<ITaskItem>();
        [Output] public ITaskItem[] GeneratedSources { get; private set; } = Array.Empty<ITaskItem>();
        [Output] public ITaskItem[] GeneratedHeaders { get; private set; } = Array.Empty<ITaskItem>();
        /// <summary>The other predicted outputs (reports).</summary>
        [Output] public ITaskItem[] OtherOutputs { get; private set; } = Array.Empty<ITaskItem>();
        /// <summary>The .NET nanoFramework interop files (NanoFramework="true"): the C# class (Kind=csharp) and the firmware side (Kind=native).</summary>
        [Output] public ITaskItem[] NanoFrameworkFiles { get; private set; } = Array.Empty<ITaskItem>();
        /// <summary>The state files of the models (stamps, metadata hashes, summaries, file lists).</summary>
        [Output] public ITaskItem[] StateFiles { get; private set; } = Array.Empty<ITaskItem>();
        /// <summary>A file listing every model with its metadata hash: an input of the combined step, so adding or removing a model regenerates it.</summary>
        [Output] public string ModelListFile { get; private set; } = "";
        /// <summary>The shared files (combined resolver, mcuai_models.h, mcuai_models.cmake) and the combined step's state files.</summary>
        [Output] public ITaskItem[] CombinedOutputs { get; private set; } = Array.Empty<ITaskItem>();

        public override bool Execute()
        {
            string stateDir = ModelSettings.EnsureTrailingSeparator(Path.GetFullPath(Path.Combine(ProjectDirectory, StateDir)));
            string templateDir = TemplateDirectory.Length == 0 ? "" : Path.GetFullPath(Path.Combine(ProjectDirectory, TemplateDirectory));
            var resolved = new List<ITaskItem>();
            var sources = new List<ITaskItem>();
            var headers = new List<ITaskItem>();
            var others = new List<ITaskItem>();
            var nano = new List<ITaskItem>();
            var nanoAssemblies = new Dictionary<string, ITaskItem>(StringComparer.Ordinal);
            var state = new List<ITaskItem>();
            var list = new StringBuilder();
            var bySymbol = new Dictionary<string, ITaskItem>(StringComparer.OrdinalIgnoreCase);
            var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (!ForClean && templateDir.Length > 0 && !Directory.Exists(templateDir))
                Log.LogCodedError(DiagnosticCodes.TemplateDirectoryMissing, ProjectFile,
                    $"McuAiTemplateDirectory '{TemplateDirectory}' does not exist ({templateDir}). Create it with your .hbs templates, or remove the property to use the built-in templates.");

            foreach (var item in Models)
            {
                string projectFile = DefiningProject(item);
                var errors = new List<(string Code, string Message)>();
                var settings = ModelSettings.Parse(item, ProjectDirectory, OutputDir, errors);
                if (!ForClean)
                {
                    foreach (var (code, message) in errors) Log.LogCodedError(code, projectFile, message);
                    if (!File.Exists(settings.ModelPath))
                        Log.LogCodedError(DiagnosticCodes.ModelNotFound, projectFile,
                            $"McuAiModel '{item.ItemSpec}': the model file '{settings.ModelPath}' does not exist. Fix the Include path or add the file.");
                    if (bySymbol.TryGetValue(settings.Symbol, out var other))
                        Log.LogCodedError(DiagnosticCodes.DuplicateSymbol, projectFile,
                            $"McuAiModel '{other.ItemSpec}' and '{item.ItemSpec}' both have Symbol '{settings.Symbol}', so their generated names would collide. " +
                            $"Give one of them its own Symbol, for example <McuAiModel Include=\"{item.ItemSpec}\" Symbol=\"{Suggest(item, settings.Symbol)}\" />.");
                    else bySymbol.Add(settings.Symbol, item);
                    if (settings.Nano is not null && nanoAssemblies.TryGetValue(settings.Nano.AssemblyName, out var sharing))
                        Log.LogCodedError(DiagnosticCodes.NanoFrameworkAssemblyClash, projectFile,
                            $"McuAiModel '{sharing.ItemSpec}' and '{item.ItemSpec}' both have NanoFrameworkAssembly '{settings.Nano.AssemblyName}', but each model needs an interop assembly of its own " +
                            "(nanoCLR checks one native checksum per assembly). Give one of them another NanoFrameworkAssembly or NanoFrameworkClass.");
                    else if (settings.Nano is not null) nanoAssemblies.Add(settings.Nano.AssemblyName, item);
                }

                // Symbol (unique per project) plus a hash of the model's path: one model file may be included
                // twice with different Symbols, and two model.tflite in different folders never share state.
                string key = settings.Symbol + "." + StateFilesHash(settings.ModelPath).Substring(0, 8);
                string metadataHash = Tasks.StateFiles.ShortHash(settings.Canonical(templateDir) + FileIdentity(settings.ModelPath));
                var model = Items.FromPath(settings.ModelPath);
                item.CopyMetadataTo(model);
                settings.CopyTo(model);
                model.SetLiteral("McuAiKey", key);
                model.SetLiteral("McuAiProjectFile", projectFile);
                model.SetLiteral("McuAiMetadataHash", metadataHash);
                model.SetLiteral("StampFile", stateDir + key + ".stamp");
                model.SetLiteral("MetadataFile", stateDir + key + ".meta");
                model.SetLiteral("SummaryFile", stateDir + key + ".summary");
                model.SetLiteral("FileListFile", stateDir + key + ".files");
                SetQuantizationMetadata(model, settings, stateDir + key);
                resolved.Add(model);
                foreach (string meta in new[] { "StampFile", "MetadataFile", "SummaryFile", "FileListFile" })
                    state.Add(Items.FromPath(model.GetMetadata(meta)));
                if (settings.Transforms)
                    foreach (string meta in s_quantizationStateMetadata)
                        state.Add(Items.FromPath(model.GetMetadata(meta)));

                var nanoFiles = new HashSet<string>(settings.Nano?.OutputFiles() ?? Array.Empty<string>(), StringComparer.Ordinal);
                foreach (string path in ModelOutputs(settings, model.GetMetadata("FileListFile"), metadataHash))
                {
                    // The C runtime's kernel files are shared by the models of one folder: one item each.
                    if (!listed.Add(path)) continue;
                    var output = Items.FromPath(path);
                    output.SetLiteral("Symbol", settings.Symbol);
                    output.SetLiteral("McuAiModel", settings.ModelPath);
                    output.SetLiteral("AutoGen", "true");
                    output.SetLiteral("DependentUpon", item.ItemSpec);
                    // The interop files are for the nanoFramework projects and nf-interpreter, not for the C/C++ build of the model.
                    if (nanoFiles.Contains(Path.GetFileName(path)))
                    {
                        output.SetLiteral("Kind", path.EndsWith(".cs", StringComparison.Ordinal) ? "csharp" : "native");
                        nano.Add(output);
                    }
                    else (OutputNames.IsSource(path) ? sources : OutputNames.IsHeader(path) ? headers : others).Add(output);
                }
                list.Append(settings.Symbol).Append('|').Append(settings.ModelPath).Append('|').Append(metadataHash).Append('\n');

                if (!ForClean && !Log.HasLoggedErrors)
                    Tasks.StateFiles.WriteIfChanged(model.GetMetadata("MetadataFile"), metadataHash + "\n");
            }

            ModelListFile = stateDir + "models.list";
            if (!ForClean && !Log.HasLoggedErrors)
                Tasks.StateFiles.WriteIfChanged(ModelListFile, list.ToString());
            state.Add(Items.FromPath(ModelListFile));

            // The shared files: headers for other targets, everything (with the combined step's state) for FileWrites.
            string combinedList = stateDir + "combined.files";
            var combined = new List<ITaskItem> { Items.FromPath(combinedList), Items.FromPath(stateDir + "combined.stamp") };
            if (Models.Length > 0)
                foreach (string path in CombinedOutputPaths(combinedList))
                {
                    var output = Items.FromPath(path);
                    output.SetLiteral("McuAiCombined", "true");
                    combined.Add(output);
                    if (OutputNames.IsHeader(path)) headers.Add(output);
                }
            CombinedOutputs = combined.ToArray();

            ResolvedModels = resolved.ToArray();
            GeneratedSources = sources.ToArray();
            GeneratedHeaders = headers.ToArray();
            OtherOutputs = others.ToArray();
            NanoFrameworkFiles = nano.ToArray();
            StateFiles = state.ToArray();
            return !Log.HasLoggedErrors;
        }

        private static readonly string[] s_quantizationStateMetadata = { "QuantizeStampFile", "CalibrationListFile", "QuantizedRecordFile", "ValidationRecordFile", "SimplificationRecordFile" };

        /// <summary>
        /// For a model to quantize: its data as Include patterns (the targets expand them into items) and its
        /// quantization state files. Empty for the others, so that the generation target's inputs list nothing for them.
        /// </summary>
        private void SetQuantizationMetadata(ITaskItem model, ModelSettings settings, string statePrefix)
        {
            bool on = settings.Transforms;
            // Already escaped, with the wildcards left for MSBuild: set without SetLiteral.
            model.SetMetadata("CalibrationPatterns", on ? QuantizeSettings.IncludePatterns(settings.Quantization.Calibration, ProjectDirectory) : "");
            model.SetMetadata("ValidationPatterns", on ? QuantizeSettings.IncludePatterns(settings.Quantization.Validation, ProjectDirectory) : "");
            model.SetLiteral("QuantizeStampFile", on ? statePrefix + ".qstamp" : "");
            model.SetLiteral("CalibrationListFile", on ? statePrefix + ".calibration" : "");
            // Written by the quantize step: the path of the quantized model, and of its validation figures.
            model.SetLiteral("QuantizedRecordFile", on ? statePrefix + ".quantized" : "");
            model.SetLiteral("ValidationRecordFile", on ? statePrefix + ".validation" : "");
            // Written by a simplification run (Prune, WeightSparsity, WeightBits): the path of its record, which the report shows.
            model.SetLiteral("SimplificationRecordFile", on ? statePrefix + ".simplification" : "");
            model.SetLiteral("GenerationSource", "");
        }

        /// <summary>
        /// A model's files: the list its last generation wrote, when that generation had the same metadata hash
        /// (so a no-op build never loads the core assembly), else the generator's prediction.
        /// </summary>
        private static IEnumerable<string> ModelOutputs(ModelSettings settings, string fileList, string metadataHash)
        {
            if (File.Exists(fileList))
            {
                string[] lines = File.ReadAllLines(fileList);
                if (lines.Length > 0 && lines[0] == OutputNames.FileListHeader(metadataHash))
                    return lines.Skip(1).Where(l => l.Length > 0);
            }
            return OutputNames.Predict(settings).Select(relative => settings.OutputDir + relative);
        }

        /// <summary>The shared files: as the combined step last wrote them, else as the generator predicts them.</summary>
        private IEnumerable<string> CombinedOutputPaths(string combinedList)
        {
            if (File.Exists(combinedList)) return File.ReadAllLines(combinedList).Where(l => l.Length > 0);
            string outputDir = ModelSettings.EnsureTrailingSeparator(Path.GetFullPath(Path.Combine(ProjectDirectory, OutputDir)));
            return OutputNames.PredictCombined().Select(relative => outputDir + relative);
        }

        /// <summary>
        /// Size and time of the model file. A model replaced by an OLDER file (a copy that kept its time, a
        /// checkout) is not newer than the stamp; recording its time here still makes it count as changed.
        /// </summary>
        private static string FileIdentity(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? "model=" + info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "@" +
                                 info.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" : "model=missing\n";
        }

        /// <summary>Where the item was written: an imported .props or the project itself; that is where the user fixes it.</summary>
        private static string DefiningProject(ITaskItem item)
        {
            string defining = item.GetMetadata("DefiningProjectFullPath");
            return defining.Length > 0 ? defining : item.GetMetadata("FullPath");
        }

        private static string StateFilesHash(string path) => Tasks.StateFiles.ShortHash(path.Replace('\\', '/'));

        /// <summary>A symbol made from the model's folder and file name, which is usually unique.</summary>
        private static string Suggest(ITaskItem item, string symbol)
        {
            string folder = Path.GetFileName(Path.GetDirectoryName(item.GetMetadata("FullPath")) ?? "") ?? "";
            return CIdentifier.FromFileName(folder.Length == 0 ? symbol + "_2" : folder + "_" + symbol);
        }
    }
}
