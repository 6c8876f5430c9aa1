using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using McuAi.Analysis;
using McuAi.CodeGen.NanoFramework;
using McuAi.CodeGen.Views;
using McuAi.Diagnostics;
using McuAi.Memory;
using McuAi.TfLite;

namespace McuAi.CodeGen
{
    /// <summary>
    /// Renders the C/C++ sources for models through the Scriban templates of a <see cref="TemplateSet"/>.
    /// Output depends only on the model, its bytes, the options and the templates: no timestamps, no
    /// folders (only the model's file name appears), '\n' newlines, invariant culture.
    /// </summary>
    public static partial class ModelCodeGenerator
    {
        /// <summary>Names of the project-wide files of <see cref="GenerateCombined(IReadOnlyList{ValueTuple{Model, GenerationOptions, string}})"/>.</summary>
        public const string CombinedResolverHeader = "mcuai_op_resolver.h";
        public const string CombinedModelsHeader = "mcuai_models.h";
        public const string CMakeFile = "mcuai_models.cmake";

        // Control characters never survive CText escaping, so no model string can imitate the placeholder.
        private const string DataPlaceholder = "\u0001MCUAI_MODEL_DATA\u0001";
        private static readonly UTF8Encoding s_utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        /// <summary>The files that <see cref="Generate(Model, ReadOnlyMemory{byte}, GenerationOptions, string)"/> will produce for a symbol with the default data format, known before generating (for MSBuild's incremental checks).</summary>
        public static IReadOnlyList<string> PredictOutputs(string symbol) => PredictOutputs(new GenerationOptions { Symbol = symbol });

        /// <summary>The files that Generate will produce with these options (the .incbin form adds a copy of the model).</summary>
        public static IReadOnlyList<string> PredictOutputs(GenerationOptions options)
        {
            string s = options.Symbol;
            if (options.Runtime == ModelRuntime.C) return PredictCRuntimeOutputs(options);
            var files = new List<string>
            {
                s + "_model_data.h", s + "_model_data.cc", s + "_op_resolver.h", s + "_model_settings.h", s + "_model.h", s + "_model.cc",
            };
            if (options.DataFormat == ModelDataFormat.Incbin) files.Add(IncbinFileName(s));
            if (options.SelfTest > 0) files.AddRange(SelfTestGenerator.FileNames(s));
            if (options.NanoFramework is not null) files.AddRange(NanoFrameworkOptions.OutputFiles(options.NanoFramework.Resolve(s).AssemblyName!));
            return files;
        }

        /// <summary>The files that GenerateCombined produces.</summary>
        public static IReadOnlyList<string> PredictCombinedOutputs() => new[] { CombinedResolverHeader, CombinedModelsHeader, CMakeFile };

        /// <summary>The sources for one model. <paramref name="modelBytes"/> are the file's bytes (embedded as the model array).</summary>
        public static IReadOnlyList<GeneratedFile> Generate(Model model, ReadOnlyMemory<byte> modelBytes, GenerationOptions options, string? fileName) =>
            Generate(model, modelBytes, options, fileName, new List<Diagnostic>());

        /// <summary>
        /// The sources for one model; warnings (such as a custom op that needs a user hook) are added to
        /// <paramref name="diagnostics"/>; errors throw <see cref="McuAiException"/> naming <paramref name="fileName"/>.
        /// </summary>
        public static IReadOnlyList<GeneratedFile> Generate(Model model, ReadOnlyMemory<byte> modelBytes, GenerationOptions options, string? fileName,
            ICollection<Diagnostic> diagnostics) =>
            Generate(model, modelBytes, options, fileName, diagnostics, null);

        /// <summary>
        /// The sources for one model; with Runtime="c", <paramref name="compiled"/> is the model already compiled by
        /// <see cref="Compiler.CModelCompiler"/> (a caller that reports on it does not compile twice), or null.
        /// </summary>
        public static IReadOnlyList<GeneratedFile> Generate(Model model, ReadOnlyMemory<byte> modelBytes, GenerationOptions options, string? fileName,
            ICollection<Diagnostic> diagnostics, Compiler.CompiledModel? compiled)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (options is null) throw new ArgumentNullException(nameof(options));
            OptionsValidator.Validate(options, fileName);
            var nano = options.NanoFramework?.Resolve(options.Symbol);
            if (nano is not null) NanoInteropBuilder.Validate(nano, options.DataFormat, fileName);
            if (options.Runtime == ModelRuntime.C) return GenerateCRuntime(model, modelBytes, options, fileName, diagnostics, compiled, nano);
            // The model array's length takes a pass over a large model's bytes: count it while the view is built.
            var format = options.DataFormat;
            var dataLength = format == ModelDataFormat.Incbin ? null : Task.Run(() => ModelDataEncoder.EncodedLength(modelBytes.Span, format));
            var templates = TemplateSet.Load(options.TemplateDirectory);
            var view = BuildView(model, modelBytes, options, fileName, diagnostics);
            string s = options.Symbol;

