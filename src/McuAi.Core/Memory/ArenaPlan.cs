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
        /// <summary>Reads a kernel-set name as users write it (item metadata ArenaKernels, CLI option):
        /// "reference" or "cmsis-nn", case-insensitive; "ref" and "cmsis_nn" are accepted too.</summary>
        public static bool TryParseKernels(string? text, out KernelSet kernels)
        {
            switch ((text ?? "").Trim().ToLowerInvariant())
            {
                case "reference": case "ref": kernels = KernelSet.Reference; return true;
                case "cmsis-nn": case "cmsis_nn": case "cmsisnn": kernels = KernelSet.CmsisNn; return true;
                default: kernels = KernelSet.Reference; return false;
            }
        }

        /// <summary>The kernel set's name as users write it and every report and message prints it: "reference" or "cmsis-nn".</summary>
        public static string KernelsName(KernelSet kernels) => kernels == KernelSet.CmsisNn ? "cmsis-nn" : "reference";

        /// <summary>4 for a 32-bit MCU (the default for generated code), 8 for a 64-bit host.</summary>
        public int PointerSize { get; set; } = 4;
        public KernelSet Kernels { get; set; } = KernelSet.Reference;
        /// <summary>Whether C enums are one byte where their values fit (arm-none-eabi's default).
        /// Null: assumed for 32-bit targets, not for 64-bit hosts.</summary>
        public bool? ShortEnums { get; set; }
    }

    /// <summary>What a planned buffer holds.</summary>
    public enum ArenaBufferKind
    {
        /// <summary>An activation (non-constant, non-variable) tensor.</summary>
        Tensor,
        /// <summary>A scratch buffer a kernel requested for its operator.</summary>
        Scratch,
    }

    /// <summary>Where one planned buffer lives in the arena's head and when it is live (operator indices
    /// of its subgraph). Scratch buffers have <see cref="TensorIndex"/> -1.</summary>
    public sealed record TensorPlacement(int TensorIndex, string Name, long Offset, long Size, int FirstOperator, int LastOperator)
    {
        public ArenaBufferKind Kind { get; init; } = ArenaBufferKind.Tensor;
        public int Subgraph { get; init; }
        /// <summary>True when the offset came from the model's OfflineMemoryAllocation metadata.</summary>
        public bool OfflinePlanned { get; init; }
    }

    /// <summary>One term of the arena estimate, with the reason for it (shown in reports).</summary>
    public sealed record ArenaTerm(string Description, long Bytes);

    /// <summary>The planned arena of a model: the figure firmware must reserve, and why.</summary>
    public sealed class ArenaPlan
    {
        public ArenaPlan(long arenaBytes, long nonPersistentBytes, long persistentBytes, long arenaUsedBytes,
            IReadOnlyList<TensorPlacement> tensors, int peakOperatorIndex, string limitingPhase,
            IReadOnlyList<ArenaTerm> terms, IReadOnlyList<string> notes, ArenaOptions options)
        {
            ArenaBytes = arenaBytes;
            NonPersistentBytes = nonPersistentBytes;
            PersistentBytes = persistentBytes;
            ArenaUsedBytes = arenaUsedBytes;
            Tensors = tensors;
            PeakOperatorIndex = peakOperatorIndex;
            LimitingPhase = limitingPhase;
            Terms = terms;
            Notes = notes;
            Options = options;
        }

        /// <summary>The smallest arena (a multiple of 16 bytes) with which TFLM's AllocateTensors() and
        /// Invoke() succeed, before any safety margin.</summary>
        public long ArenaBytes { get; }
        /// <summary>The planned (reused) head: activation tensors and scratch buffers.</summary>
        public long NonPersistentBytes { get; }
        /// <summary>The tail: bookkeeping, op data and other allocations that live as long as the interpreter.</summary>
        public long PersistentBytes { get; }
        /// <summary>What MicroInterpreter::arena_used_bytes() reports after AllocateTensors(): head + tail.
        /// <see cref="ArenaBytes"/> can be larger because preparation needs temporary space.</summary>
        public long ArenaUsedBytes { get; }
        /// <summary>Planned buffers (every subgraph), in TFLM's planning order: tensors by index, then scratch buffers.</summary>
        public IReadOnlyList<TensorPlacement> Tensors { get; }
        /// <summary>The operator of subgraph 0 during which the planned head is fullest.</summary>
        public int PeakOperatorIndex { get; }
        /// <summary>The step of TFLM's set-up that needs the most arena (it decides <see cref="ArenaBytes"/>).</summary>
        public string LimitingPhase { get; }
        /// <summary>The estimate broken down; the bytes add up to <see cref="ArenaBytes"/>.</summary>
        public IReadOnlyList<ArenaTerm> Terms { get; }
        /// <summary>Where the estimate relies on an approximation rather than TFLM's source.</summary>
        public IReadOnlyList<string> Notes { get; }
        public ArenaOptions Options { get; }
    }
}
