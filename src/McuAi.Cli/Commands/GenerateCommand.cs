using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using McuAi.Analysis;
using McuAi.CodeGen;
using McuAi.CodeGen.NanoFramework;
using McuAi.Diagnostics;
using McuAi.Memory;
using McuAi.Reports;
using McuAi.TfLite;

namespace McuAi.Cli.Commands
{
    /// <summary><c>mcuai generate MODEL --out DIR</c>: the C/C++ sources of one model, as the MSBuild SDK generates them.</summary>
    public sealed class GenerateCommand : ICliCommand
    {
        public Command Create()
        {
            var model = new Argument<FileInfo>("MODEL") { Description = "The .tflite model." };
            var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the generated files (created if missing).", Required = true };
            var symbol = new Option<string?>("--symbol") { Description = "C identifier that prefixes every name (default: the file name, sanitised)." };
            var ns = new Option<string?>("--namespace") { Description = "C++ namespace of the op resolver (a or a::b)." };
            var alignment = new Option<int>("--alignment") { Description = "Alignment of the model array and the arena (power of two, 8-65536).", DefaultValueFactory = _ => 16 };
            var section = new Option<string?>("--section") { Description = "Linker section of the model array (e.g. .extflash)." };
            var arenaSection = new Option<string?>("--arena-section") { Description = "Linker section of the tensor arena." };
            var pointerSize = new Option<int>("--pointer-size") { Description = "Pointer size of the target: 4 (32-bit MCU) or 8 (64-bit host).", DefaultValueFactory = _ => 4 };
            var kernels = new Option<string>("--kernels") { Description = "TFLM kernel set: reference or cmsis-nn.", DefaultValueFactory = _ => "reference" };
            kernels.AcceptOnlyFromAmong("reference", "cmsis-nn");
            var arenaMargin = new Option<double>("--arena-margin") { Description = "Safety margin added to the planned arena, in percent.", DefaultValueFactory = _ => ArenaSizing.DefaultMarginPercent };
            var arenaSize = new Option<string>("--arena-size") { Description = "auto (planned + margin) or a byte count.", DefaultValueFactory = _ => "auto" };
            var dataFormat = new Option<string>("--data-format") { Description = "string (fast to compile), array (any compiler) or incbin (GNU assembler).", DefaultValueFactory = _ => "string" };
            dataFormat.AcceptOnlyFromAmong("string", "array", "incbin");
            var strip = new Option<bool>("--strip") { Description = "Embed the model without metadata, unused buffers and unused op codes." };
            var report = new Option<bool>("--report") { Description = "Also write <symbol>_report.md, <symbol>_report.json and the arena timeline <symbol>_arena.svg into the output folder." };
            var templates = new Option<DirectoryInfo?>("--templates") { Description = "Folder of .scriban files that override the built-in templates file by file." };
            var runtime = new Option<string>("--runtime") { Description = "What runs the model: tflm (TensorFlow Lite Micro) or c (compiled to C99 by McuAi.Build, no TFLM).", DefaultValueFactory = _ => "tflm" };
            runtime.AcceptOnlyFromAmong("tflm", "c");
            var optimize = OptimizeOption();
            var selfTest = new Option<int>("--self-test") { Description = "Also write <symbol>_selftest.c/.h with N input vectors and the interpreter's outputs, and int <symbol>_selftest(void).", DefaultValueFactory = _ => 0 };
            var nano = new Option<bool>("--nanoframework") { Description = "Also generate the .NET nanoFramework interop: C# class, native stubs and nf-interpreter CMake module." };
            var nanoNamespace = new Option<string?>("--nf-namespace") { Description = "C# namespace of the nanoFramework class (default McuAi.Models)." };
            var nanoClass = new Option<string?>("--nf-class") { Description = "C# class name (default: the symbol in PascalCase)." };
            var nanoAssembly = new Option<string?>("--nf-assembly") { Description = "Interop assembly the class is compiled into (default: namespace.class)." };
            var nanoVersion = new Option<string?>("--nf-native-version") { Description = "Native assembly version (default 1.0.0.0)." };

            var command = new Command("generate", "Generate the C/C++ sources (model array, op resolver, settings, C API) for a model.")
            {
                model, output, symbol, ns, alignment, section, arenaSection, pointerSize, kernels, arenaMargin, arenaSize, dataFormat, templates, report, strip,
                runtime, optimize, selfTest,
                nano, nanoNamespace, nanoClass, nanoAssembly, nanoVersion,
            };
            command.SetAction(parse =>
            {
                var file = parse.GetValue(model)!;
                try
                {
                    var options = new GenerationOptions
                    {
                        Symbol = parse.GetValue(symbol) ?? CIdentifier.Sanitize(Path.GetFileNameWithoutExtension(file.Name)),
                        Namespace = parse.GetValue(ns),
                        Alignment = parse.GetValue(alignment),
                        Section = parse.GetValue(section),
                        ArenaSection = parse.GetValue(arenaSection),
                        TargetPointerSize = parse.GetValue(pointerSize),
                        ArenaKernels = parse.GetValue(kernels) == "cmsis-nn" ? KernelSet.CmsisNn : KernelSet.Reference,
                        ArenaSize = ParseArenaSize(parse.GetValue(arenaSize)!, file.FullName),
                        ArenaMarginPercent = parse.GetValue(arenaMargin),
                        DataFormat = parse.GetValue(dataFormat) switch { "array" => ModelDataFormat.Array, "incbin" => ModelDataFormat.Incbin, _ => ModelDataFormat.String },
                        TemplateDirectory = parse.GetValue(templates)?.FullName,
                        Strip = parse.GetValue(strip),
                        Runtime = parse.GetValue(runtime) == "c" ? ModelRuntime.C : ModelRuntime.Tflm,
                        Optimize = ParseOptimize(parse.GetValue(optimize)!, file.FullName),
                        SelfTest = parse.GetValue(selfTest),
                        NanoFramework = NanoFrameworkFlags(parse.GetValue(nano), parse.GetValue(nanoNamespace), parse.GetValue(nanoClass),
                            parse.GetValue(nanoAssembly), parse.GetValue(nanoVersion), file.FullName),
                    };
                    return Run(file.FullName, parse.GetValue(output)!.FullName, options, parse.GetValue(report));
                }
                catch (McuAiException e)
                {
                    Console.Error.WriteLine(e.ToString());
                    return 1;
                }
            });
            return command;
        }

