using McuAi.Diagnostics;
using McuAi.Memory;

namespace McuAi.CodeGen
{
    /// <summary>How the model bytes are embedded in <c>&lt;symbol&gt;_model_data.cc</c>.</summary>
    public enum ModelDataFormat
    {
        /// <summary>Adjacent string literals: compiles about 20x faster than a byte list (GCC, Clang, Arm Compiler 6, IAR).</summary>
        String,
        /// <summary>A comma-separated byte list like <c>xxd -i</c>: accepted by every compiler (MSVC limits string literals), slow to compile.</summary>
        Array,
        /// <summary>
        /// The assembler's <c>.incbin</c> pulls a copy of the .tflite (written beside the sources) into the object
        /// file: no parsing at all. GNU toolchains with ELF targets; the assembler needs the output folder on its
        /// include path (<c>-Wa,-I&lt;dir&gt;</c>, set by mcuai_models.cmake as MCUAI_COMPILE_OPTIONS).
        /// </summary>
        Incbin,
    }

    /// <summary>What runs the model on the device.</summary>
    public enum ModelRuntime
    {
        /// <summary>TensorFlow Lite Micro: the model array, the op resolver and a MicroInterpreter (the default).</summary>
        Tflm,
        /// <summary>The model compiled to C99 by McuAi.Build: kernel calls, constant params, a static memory plan; no TFLM.</summary>
        C,
    }

    /// <summary>Per-model settings of code generation (the McuAiModel item metadata, or `mcuai generate` options).</summary>
    public sealed class GenerationOptions
    {
        /// <summary>C identifier that prefixes every generated name (g_&lt;symbol&gt;_model_data, ...).</summary>
        public string Symbol { get; set; } = "model";
        /// <summary>Optional C++ namespace for the C++ parts.</summary>
        public string? Namespace { get; set; }
        /// <summary>Alignment of the model array and the arena, in bytes.</summary>
        public int Alignment { get; set; } = 16;
        /// <summary>Optional linker section for the model array (e.g. external flash).</summary>
        public string? Section { get; set; }
        /// <summary>Optional linker section for the tensor arena (e.g. a fast SRAM bank).</summary>
        public string? ArenaSection { get; set; }
        /// <summary>
        /// Drop metadata, unused buffers and unused op codes before embedding the model. The caller applies it
        /// (it passes the stripped bytes to <see cref="ModelCodeGenerator.Generate(McuAi.TfLite.Model, System.ReadOnlyMemory{byte}, GenerationOptions, string?)"/>);
        /// the generator embeds exactly the bytes it is given.
        /// </summary>
        public bool Strip { get; set; }
        /// <summary>4 for a 32-bit MCU, 8 for a 64-bit host; changes the arena figure.</summary>
        public int TargetPointerSize { get; set; } = 4;
        /// <summary>The kernel set the firmware links (reference or CMSIS-NN).</summary>
        public KernelSet ArenaKernels { get; set; } = KernelSet.Reference;
        /// <summary>An explicit arena size in bytes that overrides the estimate; null = auto.</summary>
        public long? ArenaSize { get; set; }
        /// <summary>Safety margin added to the estimate, in percent (the planner's default, stated in the report).</summary>
        public double ArenaMarginPercent { get; set; } = ArenaSizing.DefaultMarginPercent;
        /// <summary>How the model bytes are embedded (string literal by default).</summary>
        public ModelDataFormat DataFormat { get; set; } = ModelDataFormat.String;
        /// <summary>
        /// The folder this model's files are written to (the item's OutputDir, `--out`). Only
        /// <see cref="ModelCodeGenerator.GenerateCombined(System.Collections.Generic.IReadOnlyList{System.ValueTuple{McuAi.TfLite.Model, GenerationOptions, string}}, System.Collections.Generic.ICollection{Diagnostic}, string?)"/>
        /// reads it, to point mcuai_models.cmake at the files; null: beside the combined files.
        /// </summary>
        public string? OutputDirectory { get; set; }
        /// <summary>A folder of user templates that override the built-in ones file by file.</summary>
        public string? TemplateDirectory { get; set; }
        /// <summary>What runs the model: TFLM (default) or the C backend.</summary>
        public ModelRuntime Runtime { get; set; } = ModelRuntime.Tflm;
        /// <summary>With the C backend: favour speed (default) or flash where a layer has two forms (dense or block-sparse filter).</summary>
        public Compiler.CompileOptimization Optimize { get; set; } = Compiler.CompileOptimization.Speed;
        /// <summary>
        /// Number of self-test vectors (0 = none): S_selftest.c with that many inputs and the interpreter's
        /// outputs for them, and <c>int S_selftest(void)</c> that counts mismatches on the device.
        /// </summary>
        public int SelfTest { get; set; }
        /// <summary>How messages name the settings: command-line flags (default) or item metadata (the SDK). Not part of the output.</summary>
        public SettingNames Names { get; set; } = SettingNames.CommandLine;
        /// <summary>The .NET nanoFramework interop to generate too (C# class, native stubs, CMake module); null: none.</summary>
        public NanoFramework.NanoFrameworkOptions? NanoFramework { get; set; }
    }
}
