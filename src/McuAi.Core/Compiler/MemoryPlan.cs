using System.Collections.Generic;

namespace McuAi.Compiler
{
    /// <summary>
    /// Where every activation tensor and every layer's scratch lives in the one static buffer of the C
    /// runtime, and where variable (state) tensors live in their own buffer that persists across invocations.
    /// </summary>
    public sealed class MemoryPlan
    {
        internal MemoryPlan(int arenaBytes, int stateBytes, int alignment, IReadOnlyList<MemorySlot> slots,
            IReadOnlyDictionary<int, int> tensorOffsets, IReadOnlyDictionary<int, int> scratchOffsets, IReadOnlyDictionary<int, int> stateOffsets)
        {
            ArenaBytes = arenaBytes;
            StateBytes = stateBytes;
            Alignment = alignment;
            Slots = slots;
            TensorOffsets = tensorOffsets;
            ScratchOffsets = scratchOffsets;
            StateOffsets = stateOffsets;
        }

        /// <summary>Bytes of the activation buffer (activations and scratch).</summary>
        public int ArenaBytes { get; }

        /// <summary>Bytes of the state buffer (variable tensors).</summary>
        public int StateBytes { get; }

        /// <summary>RAM the model needs: activations, scratch and state.</summary>
        public int TotalBytes => ArenaBytes + StateBytes;

        /// <summary>Alignment of every slot's offset.</summary>
        public int Alignment { get; }

        /// <summary>The placed blocks, in placement order (for reports).</summary>
        public IReadOnlyList<MemorySlot> Slots { get; }

        /// <summary>Root tensor index → offset in the activation buffer.</summary>
        public IReadOnlyDictionary<int, int> TensorOffsets { get; }

        /// <summary>Layer index → offset of its scratch in the activation buffer.</summary>
        public IReadOnlyDictionary<int, int> ScratchOffsets { get; }

        /// <summary>Variable tensor index → offset in the state buffer.</summary>
        public IReadOnlyDictionary<int, int> StateOffsets { get; }
    }

    /// <summary>
    /// One block of the activation buffer: a tensor (with the tensors that run in place over it) or a layer's
    /// scratch, alive from layer <see cref="FirstLayer"/> to <see cref="LastLayer"/> inclusive.
    /// </summary>
    public sealed class MemorySlot
    {
        internal MemorySlot(int size, int firstLayer, int lastLayer, IReadOnlyList<int> tensors, int? scratchOfLayer)
        {
            Size = size;
            FirstLayer = firstLayer;
            LastLayer = lastLayer;
            Tensors = tensors;
            ScratchOfLayer = scratchOfLayer;
        }

        public int Size { get; internal set; }
        public int FirstLayer { get; internal set; }
        public int LastLayer { get; internal set; }
        /// <summary>Root tensor indices stored here one after another (several when layers run in place).</summary>
        public IReadOnlyList<int> Tensors { get; }
        /// <summary>The layer whose scratch this is, or null for tensors.</summary>
        public int? ScratchOfLayer { get; }
        public int Offset { get; internal set; }

        internal bool Overlaps(MemorySlot other) => FirstLayer <= other.LastLayer && other.FirstLayer <= LastLayer;
    }
}
