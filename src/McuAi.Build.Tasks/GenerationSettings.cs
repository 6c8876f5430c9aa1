using System;
using System.Linq;
using McuAi.CodeGen;
using McuAi.Memory;
using McuAi.TfLite;

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
        };

        public static ModelSummary Summarize(Model model, long modelBytes, GenerationOptions options, string modelFile)
        {
            var graph = model.MainSubgraph;
            var kinds = graph.Operators.Select(op => model.CodeOf(op).DisplayName).Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.Ordinal).ToArray();
            return new ModelSummary
            {
                Symbol = options.Symbol,
                ModelFile = modelFile,
                Operators = graph.Operators.Count,
                OpKinds = kinds,
                FlashBytes = modelBytes,
                ArenaBytes = ArenaBytes(model, options),
            };
        }

        /// <summary>The arena the firmware reserves: an explicit ArenaSize, or the plan plus the margin, rounded up to the alignment.</summary>
        public static long ArenaBytes(Model model, GenerationOptions options)
        {
            if (options.ArenaSize is long explicitSize) return explicitSize;
            var plan = ArenaPlanner.Plan(model, new ArenaOptions { PointerSize = options.TargetPointerSize, Kernels = options.ArenaKernels });
            long withMargin = (long)Math.Ceiling(plan.ArenaBytes * (1 + options.ArenaMarginPercent / 100.0));
            long alignment = Math.Max(1, options.Alignment);
            return (withMargin + alignment - 1) / alignment * alignment;
        }
    }
}
