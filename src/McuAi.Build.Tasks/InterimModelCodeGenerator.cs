using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using McuAi.CodeGen;
using McuAi.TfLite;
using Real = McuAi.CodeGen.ModelCodeGenerator;

namespace McuAi.Build.Tasks
{
    // TEMPORARY, until the code generator's bodies land on main: this class shadows
    // McuAi.CodeGen.ModelCodeGenerator (same name, nearer namespace). Each method calls the real generator
    // first and falls back to a minimal rendering only while the real one still throws
    // NotImplementedException, so once the generator lands the real one is used. Delete this file then.
    internal static class ModelCodeGenerator
    {
        public static IReadOnlyList<string> PredictOutputs(string symbol)
        {
            try { return Real.PredictOutputs(symbol); }
            catch (NotImplementedException) { return InterimPredictOutputs(symbol); }
        }

        public static IReadOnlyList<string> PredictCombinedOutputs() => new[] { "mcuai_models.cmake" };

        public static IReadOnlyList<GeneratedFile> Generate(Model model, ReadOnlyMemory<byte> modelBytes, GenerationOptions options, string? fileName)
        {
            try { return Real.Generate(model, modelBytes, options, fileName); }
            catch (NotImplementedException) { return InterimGenerate(model, modelBytes, options); }
        }

        public static IReadOnlyList<GeneratedFile> GenerateCombined(IReadOnlyList<(Model Model, GenerationOptions Options, string? FileName)> models)
        {
            try { return Real.GenerateCombined(models); }
            catch (NotImplementedException) { return InterimGenerateCombined(models); }
        }

        private static IReadOnlyList<string> InterimPredictOutputs(string symbol) =>
            new[] { symbol + "_model_data.h", symbol + "_model_data.cc", symbol + "_model_settings.h" };

        private static IReadOnlyList<GeneratedFile> InterimGenerate(Model model, ReadOnlyMemory<byte> modelBytes, GenerationOptions options)
        {
            string s = options.Symbol;
            var data = new StringBuilder();
            data.Append("#include \"").Append(s).Append("_model_data.h\"\n");
            data.Append("alignas(").Append(options.Alignment).Append(") const unsigned char g_").Append(s).Append("_model_data[] = {");
            var span = modelBytes.Span;
            for (int i = 0; i < span.Length; i++)
                data.Append(i % 16 == 0 ? "\n  " : "").Append(span[i].ToString(CultureInfo.InvariantCulture)).Append(',');
            data.Append("\n};\nconst unsigned int g_").Append(s).Append("_model_data_size = ").Append(span.Length).Append(";\n");
            string header = "#pragma once\n#ifdef __cplusplus\nextern \"C\" {\n#endif\nextern const unsigned char g_" + s +
                            "_model_data[];\nextern const unsigned int g_" + s + "_model_data_size;\n#ifdef __cplusplus\n}\n#endif\n";
            long arena = GenerationSettings.ReservedArena(McuAi.Memory.ArenaPlanner.Plan(model).ArenaBytes, options);
            string settings = "#pragma once\n#define " + s.ToUpperInvariant() + "_INPUT_COUNT " + model.MainSubgraph.Inputs.Length + "\nenum { " + s + "_tensor_arena_size = " + arena + " };\n";
            return new[]
            {
                new GeneratedFile(s + "_model_data.h", Encoding.UTF8.GetBytes(header)),
                new GeneratedFile(s + "_model_data.cc", Encoding.UTF8.GetBytes(data.ToString())),
                new GeneratedFile(s + "_model_settings.h", Encoding.UTF8.GetBytes(settings)),
            };
        }

        private static IReadOnlyList<GeneratedFile> InterimGenerateCombined(IReadOnlyList<(Model Model, GenerationOptions Options, string? FileName)> models)
        {
            var cmake = new StringBuilder("set(MCUAI_SOURCES\n");
            foreach (var m in models) cmake.Append("  ${CMAKE_CURRENT_LIST_DIR}/").Append(m.Options.Symbol).Append("_model_data.cc\n");
            cmake.Append(")\nset(MCUAI_INCLUDE_DIRS ${CMAKE_CURRENT_LIST_DIR})\n");
            return new[] { new GeneratedFile("mcuai_models.cmake", Encoding.UTF8.GetBytes(cmake.ToString())) };
        }
    }
}
