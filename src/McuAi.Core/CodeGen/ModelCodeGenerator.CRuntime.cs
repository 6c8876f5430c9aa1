using System;
using System.Collections.Generic;
using McuAi.Compiler;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.CodeGen
{
    // The Runtime="c" half of the generator: the model compiled to C (McuAi.Compiler) instead of the TFLM sources.
    public static partial class ModelCodeGenerator
    {
        /// <summary>
        /// The per-model files of the C runtime known from the options alone. The kernel files (mcuai_*.c/.h)
        /// depend on the model's ops: they are in Generate's result, not in this prediction.
        /// </summary>
        private static IReadOnlyList<string> PredictCRuntimeOutputs(GenerationOptions options)
        {
            string s = options.Symbol;
            var files = new List<string> { s + "_model_settings.h", s + "_model.h", s + "_model.c" };
            if (options.SelfTest > 0) files.AddRange(SelfTestGenerator.FileNames(s));
            return files;
        }

        private static IReadOnlyList<GeneratedFile> GenerateCRuntime(Model model, ReadOnlyMemory<byte> modelBytes, GenerationOptions options, string? fileName,
            ICollection<Diagnostic> diagnostics, CompiledModel? precompiled, NanoFramework.NanoFrameworkOptions? nano)
        {
            var compiled = precompiled ?? CModelCompiler.Compile(model, options.Symbol, fileName, options.Optimize, options.Names);
            var templates = TemplateSet.Load(options.TemplateDirectory);
            var view = BuildView(model, modelBytes, options, fileName, diagnostics, compiled);
            string s = options.Symbol;
            var files = new List<GeneratedFile>
            {
                Text(s + "_model_settings.h", templates.Render("model_settings.h", view)),
                Text(s + "_model.h", templates.Render("model.h", view)),
                Text(s + "_model.c", templates.Render("model.c", view)),
            };
            files.AddRange(CRuntimeLibrary.FilesFor(compiled.Program.Kernels));
            if (options.SelfTest > 0)
                files.AddRange(SelfTestGenerator.Generate(model, s, SelfTestVectors.FromInterpreter(model, options.SelfTest, fileName, options.Names), templates, fileName));
            // The nanoFramework interop calls the same C API: it builds over either runtime.
            if (nano is not null) files.AddRange(GenerateNanoFramework(templates, view, nano));
            return files;
        }

        /// <summary>The .c files of a model compiled to C: its model (and self-test) source and the kernels it calls.</summary>
        private static IReadOnlyList<string> CRuntimeSources(CompiledModel compiled, GenerationOptions options)
        {
            var sources = new List<string> { options.Symbol + "_model.c" };
            if (options.SelfTest > 0) sources.Add(options.Symbol + "_selftest.c");
            foreach (var file in CRuntimeLibrary.FilesFor(compiled.Program.Kernels))
                if (file.RelativePath.EndsWith(".c", StringComparison.Ordinal)) sources.Add(file.RelativePath);
            return sources;
        }

        private static (long Size, long Planned, string Reason) CRuntimeArenaFigure(CompiledModel compiled)
        {
            var plan = compiled.Plan;
            string reason = $"the C runtime's RAM: {plan.ArenaBytes} bytes of activations and scratch" +
                (plan.StateBytes > 0 ? $" and {plan.StateBytes} bytes of state" : "") + ", planned exactly by McuAi.Build (no margin needed)";
            return (plan.TotalBytes, plan.TotalBytes, reason);
        }
    }
}
