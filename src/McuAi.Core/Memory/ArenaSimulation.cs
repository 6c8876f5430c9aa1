using System;
using System.Collections.Generic;

namespace McuAi.Memory
{
    /// <summary>
    /// Replays TFLM's SingleArenaBufferAllocator (arena_allocator/single_arena_buffer_allocator.cc) on
    /// numbers instead of memory: persistent allocations grow down from the end of the arena, each at
    /// <c>AlignDown(tail - size, alignment)</c>; the non-persistent "head" and the temporary allocations
    /// above it grow up from the start. Every check TFLM makes (a temp allocation must end below the
    /// tail, a persistent one must start above the head) becomes a lower bound on the arena size; the
    /// smallest working arena is the largest bound.
    /// </summary>
    internal sealed class ArenaSimulation
    {
        private readonly List<string> _categoryOrder = new();
        private readonly Dictionary<string, long> _tailByCategory = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _countByCategory = new(StringComparer.Ordinal);

        /// <summary>Bytes used at the end of the arena (the arena end is 16-byte aligned).</summary>
        public long Tail { get; private set; }
        /// <summary>End of the head (resizable buffer or memory plan), from the arena start.</summary>
        public long Head { get; private set; }
        /// <summary>End of the temporary allocations (never below the head).</summary>
        public long Temp { get; private set; }

        /// <summary>The largest arena size any check so far required.</summary>
        public long Required { get; private set; }
        /// <summary>What was happening when <see cref="Required"/> was set.</summary>
        public string RequiredBy { get; private set; } = "";

        public IReadOnlyList<string> Categories => _categoryOrder;
        public long TailBytesOf(string category) => _tailByCategory.TryGetValue(category, out var b) ? b : 0;
        public int CountOf(string category) => _countByCategory.TryGetValue(category, out var c) ? c : 0;

        private void Need(long bytes, string phase)
        {
            if (bytes > Required) { Required = bytes; RequiredBy = phase; }
        }

        /// <summary>AllocatePersistentBuffer(size, alignment): fails when the new tail reaches the head.</summary>
        public void Persistent(long size, int alignment, string category, string phase)
        {
            long before = Tail;
            Tail = AlignUp(Tail + size, alignment);
            if (!_tailByCategory.ContainsKey(category)) { _categoryOrder.Add(category); _tailByCategory[category] = 0; _countByCategory[category] = 0; }
            _tailByCategory[category] += Tail - before;
            _countByCategory[category]++;
            Need(Head + Tail, phase);
        }

        /// <summary>AllocateTemp(size, alignment): must end below the tail.</summary>
        public void TempAllocate(long size, int alignment, string phase)
        {
            Temp = AlignUp(Temp, alignment) + size;
            Need(Temp + Tail, phase);
        }

        /// <summary>ResizeBuffer / ReserveNonPersistentOverlayMemory: the head becomes <paramref name="size"/>
        /// bytes from the (16-aligned) arena start and the temp section restarts there.</summary>
        public void ResizeHead(long size, string phase)
        {
            Head = size;
            Temp = size;
            Need(Head + Tail, phase);
        }

        /// <summary>ResetTempAllocations.</summary>
        public void ResetTemp() => Temp = Head;

        /// <summary>The memory planner takes every byte between the aligned temp end and the aligned tail,
        /// and can plan only as many buffers as fit there at <paramref name="bytesPerBuffer"/> each.</summary>
        public void PlannerScratch(long bytesPerBuffer, int bufferCount, string phase)
        {
            long start = AlignUp(Temp, TflmStructLayout.BufferAlignment);
            Need(start + bytesPerBuffer * bufferCount + AlignUp(Tail, TflmStructLayout.BufferAlignment), phase);
        }

        public static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
    }
}
