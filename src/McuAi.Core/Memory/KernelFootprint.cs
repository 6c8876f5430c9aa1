using System.Collections.Generic;

namespace McuAi.Memory
{
    /// <summary>A buffer a kernel asks TFLM for, with the reason (shown in reports).</summary>
    public readonly struct KernelBuffer
    {
        public KernelBuffer(long bytes, string what) { Bytes = bytes; What = what; }
        public long Bytes { get; }
        public string What { get; }
    }

    /// <summary>
    /// What one operator's TFLM kernel takes from the arena while the interpreter is set up:
    /// the parsed builtin options, the op data its Init allocates, the persistent buffers and
    /// scratch-buffer requests of its Prepare, and the tensors its Prepare reads as temporary
    /// TfLiteTensor structs (released when the operator's preparation ends).
    /// </summary>
    public sealed class KernelFootprint
    {
        /// <summary>sizeof/alignof of the builtin options struct the flatbuffer parser allocates (0 = none).</summary>
        public int BuiltinDataSize { get; set; }
        public int BuiltinDataAlignment { get; set; } = 4;
        public List<KernelBuffer> InitPersistent { get; } = new();
        public List<KernelBuffer> PreparePersistent { get; } = new();
        public List<KernelBuffer> Scratch { get; } = new();
        /// <summary>Tensor indices fetched with AllocateTempInputTensor/AllocateTempOutputTensor, in order.</summary>
        public List<int> TempTensors { get; } = new();
        /// <summary>Set when the kernel is not modelled from its source and sizes are a conservative guess.</summary>
        public string? Approximation { get; set; }
    }
}
