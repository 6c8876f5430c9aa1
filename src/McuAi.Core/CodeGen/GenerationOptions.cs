using McuAi.Memory;

namespace McuAi.CodeGen
{
    /// <summary>Per-model settings of code generation (the McuAiModel item metadata, or `mcuai generate` options).</summary>
    public sealed class GenerationOptions
    {
        /// <summary>C identifier that prefixes every generated name (g_&lt;symbol&gt;_model_data, ...).</summary>
        public string Symbol { get; set; } = "model";
        /// <summary>Optional C++ namespace for the C++ parts.</summary>
        public string? Namespace { get; set; }
        /// <summary>Alignment of the model array and the arena, in bytes.</summary>
        public int Alignment { get; set; } = 16;
        /// <summary>Optional linker section for the model array and the arena.</summary>
        public string? Section { get; set; }
        /// <summary>Drop metadata, unused buffers and unused op codes before embedding the model.</summary>
        public bool Strip { get; set; }
        /// <summary>4 for a 32-bit MCU, 8 for a 64-bit host; changes the arena figure.</summary>
        public int TargetPointerSize { get; set; } = 4;
        /// <summary>The kernel set the firmware links (reference or CMSIS-NN).</summary>
        public KernelSet ArenaKernels { get; set; } = KernelSet.Reference;
        /// <summary>An explicit arena size in bytes that overrides the estimate; null = auto.</summary>
        public long? ArenaSize { get; set; }
        /// <summary>Safety margin added to the estimate, in percent.</summary>
        public double ArenaMarginPercent { get; set; } = 10;
        /// <summary>A folder of user templates that override the built-in ones file by file.</summary>
        public string? TemplateDirectory { get; set; }
    }
}
