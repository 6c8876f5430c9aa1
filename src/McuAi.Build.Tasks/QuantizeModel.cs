using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Analysis;
using McuAi.Memory;
using McuAi.Quantization;
using McuAi.Simplification;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// Quantizes ONE model (the target batches per model and skips models whose model file, metadata and
    /// data files are older than the model's stamp). A thin shell over <see cref="QuantizationStep"/>: it
    /// maps the metadata to a request, logs progress and diagnostics, and records which file the sources
    /// must be generated from. The records are rewritten only when their content changes, so that
    /// generation reruns only when the quantized model really changed.
    /// </summary>
    public sealed class McuAiQuantizeModel : Task
    {
        /// <summary>One resolved model item (Quantize other than none).</summary>
        [Required] public ITaskItem Model { get; set; } = null!;
        /// <summary>This model's expanded data files; metadata Kind is "calibration" or "validation".</summary>
        public ITaskItem[] DataFiles { get; set; } = Array.Empty<ITaskItem>();
        /// <summary>Where quantized models are cached ($(McuAiQuantizedDir)).</summary>
        [Required] public string CacheFolder { get; set; } = "";

        /// <summary>The model the sources come from: the cached quantized model (or the model itself when it was already quantized).</summary>
        [Output] public string QuantizedModel { get; private set; } = "";

        public override bool Execute()
        {
            string modelPath = Model.ItemSpec;
            string projectFile = Model.GetMetadata("McuAiProjectFile");
            var errors = new List<(string Code, string Message)>();
            var settings = ModelSettings.Parse(Model, Path.GetDirectoryName(projectFile) ?? "", Model.GetMetadata("OutputDir"), errors);
            foreach (var (code, message) in errors) Log.LogCodedError(code, projectFile, message);
            if (Log.HasLoggedErrors) return false;

            var q = settings.Quantization;
            var calibration = Files("calibration");
            var validation = Files("validation");
            if (calibration.Count == 0 && q.Calibration.Length > 0)
                Log.LogCodedError(DiagnosticCodes.CalibrationMissing, projectFile,
                    $"McuAiModel '{settings.Symbol}': Calibration '{q.Calibration}' matches no .npy/.npz file. Check the path, folder or glob (relative to the project folder).");
            if (validation.Count == 0 && q.Validation.Length > 0)
                Log.LogCodedError(DiagnosticCodes.CalibrationMissing, projectFile,
                    $"McuAiModel '{settings.Symbol}': Validation '{q.Validation}' matches no .npy/.npz file. Check the path, folder or glob (relative to the project folder).");
            if (Log.HasLoggedErrors) return false;

            bool simplify = settings.Simplifies;
            try
            {
                if (simplify) Simplify(settings, modelPath, calibration, validation);
                else Quantize(settings, modelPath, calibration, validation);
            }
            catch (McuAiException e)
            {
                // Data problems name the data file (the core sets it); the others name the model. The symbol
                // tells apart two items of one model file with different data.
                Log.LogCodedError(e.Code, e.File ?? modelPath, $"{e.Message} (McuAiModel '{settings.Symbol}')");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.LogCodedError(DiagnosticCodes.OutputWriteFailed, projectFile,
                    $"McuAiModel '{modelPath}': cannot write the {(simplify ? "simplified" : "quantized")} model to '{CacheFolder}': {e.Message}. Check that the folder is writable and not locked.");
            }
            catch (Exception e)
            {
                Log.LogCodedError(DiagnosticCodes.InternalError, modelPath,
                    $"McuAi.Build failed unexpectedly while {(simplify ? "simplifying" : "quantizing")} '{settings.Symbol}': {e.GetType().Name}: {e.Message}. This is a bug in McuAi.Build; please report it with the model and the data.");
            }
            return !Log.HasLoggedErrors;
        }

        private QualityGates Gates(ModelSettings settings) =>
            new() { MinCosine = settings.Quantization.MinCosine, MaxL2Error = settings.Quantization.MaxL2Error, MinTop1Agreement = settings.Quantization.MinTop1Agreement, Names = SettingNames.ItemMetadata };

        private void Quantize(ModelSettings settings, string modelPath, List<string> calibration, List<string> validation)
        {
            var request = new QuantizationStepRequest
            {
                ModelPath = modelPath,
                CalibrationFiles = calibration,
                ValidationFiles = validation,
                Options = ToOptions(settings),
                Gates = Gates(settings),
                Classifier = settings.Quantization.Classifier,
                CacheFolder = Path.GetFullPath(CacheFolder),
            };
            var result = QuantizationStep.Run(request, message => Log.LogMessage(MessageImportance.Normal, "McuAi: " + message));
            foreach (var d in result.Diagnostics) Log.LogCoreDiagnostic(d, modelPath);
            // The simplification record is an input of the generate target: it must exist (empty here), or that target would always run.
            Record(settings, result.ModelPath, result.MetricsJsonPath, simplificationRecord: null);
        }

        /// <summary>Channel pruning, weight pruning, quantization and 4-bit weights as one gated, cached run (<see cref="SimplificationPipeline"/>).</summary>
        private void Simplify(ModelSettings settings, string modelPath, List<string> calibration, List<string> validation)
        {
            var request = new SimplificationRequest
            {
                ModelPath = modelPath,
                CalibrationFiles = calibration,
                ValidationFiles = validation,
                Settings = SimplificationSettingsOf(settings),
                Gates = Gates(settings),
                Classifier = settings.Quantization.Classifier,
                CacheFolder = Path.GetFullPath(CacheFolder),
                Analysis = new AnalysisOptions
                {
                    PointerSize = settings.TargetPointerSize,
                    Kernels = settings.ArenaKernels == "cmsis-nn" ? KernelSet.CmsisNn : KernelSet.Reference,
                },
            };
            var result = SimplificationPipeline.Run(request, message => Log.LogMessage(MessageImportance.Normal, "McuAi: " + message));
            foreach (var d in result.Diagnostics) Log.LogCoreDiagnostic(d, modelPath);
            Record(settings, result.ModelPath ?? modelPath, result.QuantizationMetricsPath, result.RecordPath);
        }

        /// <summary>
        /// Records which model the sources come from and which metrics and simplification record go with it (each file
        /// rewritten only when its content changes, so generation reruns only when they really changed), then the stamp.
        /// </summary>
        private void Record(ModelSettings settings, string sourceModel, string? metricsPath, string? simplificationRecord)
        {
            StateFiles.WriteIfChanged(Model.GetMetadata("QuantizedRecordFile"), sourceModel + "\n");
            StateFiles.WriteIfChanged(Model.GetMetadata("ValidationRecordFile"), (metricsPath ?? "") + "\n");
            StateFiles.WriteIfChanged(Model.GetMetadata("SimplificationRecordFile"), (simplificationRecord ?? "") + "\n");
            StateFiles.Touch(Model.GetMetadata("QuantizeStampFile"), settings.Symbol + "\n");
            QuantizedModel = sourceModel;
        }

        /// <summary>The core's simplification settings from the parsed metadata (already checked, so the parsers cannot throw).</summary>
        internal static SimplificationSettings SimplificationSettingsOf(ModelSettings settings)
        {
            var s = settings.Simplify;
            return new SimplificationSettings
            {
                Channels = s.PrunesChannels
                    ? new ChannelPruningOptions
                    {
                        Ratio = s.PruneRatio,
                        MaxLayerRatio = s.PruneMaxLayerRatio,
                        Criterion = ChannelPruningOptions.ParseCriterion(s.PruneCriterion),
                        Multiple = s.PruneMultiple,
                        MinChannels = s.PruneMinChannels,
                    }
                    : null,
                Sparsity = s.WeightSparsity is double sparsity ? new WeightPruningOptions { Sparsity = sparsity, Block = s.SparsityBlock, Global = s.SparsityScope == "global" } : null,
                Quantization = settings.Quantizes ? ToOptions(settings) : null,
                WeightBits = SimplificationSettings.ParseWeightBits(s.WeightBits),
                Runtime = settings.Runtime,
            };
        }

        /// <summary>Full paths of one kind, without duplicates, in ordinal order: the order the CLI uses and the cache key hashes.</summary>
        private List<string> Files(string kind) =>
            DataFiles.Where(f => string.Equals(f.GetMetadata("Kind"), kind, StringComparison.Ordinal))
                .Select(f => f.GetMetadata("FullPath"))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();

        /// <summary>The core's options from the parsed metadata (already checked, so the parsers cannot throw).</summary>
        internal static QuantizationOptions ToOptions(ModelSettings settings)
        {
            var q = settings.Quantization;
            var options = new QuantizationOptions
            {
                Mode = QuantizationOptions.ParseMode(settings.Quantize),
                CalibrationMethod = QuantizationOptions.ParseMethod(q.CalibrationMethod),
                PerChannelFullyConnected = q.PerChannelFullyConnected,
                IoType = QuantizationOptions.ParseIoType(q.IoType),
                Names = SettingNames.ItemMetadata,
            };
            if (q.Percentile is double p) options.Percentile = p;
            return options;
        }
    }
}
