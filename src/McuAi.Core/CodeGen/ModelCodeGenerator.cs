using System;
using System.Collections.Generic;
using McuAi.TfLite;

namespace McuAi.CodeGen
{
    /// <summary>
    /// Renders the C/C++ sources for models. API contract for the MSBuild tasks and `mcuai generate`;
    /// the code-generation work fills in the bodies.
    /// </summary>
    public static class ModelCodeGenerator
    {
        /// <summary>The files that <see cref="Generate"/> will produce for a symbol, known before generating (for MSBuild's incremental checks).</summary>
        public static IReadOnlyList<string> PredictOutputs(string symbol) => throw new NotImplementedException();

        /// <summary>The sources for one model. <paramref name="modelBytes"/> are the file's bytes (embedded as the model array).</summary>
        public static IReadOnlyList<GeneratedFile> Generate(Model model, ReadOnlyMemory<byte> modelBytes, GenerationOptions options, string? fileName) =>
            throw new NotImplementedException();

        /// <summary>Files shared by several models of one project: the combined resolver, the arena constants (sequential = largest, concurrent = sum) and mcuai_models.cmake.</summary>
        public static IReadOnlyList<GeneratedFile> GenerateCombined(IReadOnlyList<(Model Model, GenerationOptions Options, string? FileName)> models) =>
            throw new NotImplementedException();
    }
}
