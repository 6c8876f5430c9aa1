using System.Collections.Generic;

namespace McuAi.Memory
{
    /// <summary>The TFLM kernel set the firmware links: their scratch buffers differ.</summary>
    public enum KernelSet
    {
        Reference,
        CmsisNn,
    }

    /// <summary>Target facts the arena depends on.</summary>
    public sealed class ArenaOptions
    {
        /// <summary>4 for a 32-bit MCU (the default for generated code), 8 for a 64-bit host.</summary>
        public int PointerSize { get; set; } = 4;
        public KernelSet Kernels { get; set; } = KernelSet.Reference;
    }

    /// <summary>Where one activation tensor lives in the arena and when it is live.</summary>
    public sealed record TensorPlacement(int TensorIndex, string Name, long Offset, long Size, int FirstOperator, int LastOperator);

    /// <summary>One term of the arena estimate, with the reason for it (shown in reports).</summary>
    public sealed record ArenaTerm(string Description, long Bytes);

    /// <summary>The planned arena of a model: the figure firmware must reserve, and why.</summary>
    public sealed class ArenaPlan
    {
        public ArenaPlan(long arenaBytes, long nonPersistentBytes, long persistentBytes, IReadOnlyList<TensorPlacement> tensors,
            int peakOperatorIndex, IReadOnlyList<ArenaTerm> terms, ArenaOptions options)
        {
            ArenaBytes = arenaBytes;
            NonPersistentBytes = nonPersistentBytes;
            PersistentBytes = persistentBytes;
            Tensors = tensors;
            PeakOperatorIndex = peakOperatorIndex;
            Terms = terms;
            Options = options;
        }

        /// <summary>The smallest arena that works, before any safety margin.</summary>
        public long ArenaBytes { get; }
        /// <summary>The planned (reused) activation area.</summary>
        public long NonPersistentBytes { get; }
        /// <summary>Bookkeeping, per-op data and other allocations that live as long as the interpreter.</summary>
        public long PersistentBytes { get; }
        public IReadOnlyList<TensorPlacement> Tensors { get; }
        /// <summary>The operator during which the activation area is fullest.</summary>
        public int PeakOperatorIndex { get; }
        public IReadOnlyList<ArenaTerm> Terms { get; }
        public ArenaOptions Options { get; }
    }
}
