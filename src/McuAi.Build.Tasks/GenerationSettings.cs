using System;
using System.Linq;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.Memory;
using McuAi.Analysis;

namespace McuAi.Build.Tasks
{
    /// <summary>Turns the resolved item metadata into the core's options, and computes the facts of the summary.</summary>
    internal static class GenerationSettings
    {
        public static GenerationOptions ToOptions(ModelSettings s, string templateDirectory) => new()
        {
            Symbol = s.Symbol,
            Namespace = s.Namespace,
            Alignment = s.Alignment,
            Section = s.Section,
            Strip = s.Strip,
            TargetPointerSize = s.TargetPointerSize,
            ArenaKernels = s.ArenaKernels == "cmsis-nn" ? KernelSet.CmsisNn : KernelSet.Reference,
            ArenaSize = s.ArenaSize,
            ArenaMarginPercent = s.ArenaMarginPercent,
            TemplateDirectory = templateDirectory.Length == 0 ? null : templateDirectory,
            OutputDirectory = s.OutputDir,
            Names = SettingNames.ItemMetadata,
            ArenaSection = s.ArenaSection,
            NanoFramework = s.Nano?.ToOptions(),
            DataFormat = s.DataFormat switch
            {
                "array" => ModelDataFormat.Array,
                "incbin" => ModelDataFormat.Incbin,
                _ => ModelDataFormat.String,
            },
            Runtime = s.Runtime == "c" ? ModelRuntime.C : ModelRuntime.Tflm,
            SelfTest = s.SelfTest,
            Optimize = McuAi.Compiler.CompileOptimizations.Parse(s.Optimize) ?? McuAi.Compiler.CompileOptimization.Speed,
        };

        public static ModelSummary Summarize(ModelAnalysis analysis, GenerationOptions options, string modelFile) => new()
        {
            Symbol = options.Symbol,
            ModelFile = modelFile,
            Operators = analysis.Layers.Count,
            OpKinds = analysis.OpsUsed.Select(o => o.Op).OrderBy(n => n, StringComparer.Ordinal).ToArray(),
            FlashBytes = analysis.FlashBytes,
            ArenaBytes = ReservedArena(analysis.ArenaBytes, options),
        };

        /// <summary>The summary of a model compiled to C: its constant data in flash and its exact RAM (no margin needed).</summary>
        public static ModelSummary Summarize(ModelAnalysis analysis, McuAi.Compiler.CompiledModel compiled, GenerationOptions options, string modelFile)
        {
            var summary = Summarize(analysis, options, modelFile);
            summary.FlashBytes = compiled.WeightBytes + compiled.ParameterBytes;
            summary.ArenaBytes = compiled.RamBytes;
            summary.Runtime = "c";
            return summary;
        }

        /// <summary>The arena the firmware reserves: an explicit ArenaSize, or the plan plus the margin (rounded as the planner does).</summary>
        public static long ReservedArena(long plannedBytes, GenerationOptions options) =>
            options.ArenaSize ?? ArenaSizing.ApplyMargin(plannedBytes, options.ArenaMarginPercent);
    }
}