        /// <summary>--optimize speed|size (generate and analyze): a string, so that another value is the coded MCUAI6004.</summary>
        internal static Option<string> OptimizeOption() => new("--optimize")
        {
            Description = "With --runtime c: speed (a pruned filter stored block-sparse only where it is not slower than dense) or size (block-sparse wherever it saves flash).",
            DefaultValueFactory = _ => "speed",
        };

        internal static McuAi.Compiler.CompileOptimization ParseOptimize(string text, string modelPath) =>
            McuAi.Compiler.CompileOptimizations.Parse(text.Trim())
            ?? throw new McuAiException(DiagnosticCodes.OptimizeInvalid, modelPath, $"--optimize '{text}' is not valid; use --optimize speed (the default) or --optimize size");

        private static int Run(string modelPath, string outputDir, GenerationOptions options, bool report)
        {
            // Parsing the built-in templates (and loading the template engine) overlaps reading the model.
            if (options.TemplateDirectory is null) _ = Task.Run(() => TemplateSet.BuiltIn.Precompile());
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(modelPath);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new McuAiException(DiagnosticCodes.ModelFileUnreadable, modelPath, $"cannot read the model: {e.Message}", e);
            }
            string? stripNote = null;
            if (options.Strip)
            {
                // The generator embeds the bytes it is given: strip (never into a larger model), then read back what will be embedded.
                var stripped = StrippedBytes.Of(bytes, modelPath);
                bytes = stripped.Bytes;
                stripNote = $"{options.Symbol}: --strip {stripped.Describe()}";
            }
            var model = ModelReader.Read(bytes, modelPath);
            var diagnostics = new List<Diagnostic>();
            var files = new List<GeneratedFile>(ModelCodeGenerator.Generate(model, bytes, options, modelPath, diagnostics));
            foreach (var d in diagnostics) Console.Error.WriteLine(d.ToString());
            if (report)
            {
                var analysis = new AnalysisOptions { PointerSize = options.TargetPointerSize, Kernels = options.ArenaKernels };
                files.AddRange(ReportWriter.Files(ModelReport.Create(model, bytes, modelPath, analysis), options.Symbol));
            }
            var written = OutputWriter.WriteAll(outputDir, files);
            if (stripNote is not null) Console.WriteLine(stripNote);
            Console.WriteLine($"{options.Symbol}: {files.Count} files in {outputDir} ({written.Count} written, {files.Count - written.Count} unchanged)");
            return 0;
        }

        /// <summary>The nanoFramework options, or null without --nanoframework (whose --nf-* flags are then an error).</summary>
        private static NanoFrameworkOptions? NanoFrameworkFlags(bool on, string? ns, string? cls, string? assembly, string? version, string file)
        {
            if (on) return new NanoFrameworkOptions { Namespace = ns, ClassName = cls, AssemblyName = assembly, NativeVersion = version };
            if (ns is not null || cls is not null || assembly is not null || version is not null)
                throw new McuAiException(DiagnosticCodes.NanoFrameworkInvalidName, file, "--nf-namespace, --nf-class, --nf-assembly and --nf-native-version need --nanoframework. Add --nanoframework or drop them.");
            return null;
        }

        private static long? ParseArenaSize(string text, string file)
        {
            if (string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase)) return null;
            if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long size)) return size;
            throw new McuAiException(DiagnosticCodes.InvalidArenaOption, file, $"--arena-size '{text}' is not 'auto' or a byte count.");
        }
    }
}