            var files = new List<GeneratedFile>
            {
                Text(s + "_model_data.h", templates.Render("model_data.h", view)),
                WithData(s + "_model_data.cc", templates.Render("model_data.cc", view), modelBytes, format, dataLength),
                Text(s + "_op_resolver.h", templates.Render("op_resolver.h", view)),
                Text(s + "_model_settings.h", templates.Render("model_settings.h", view)),
                Text(s + "_model.h", templates.Render("model.h", view)),
                Text(s + "_model.cc", templates.Render("model.cc", view)),
            };
            if (options.DataFormat == ModelDataFormat.Incbin) files.Add(new GeneratedFile(IncbinFileName(s), modelBytes.Length, stream => WriteBytes(stream, modelBytes)));
            if (options.SelfTest > 0)
                files.AddRange(SelfTestGenerator.Generate(model, s, SelfTestVectors.FromInterpreter(model, options.SelfTest, fileName, options.Names), templates, fileName));
            if (nano is not null) files.AddRange(GenerateNanoFramework(templates, view, nano));
            return files;
        }

        /// <summary>The .NET nanoFramework interop of one model: the C# class, the native header, lookup table and marshalling, the CMake module.</summary>
        private static IEnumerable<GeneratedFile> GenerateNanoFramework(TemplateSet templates, ModelView view, NanoFrameworkOptions resolved)
        {
            var nanoView = NanoInteropBuilder.Build(view, resolved);
            var names = NanoFrameworkOptions.OutputFiles(resolved.AssemblyName!);
            for (int i = 0; i < names.Length; i++)
                yield return Text(names[i], templates.Render(TemplateSet.NanoFrameworkTemplateNames[i], nanoView));
        }

        /// <summary>Files shared by several models of one project: the combined resolver, the arena constants (sequential = largest, concurrent = sum) and mcuai_models.cmake.</summary>
        public static IReadOnlyList<GeneratedFile> GenerateCombined(IReadOnlyList<(Model Model, GenerationOptions Options, string? FileName)> models) =>
            GenerateCombined(models, new List<Diagnostic>());

        /// <summary>
        /// The project-wide files; warnings about the combination go to <paramref name="diagnostics"/> (none today: each
        /// model's warnings come from its own <see cref="Generate(Model, ReadOnlyMemory{byte}, GenerationOptions, string?, ICollection{Diagnostic})"/>
        /// and are not repeated here). The templates are those of the first model's options. mcuai_models.cmake names
        /// each model's files in its <see cref="GenerationOptions.OutputDirectory"/>, relative to
        /// <paramref name="combinedDirectory"/> (where the combined files go); without it, beside the combined files.
        /// </summary>
        public static IReadOnlyList<GeneratedFile> GenerateCombined(IReadOnlyList<(Model Model, GenerationOptions Options, string? FileName)> models,
            ICollection<Diagnostic> diagnostics, string? combinedDirectory = null)
        {
            if (models is null) throw new ArgumentNullException(nameof(models));
            // Include guards are the symbol in upper case: symbols that differ only in case clash too.
            var seen = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (_, options, file) in models)
            {
                OptionsValidator.Validate(options, file);
                if (seen.TryGetValue(options.Symbol, out string? other))
                    throw new McuAiException(DiagnosticCodes.CombinedSymbolClash, file,
                        $"the symbol '{options.Symbol}' is also used by {other ?? "another model"}. Give each model its own symbol.");
                seen[options.Symbol] = file;
            }

