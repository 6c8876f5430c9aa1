using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using McuAi.Diagnostics;
using Microsoft.Build.Framework;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// The metadata of one McuAiModel item, parsed and checked. Kept free of McuAi.Core types so that the
    /// always-running prepare step does not load the core assembly.
    /// </summary>
    internal sealed class ModelSettings
    {
        /// <summary>The metadata names this item understands (the XAML rule and docs list the same).</summary>
        public static readonly string[] MetadataNames =
        {
            "Symbol", "Namespace", "OutputDir", "Alignment", "Section", "Strip", "TargetPointerSize",
            "ArenaSize", "ArenaMargin", "ArenaKernels", "ArenaSection", "DataFormat", "Quantize",
            "Calibration", "CalibrationMethod", "Percentile", "PerChannelFullyConnected", "IoType", "Validation",
            "MinCosine", "MaxL2Error", "MinTop1Agreement", "Classifier", "Runtime", "Optimize", "SelfTest", "Prune", "PruneRatio", "PruneMaxLayerRatio",
            "PruneCriterion", "PruneMultiple", "PruneMinChannels", "WeightSparsity", "SparsityBlock", "SparsityScope", "WeightBits",
            "NanoFramework", "NanoFrameworkNamespace", "NanoFrameworkClass", "NanoFrameworkAssembly", "NanoFrameworkNativeVersion",
        };

        public string ModelPath { get; private set; } = "";
        public string Symbol { get; private set; } = "";
        public string? Namespace { get; private set; }
        /// <summary>Full path, ending with a directory separator.</summary>
        public string OutputDir { get; private set; } = "";
        public int Alignment { get; private set; } = 16;
        public string? Section { get; private set; }
        public bool Strip { get; private set; }
        public int TargetPointerSize { get; private set; } = 4;
        /// <summary>Null means "auto": the planner's estimate plus the margin.</summary>
        public long? ArenaSize { get; private set; }
        public double ArenaMarginPercent { get; private set; } = McuAi.Memory.ArenaSizing.DefaultMarginPercent;
        /// <summary>"reference" or "cmsis-nn".</summary>
        public string ArenaKernels { get; private set; } = "reference";
        /// <summary>"none", "int8" or "int16x8".</summary>
        public string Quantize { get; private set; } = "none";
        public bool Quantizes => Quantize != "none";
        /// <summary>The quantization metadata (Calibration, CalibrationMethod, gates ...), checked and normalised.</summary>
        public QuantizeSettings Quantization { get; private set; } = new();
        /// <summary>The model-simplification metadata (Prune, WeightSparsity, WeightBits ...), checked and normalised.</summary>
        public SimplifySettings Simplify { get; private set; } = new();
        /// <summary>Channel pruning, weight pruning or 4-bit weights: the model goes through the simplification pipeline.</summary>
        public bool Simplifies => Simplify.Any;
        /// <summary>Quantization or simplification: the model has calibration/validation data and a quantize step in the build.</summary>
        public bool Transforms => Quantizes || Simplifies;
        /// <summary>Optional linker section for the tensor arena.</summary>
        public string? ArenaSection { get; private set; }
        /// <summary>"string" (fast to compile), "array" (any compiler) or "incbin" (GNU assembler).</summary>
        public string DataFormat { get; private set; } = "string";
        /// <summary>"tflm" (TensorFlow Lite Micro) or "c" (the model compiled to C by McuAi.Build).</summary>
        public string Runtime { get; private set; } = "tflm";
        /// <summary>"speed" (default) or "size": what the C backend favours where a layer has two forms.</summary>
        public string Optimize { get; private set; } = "speed";
        /// <summary>Self-test vectors to generate (0 = none; SelfTest="true" = 3).</summary>
        public int SelfTest { get; private set; }
        /// <summary>The .NET nanoFramework interop (NanoFramework="true"), or null.</summary>
        public NanoSettings? Nano { get; private set; }

        /// <summary>
        /// Reads the metadata of <paramref name="item"/>. Problems are added to <paramref name="errors"/> as
        /// (code, message); the returned settings then hold defaults for the bad values.
        /// </summary>
        public static ModelSettings Parse(ITaskItem item, string projectDirectory, string defaultOutputDir, List<(string Code, string Message)> errors)
        {
            string modelPath = item.GetMetadata("FullPath");
            string name = item.ItemSpec;
            var s = new ModelSettings { ModelPath = modelPath };

            string symbol = item.GetMetadata("Symbol").Trim();
            if (symbol.Length == 0)
                s.Symbol = CIdentifier.FromFileName(Path.GetFileNameWithoutExtension(modelPath));
            else if (CIdentifier.IsValid(symbol))
                s.Symbol = symbol;
            else
            {
                errors.Add((DiagnosticCodes.InvalidSymbol,
                    $"McuAiModel '{name}': Symbol='{symbol}' is not a C identifier. Use letters, digits and '_', not starting with a digit, and not a C/C++ keyword."));
                s.Symbol = CIdentifier.FromFileName(symbol);
            }

            string ns = item.GetMetadata("Namespace").Trim();
            if (ns.Length > 0 && !CIdentifier.IsValidNamespace(ns))
                errors.Add(Bad(DiagnosticCodes.InvalidNamespace, name, "Namespace", ns, "a C++ namespace such as 'models' or 'app::models'"));
            else if (ns.Length > 0) s.Namespace = ns;

            string outputDir = item.GetMetadata("OutputDir").Trim();
            if (outputDir.Length == 0) outputDir = defaultOutputDir;
            s.OutputDir = EnsureTrailingSeparator(Path.GetFullPath(Path.Combine(projectDirectory, outputDir)));

            s.Alignment = ParseInt(item, name, "Alignment", 16, v => v >= 8 && v <= 65536 && (v & (v - 1)) == 0,
                DiagnosticCodes.InvalidAlignment, "a power of two from 8 to 65536, such as 16 (TFLM needs 16 for the arena)", errors);

            string section = item.GetMetadata("Section").Trim();
            if (section.Length > 0 && !IsSectionName(section))
                errors.Add(Bad(DiagnosticCodes.InvalidSection, name, "Section", section, "a linker section name made of letters, digits, '_', '.' and '$', such as '.extflash'"));
            else if (section.Length > 0) s.Section = section;

            s.Strip = ParseBool(item, name, "Strip", errors);
            s.TargetPointerSize = ParseInt(item, name, "TargetPointerSize", 4, v => v == 4 || v == 8,
                DiagnosticCodes.InvalidArenaOption, "4 for a 32-bit microcontroller or 8 for a 64-bit host", errors);

            string arena = item.GetMetadata("ArenaSize").Trim();
            if (arena.Length > 0 && !arena.Equals("auto", StringComparison.OrdinalIgnoreCase))
            {
                if (long.TryParse(arena, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) && bytes > 0 && bytes <= int.MaxValue)
                    s.ArenaSize = bytes;
                else
                    errors.Add(Bad(DiagnosticCodes.InvalidArenaOption, name, "ArenaSize", arena, "'auto' or a positive number of bytes"));
            }

            string margin = item.GetMetadata("ArenaMargin").Trim();
            if (margin.Length > 0)
            {
                if (double.TryParse(margin, NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) && percent >= 0 && percent <= 1000)
                    s.ArenaMarginPercent = percent;
                else
                    errors.Add(Bad(DiagnosticCodes.InvalidArenaOption, name, "ArenaMargin", margin, "a percentage from 0 to 1000, such as 5"));
            }

            string arenaSection = item.GetMetadata("ArenaSection").Trim();
            if (arenaSection.Length > 0 && !IsSectionName(arenaSection))
                errors.Add(Bad(DiagnosticCodes.InvalidSection, name, "ArenaSection", arenaSection, "a linker section name made of letters, digits, '_', '.' and '$', such as '.sram2'"));
            else if (arenaSection.Length > 0) s.ArenaSection = arenaSection;

            string format = item.GetMetadata("DataFormat").Trim().ToLowerInvariant();
            if (format.Length == 0 || format == "string" || format == "array" || format == "incbin") s.DataFormat = format.Length == 0 ? "string" : format;
            else errors.Add(Bad(DiagnosticCodes.InvalidItemMetadata, name, "DataFormat", format, "'string' (fast to compile), 'array' (any compiler) or 'incbin' (GNU assembler)"));

            string kernels = item.GetMetadata("ArenaKernels").Trim().ToLowerInvariant();
            if (kernels.Length == 0 || kernels == "reference") s.ArenaKernels = "reference";
            else if (kernels == "cmsis-nn" || kernels == "cmsisnn") s.ArenaKernels = "cmsis-nn";
            else errors.Add(Bad(DiagnosticCodes.InvalidItemMetadata, name, "ArenaKernels", kernels, "'reference' or 'cmsis-nn'"));

            string quantize = item.GetMetadata("Quantize").Trim().ToLowerInvariant();
            if (quantize.Length == 0 || quantize == "none" || quantize == "int8" || quantize == "int16x8")
                s.Quantize = quantize.Length == 0 ? "none" : quantize;
            else if (quantize == "dynamic")
                // Refused here, before any work: quantizing would succeed (MCUAI3021) and generation then fail (MCUAI1001).
                errors.Add((DiagnosticCodes.InvalidItemMetadata,
                    $"McuAiModel '{name}': Quantize='dynamic' makes a hybrid model (int8 weights, float activations), which TensorFlow Lite Micro cannot run. " +
                    "Use Quantize=\"int8\" (or \"int16x8\") with Calibration data; `mcuai quantize --mode dynamic` still makes hybrid models for other runtimes."));
            else errors.Add(Bad(DiagnosticCodes.InvalidItemMetadata, name, "Quantize", quantize, "'none', 'int8' or 'int16x8'"));
            s.Simplify = SimplifySettings.Parse(item, name, errors);
            if (s.Transforms) s.Quantization = QuantizeSettings.Parse(item, name, s.Quantize, errors);

            string runtime = item.GetMetadata("Runtime").Trim().ToLowerInvariant();
            if (runtime.Length == 0 || runtime == "tflm" || runtime == "c") s.Runtime = runtime.Length == 0 ? "tflm" : runtime;
            else errors.Add(Bad(DiagnosticCodes.InvalidItemMetadata, name, "Runtime", runtime, "'tflm' (TensorFlow Lite Micro) or 'c' (the model compiled to C99, no TFLM)"));

            string optimize = item.GetMetadata("Optimize").Trim().ToLowerInvariant();
            if (optimize.Length == 0 || McuAi.Compiler.CompileOptimizations.Parse(optimize) is not null) s.Optimize = optimize.Length == 0 ? "speed" : optimize;
            else errors.Add(Bad(DiagnosticCodes.OptimizeInvalid, name, "Optimize", optimize,
                "'speed' (the C backend takes a pruned filter's block-sparse form only where it is not slower) or 'size' (wherever it saves flash)"));

            string selfTest = item.GetMetadata("SelfTest").Trim();
            if (selfTest.Length == 0 || selfTest.Equals("false", StringComparison.OrdinalIgnoreCase)) s.SelfTest = 0;
            else if (selfTest.Equals("true", StringComparison.OrdinalIgnoreCase)) s.SelfTest = McuAi.CodeGen.OptionsValidator.DefaultSelfTestVectors;
            else if (int.TryParse(selfTest, NumberStyles.None, CultureInfo.InvariantCulture, out int vectors) && vectors <= McuAi.CodeGen.OptionsValidator.MaxSelfTestVectors)
                s.SelfTest = vectors;
            else errors.Add(Bad(DiagnosticCodes.SelfTestInvalid, name, "SelfTest", selfTest,
                $"'true' ({McuAi.CodeGen.OptionsValidator.DefaultSelfTestVectors} vectors), 'false', or a vector count from 0 to {McuAi.CodeGen.OptionsValidator.MaxSelfTestVectors}"));
            s.Nano = NanoSettings.Parse(item, name, s.Symbol, s.DataFormat, errors);
            return s;
        }

        /// <summary>Every value that changes the generated files, one per line: hashed into the per-model metadata file.</summary>
        public string Canonical(string? templateDirectory)
        {
            var sb = new StringBuilder();
            sb.Append("format=1\n");
            sb.Append("symbol=").Append(Symbol).Append('\n');
            sb.Append("namespace=").Append(Namespace).Append('\n');
            sb.Append("outputdir=").Append(OutputDir).Append('\n');
            sb.Append("alignment=").Append(Alignment.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("section=").Append(Section).Append('\n');
            sb.Append("strip=").Append(Strip ? "true" : "false").Append('\n');
            sb.Append("pointersize=").Append(TargetPointerSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("arenasize=").Append(ArenaSize?.ToString(CultureInfo.InvariantCulture) ?? "auto").Append('\n');
            sb.Append("arenamargin=").Append(ArenaMarginPercent.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("arenakernels=").Append(ArenaKernels).Append('\n');
            sb.Append("quantize=").Append(Quantize).Append('\n');
            if (Transforms) sb.Append(Quantization.Canonical());
            if (Simplifies) sb.Append(Simplify.Canonical());
            sb.Append("arenasection=").Append(ArenaSection).Append('\n');
            sb.Append("dataformat=").Append(DataFormat).Append('\n');
            sb.Append("runtime=").Append(Runtime).Append('\n');
            sb.Append("optimize=").Append(Optimize).Append('\n');
            sb.Append("selftest=").Append(SelfTest.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("templates=").Append(templateDirectory).Append('\n');
            if (Nano is not null) sb.Append(Nano.Canonical());
            return sb.ToString();
        }

        /// <summary>Writes the settings as item metadata, so that the generate step reads them back without parsing again.</summary>
        public void CopyTo(ITaskItem item)
        {
            item.SetLiteral("Symbol", Symbol);
            item.SetLiteral("Namespace", Namespace ?? "");
            item.SetLiteral("OutputDir", OutputDir);
            item.SetLiteral("Alignment", Alignment.ToString(CultureInfo.InvariantCulture));
            item.SetLiteral("Section", Section ?? "");
            item.SetLiteral("Strip", Strip ? "true" : "false");
            item.SetLiteral("TargetPointerSize", TargetPointerSize.ToString(CultureInfo.InvariantCulture));
            item.SetLiteral("ArenaSize", ArenaSize?.ToString(CultureInfo.InvariantCulture) ?? "auto");
            item.SetLiteral("ArenaMargin", ArenaMarginPercent.ToString("R", CultureInfo.InvariantCulture));
            item.SetLiteral("ArenaKernels", ArenaKernels);
            item.SetLiteral("Quantize", Quantize);
            if (Transforms) Quantization.CopyTo(item);
            if (Simplifies) Simplify.CopyTo(item);
            item.SetLiteral("Simplify", Simplifies ? "true" : "false");
            item.SetLiteral("ArenaSection", ArenaSection ?? "");
            item.SetLiteral("DataFormat", DataFormat);
            item.SetLiteral("Runtime", Runtime);
            item.SetLiteral("Optimize", Optimize);
            item.SetLiteral("SelfTest", SelfTest.ToString(CultureInfo.InvariantCulture));
            if (Nano is not null) Nano.CopyTo(item);
        }

        private static int ParseInt(ITaskItem item, string name, string metadata, int fallback, Func<int, bool> valid, string code, string expected,
            List<(string, string)> errors)
        {
            string text = item.GetMetadata(metadata).Trim();
            if (text.Length == 0) return fallback;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && valid(value)) return value;
            errors.Add(Bad(code, name, metadata, text, expected));
            return fallback;
        }

        internal static bool ParseBool(ITaskItem item, string name, string metadata, List<(string, string)> errors)
        {
            string text = item.GetMetadata(metadata).Trim();
            if (text.Length == 0 || text.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
            if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
            errors.Add(Bad(DiagnosticCodes.InvalidItemMetadata, name, metadata, text, "'true' or 'false'"));
            return false;
        }

        internal static (string, string) Bad(string code, string item, string metadata, string value, string expected) =>
            (code, $"McuAiModel '{item}': {metadata}='{value}' is not valid; expected {expected}.");

        private static bool IsSectionName(string name)
        {
            foreach (char c in name)
                if (!CIdentifier.IsIdentifierChar(c) && c != '.' && c != '$') return false;
            return true;
        }

        internal static string EnsureTrailingSeparator(string path) =>
            path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("\\", StringComparison.Ordinal) ? path : path + Path.DirectorySeparatorChar;
    }
}
