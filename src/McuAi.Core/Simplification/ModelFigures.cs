using McuAi.Analysis;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>What a model costs on the device: flash (the model array), its weights, RAM (the planned TFLM arena) and MACs per inference.</summary>
    public sealed record ModelFigures(long FlashBytes, long WeightBytes, long ArenaBytes, long Macs)
    {
        /// <param name="fileName">The model's file, named by any diagnostic (a step's output is refused in its words).</param>
        public static ModelFigures Of(Model model, long fileBytes, AnalysisOptions options, string? fileName)
        {
            var analysis = ModelAnalyzer.Analyze(model,
                new AnalysisOptions { PointerSize = options.PointerSize, Kernels = options.Kernels, ModelSizeBytes = fileBytes }, fileName);
            return new ModelFigures(fileBytes, analysis.WeightBytes, analysis.ArenaBytes, analysis.TotalMacs);
        }
    }
}
