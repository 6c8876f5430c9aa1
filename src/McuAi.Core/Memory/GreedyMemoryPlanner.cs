using System.Collections.Generic;

namespace McuAi.Memory
{
    /// <summary>One buffer for the planner: its (already aligned) size, its lifetime in TFLM's
    /// allocation scopes, and an optional offset fixed by an offline plan.</summary>
    public readonly struct PlannerBuffer
    {
        public PlannerBuffer(long size, int firstUsed, int lastUsed, long offlineOffset = GreedyMemoryPlanner.Online)
        {
            Size = size;
            FirstUsed = firstUsed;
            LastUsed = lastUsed;
            OfflineOffset = offlineOffset;
        }

        public long Size { get; }
        public int FirstUsed { get; }
        public int LastUsed { get; }
        public long OfflineOffset { get; }
    }

    /// <summary>
    /// The placement algorithm of TFLM's GreedyMemoryPlanner (memory_planner/greedy_memory_planner.cc),
    /// reproduced step by step so that offsets, not just the total, match the firmware:
    /// buffers with an offline offset keep it and come first, in the order they were added; the others
    /// are sorted by size, largest first, with a stable sort (equal sizes keep their order of addition);
    /// each is put at the lowest offset, walking the buffers already placed in offset order, where the
    /// gap before the next buffer that is live at an overlapping time is large enough.
    /// </summary>
    public static class GreedyMemoryPlanner
    {
        /// <summary>Marks a buffer that the planner places (kOnlinePlannedBuffer).</summary>
        public const long Online = -1;

        /// <summary>Returns each buffer's offset, in the order the buffers were given.</summary>
        public static long[] Plan(IReadOnlyList<PlannerBuffer> buffers)
        {
            int n = buffers.Count;
            var offsets = new long[n];
            if (n == 0) return offsets;

            var order = new List<int>(n);
            for (int i = 0; i < n; i++)
                if (buffers[i].OfflineOffset != Online) order.Add(i);
            int offlineCount = order.Count;
            var online = new List<int>(n - offlineCount);
            for (int i = 0; i < n; i++)
                if (buffers[i].OfflineOffset == Online) online.Add(i);
            // TFLM fills the online part from the tail (reversing it) before its stable bubble sort.
            online.Reverse();
            StableSortBySizeDescending(online, buffers);
            order.AddRange(online);

            // Placed buffers, kept sorted by offset (ties: the later insertion goes after the earlier).
            var placed = new List<int>(n);
            foreach (int id in order)
            {
                var wanted = buffers[id];
                long offset;
                if (wanted.OfflineOffset != Online || placed.Count == 0)
                    offset = wanted.OfflineOffset != Online ? wanted.OfflineOffset : 0;
                else
                    offset = FirstFit(wanted, placed, buffers, offsets);
                offsets[id] = offset;
                Insert(placed, id, offset, offsets);
            }
            return offsets;
        }

        /// <summary>The highest end offset of any buffer: the size of the planned area.</summary>
        public static long MaximumSize(IReadOnlyList<PlannerBuffer> buffers, long[] offsets)
        {
            long max = 0;
            for (int i = 0; i < buffers.Count; i++)
                if (offsets[i] + buffers[i].Size > max) max = offsets[i] + buffers[i].Size;
            return max;
        }

        private static bool OverlapInTime(PlannerBuffer a, PlannerBuffer b) =>
            !(a.FirstUsed > b.LastUsed || b.FirstUsed > a.LastUsed);

        private static long FirstFit(PlannerBuffer wanted, List<int> placed, IReadOnlyList<PlannerBuffer> buffers, long[] offsets)
        {
            long candidate = 0;
            foreach (int other in placed)
            {
                if (!OverlapInTime(buffers[other], wanted)) continue;
                // The gap between the end of the previous live buffer and this one.
                if (offsets[other] - candidate >= wanted.Size) break;
                long end = offsets[other] + buffers[other].Size;
                if (end > candidate) candidate = end;
            }
            return candidate;
        }

        private static void Insert(List<int> placed, int id, long offset, long[] offsets)
        {
            // TFLM puts a new entry before the first entry only when its offset is strictly smaller,
            // and otherwise after every entry whose offset is not greater than its own.
            int at = placed.Count;
            for (int k = 0; k < placed.Count; k++)
                if (offsets[placed[k]] > offset) { at = k; break; }
            placed.Insert(at, id);
        }

        /// <summary>TFLM's ReverseSortInPlace: a bubble sort that swaps only strictly smaller-before-larger
        /// neighbours, hence stable.</summary>
        private static void StableSortBySizeDescending(List<int> ids, IReadOnlyList<PlannerBuffer> buffers)
        {
            bool swapped;
            do
            {
                swapped = false;
                for (int i = 1; i < ids.Count; i++)
                {
                    if (buffers[ids[i - 1]].Size < buffers[ids[i]].Size)
                    {
                        (ids[i - 1], ids[i]) = (ids[i], ids[i - 1]);
                        swapped = true;
                    }
                }
            } while (swapped);
        }
    }
}