            var plans = new List<IReadOnlyList<OpRegistration>>();
            var entries = new List<CombinedModelView>();
            long sequential = 0, concurrent = 0;
            int alignment = 16;
            long cRuntimeRam = 0;
            foreach (var (model, options, file) in models)
            {
                plans.Add(ResolverPlan.For(model, file, new List<Diagnostic>()));
                // A model compiled to C owns its static buffer: it is always allocated, so it adds to both figures.
                var compiled = options.Runtime == ModelRuntime.C ? Compiler.CModelCompiler.Compile(model, options.Symbol, file, options.Optimize, options.Names) : null;
                long arena = compiled?.RamBytes ?? ArenaFigure(model, options, file, new List<Diagnostic>()).Size;
                alignment = Math.Max(alignment, options.Alignment);
                if (compiled is null) sequential = Math.Max(sequential, arena);
                else cRuntimeRam += AlignUp(arena, options.Alignment);
                concurrent += AlignUp(arena, options.Alignment);
                entries.Add(new CombinedModelView
                {
                    Symbol = options.Symbol,
                    SourceComment = CText.Comment(SafeFileName(file)),
                    ArenaSize = arena,
                    Folder = CMakePaths.Folder(combinedDirectory, options.OutputDirectory),
                    DataSources = compiled is null ? new[] { options.Symbol + "_model_data.cc" } : new string[0],
                    // A TFLM model's self-test calls its C API over TFLM, so it needs TFLM too.
                    TflmSources = compiled is not null ? new string[0]
                        : options.SelfTest > 0 ? new[] { options.Symbol + "_model.cc", options.Symbol + "_selftest.c" } : new[] { options.Symbol + "_model.cc" },
                    IsCRuntime = compiled is not null,
                    CSources = compiled is null ? new string[0] : CRuntimeSources(compiled, options),
                });
            }
            sequential += cRuntimeRam;
            var ops = ResolverPlan.Union(plans).Select(r => new OpView(r, "mcuai")).ToList();
            var view = new CombinedView
            {
                Banner = "generated by McuAi.Build from " + string.Join(", ", entries.Select(e => e.SourceComment)) + ", do not edit",
                Models = entries,
                Ops = ops,
                Hooks = ops.Where(o => o.IsHook).ToList(),
                ArenaSizeSequential = sequential,
                ArenaSizeConcurrent = concurrent,
                Alignment = alignment,
                AnyIncbin = models.Any(m => m.Options.DataFormat == ModelDataFormat.Incbin && m.Options.Runtime == ModelRuntime.Tflm),
                // Kernels shared by models of one folder are listed once.
                CSources = entries.SelectMany(e => e.CSources.Select(f => e.Folder + "/" + f)).Distinct(StringComparer.Ordinal).ToList(),
                IncludeDirs = new[] { CMakePaths.ListDir }.Concat(entries.Select(e => e.Folder)).Distinct(StringComparer.Ordinal).ToList(),
                IncbinDirs = entries.Where((e, i) => models[i].Options.DataFormat == ModelDataFormat.Incbin && !e.IsCRuntime).Select(e => e.Folder).Distinct(StringComparer.Ordinal).ToList(),
                TflmCommit = TflmOps.TflmCommit,
            };
            var templates = TemplateSet.Load(models.Count > 0 ? models[0].Options.TemplateDirectory : null);
            return new[]
            {
                Text(CombinedResolverHeader, templates.Render("mcuai_op_resolver.h", view)),
                Text(CombinedModelsHeader, templates.Render("mcuai_models.h", view)),
                Text(CMakeFile, templates.Render("mcuai_models.cmake", view)),
            };
        }

        /// <summary>The view model the per-model templates render (exposed for custom tooling and tests).</summary>
        public static ModelView BuildView(Model model, ReadOnlyMemory<byte> modelBytes, GenerationOptions options, string? fileName,
            ICollection<Diagnostic> diagnostics) =>
            BuildView(model, modelBytes, options, fileName, diagnostics,
                options.Runtime == ModelRuntime.C ? Compiler.CModelCompiler.Compile(model, options.Symbol, fileName, options.Optimize, options.Names) : null);

        private static ModelView BuildView(Model model, ReadOnlyMemory<byte> modelBytes, GenerationOptions options, string? fileName,
            ICollection<Diagnostic> diagnostics, Compiler.CompiledModel? compiled)
        {
            string s = options.Symbol;
            var ops = ResolverPlan.For(model, fileName, diagnostics).Select(r => new OpView(r, s)).ToList();
            var arena = compiled is null ? ArenaFigure(model, options, fileName, diagnostics) : CRuntimeArenaFigure(compiled);
            string source = SafeFileName(fileName);
            string dataName = "g_" + s + "_model_data";
            return new ModelView
            {
                Symbol = s,
                Guard = s.ToUpperInvariant(),
                Namespace = string.IsNullOrEmpty(options.Namespace) ? null : options.Namespace,
                Banner = "generated by McuAi.Build from " + CText.Comment(source) + ", do not edit",
                SourceComment = CText.Comment(source),
                DescriptionComment = CText.Comment(model.Description),
                TflmCommit = TflmOps.TflmCommit,
                Alignment = options.Alignment,
                DataSectionAttribute = SectionAttribute(options.Section),
                DataSectionName = string.IsNullOrEmpty(options.Section) ? ".rodata." + dataName : options.Section!,
                DataLength = compiled is null ? modelBytes.Length : compiled.WeightBytes + compiled.ParameterBytes,
                DataArrayLength = options.DataFormat == ModelDataFormat.String ? ModelDataEncoder.StringArrayLength(modelBytes.Span) : modelBytes.Length,
                Data = DataPlaceholder,
                IsStringData = options.DataFormat == ModelDataFormat.String,
                IsArrayData = options.DataFormat == ModelDataFormat.Array,
                IsIncbin = options.DataFormat == ModelDataFormat.Incbin,
                IncbinFile = IncbinFileName(s),
                Inputs = TensorView.List(model, s, "input", model.MainSubgraph.Inputs),
                Outputs = TensorView.List(model, s, "output", model.MainSubgraph.Outputs),
                OperatorCount = model.MainSubgraph.Operators.Count,
                Macs = model.MainSubgraph.Operators.Sum(op => Analysis.MacCounter.Count(model, model.MainSubgraph, op)),
                Ops = ops,
                Hooks = ops.Where(o => o.IsHook).ToList(),
                ArenaSize = arena.Size,
                ArenaPlannedBytes = arena.Planned,
                ArenaReason = arena.Reason,
                ArenaSectionAttribute = SectionAttribute(options.ArenaSection),
                IsCRuntime = compiled is not null,
                ModelSources = compiled is null ? new[] { s + "_model_data.cc", s + "_model.cc" } : CRuntimeSources(compiled, options),
                C = compiled is null ? null : Compiler.CEmitter.Emit(compiled.Program, compiled.Plan, options.Alignment, options.ArenaSection, options.Section),
            };
        }

        private static (long Size, long Planned, string Reason) ArenaFigure(Model model, GenerationOptions options, string? file, ICollection<Diagnostic> diagnostics)
        {
            var plan = ArenaPlanner.Plan(model, new ArenaOptions { PointerSize = options.TargetPointerSize, Kernels = options.ArenaKernels }, file);
            long planned = plan.ArenaBytes;
            string target = $"{options.TargetPointerSize * 8}-bit target, {ArenaOptions.KernelsName(options.ArenaKernels)} kernels";
            if (options.ArenaSize is long explicitSize)
            {
                if (explicitSize < planned)
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.ArenaSizeBelowPlan, DiagnosticSeverity.Warning,
                        $"the arena size {explicitSize} is smaller than the {planned} bytes planned for a {target}; AllocateTensors() will probably fail. " +
                        $"Set {options.Names.Assign(Setting.ArenaSize, "auto")} or at least {planned}.",
                        file));
                return (explicitSize, planned, $"set explicitly ({planned} bytes planned for a {target})");
            }
            long withMargin = ArenaSizing.ApplyMargin(planned, options.ArenaMarginPercent);
            string margin = options.ArenaMarginPercent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
            return (withMargin, planned, $"{planned} bytes planned for a {target}, plus {margin}% margin, rounded up to 16");
        }

        private static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;

        private static string SectionAttribute(string? section) =>
            string.IsNullOrEmpty(section) ? "" : " __attribute__((section(\"" + section + "\")))";

        private static string SafeFileName(string? fileName) => string.IsNullOrEmpty(fileName) ? "an in-memory model" : Path.GetFileName(fileName);

        private static string IncbinFileName(string symbol) => symbol + "_model_data.tflite";

        private static void WriteBytes(System.IO.Stream stream, ReadOnlyMemory<byte> bytes)
        {
            if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out ArraySegment<byte> segment)) stream.Write(segment.Array!, segment.Offset, segment.Count);
            else stream.Write(bytes.ToArray(), 0, bytes.Length);
        }

        private static GeneratedFile Text(string name, string text) => new GeneratedFile(name, s_utf8.GetBytes(text));

        /// <summary>Splices the encoded model bytes into the rendered text at the placeholder (the bytes never become a string).</summary>
        private static GeneratedFile WithData(string name, string text, ReadOnlyMemory<byte> modelBytes, ModelDataFormat format, Task<long>? dataLength)
        {
            int at = text.IndexOf(DataPlaceholder, StringComparison.Ordinal);
            if (at < 0 || dataLength is null) return Text(name, text.Replace(DataPlaceholder, ""));
            byte[] head = s_utf8.GetBytes(text.Substring(0, at));
            byte[] tail = s_utf8.GetBytes(text.Substring(at + DataPlaceholder.Length).Replace(DataPlaceholder, ""));
            return ModelDataEncoder.EncodeFile(name, modelBytes, format, head, tail, dataLength.GetAwaiter().GetResult());
        }
    }
}
