using McuAi.Memory;

namespace McuAi.Analysis
{
    /// <summary>Target facts that change the analysis figures. Pointer size and kernel set only change the arena.</summary>
    public sealed class AnalysisOptions
    {
        /// <summary>4 for a 32-bit MCU (the default), 8 for a 64-bit host.</summary>
        public int PointerSize { get; set; } = 4;

        /// <summary>The TFLM kernel set the firmware links.</summary>
        public KernelSet Kernels { get; set; } = KernelSet.Reference;

        /// <summary>
        /// The size of the <c>.tflite</c> file, which is what the model array takes in flash. When unknown (a model built
        /// in memory), the flash figure falls back to the sum of the buffers' bytes, a lower bound.
        /// </summary>
        public long? ModelSizeBytes { get; set; }

        internal ArenaOptions ToArenaOptions() => new ArenaOptions { PointerSize = PointerSize, Kernels = Kernels };
    }
}
