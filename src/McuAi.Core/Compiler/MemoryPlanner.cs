using System;
using System.Collections.Generic;
using System.Linq;

namespace McuAi.Compiler
{
    /// <summary>
    /// Plans the C runtime's static memory from the layers' tensor lifetimes. Views (RESHAPE...) share their
    /// source's block; a layer that can run in place writes over an input that dies there; scratch lives only
    /// during its layer. Blocks are placed greedily (first fit, TFLM's rule) for several orderings, and the
    /// smallest result is kept, so the plan is never larger than TFLM's greedy order would give.
    /// </summary>
    public static class MemoryPlanner
    {
        public const int DefaultAlignment = 4;

        public static MemoryPlan Plan(LayerProgram program, int alignment = DefaultAlignment)
        {
            var tensors = program.Model.MainSubgraph.Tensors;
            int end = program.Layers.Count; // graph outputs stay alive past the last layer
            bool IsActivation(int t) => !program.IsConstant(t) && !tensors[program.Root(t)].IsVariable;

            // Lifetimes of root tensors.
            var first = new Dictionary<int, int>();
            var last = new Dictionary<int, int>();
            void Touch(int tensor, int layer)
            {
                int root = program.Root(tensor);
                if (!IsActivation(root)) return;
                if (!first.TryGetValue(root, out int f) || layer < f) first[root] = layer;
                if (!last.TryGetValue(root, out int l) || layer > l) last[root] = layer;
            }
            foreach (int input in program.Inputs) Touch(input, 0);
            for (int k = 0; k < program.Layers.Count; k++)
            {
                foreach (int t in program.Layers[k].Inputs) Touch(t, k);
                foreach (int t in program.Layers[k].Outputs) Touch(t, k);
                foreach (var field in program.Layers[k].Params)
                    if (field.Value is ParamValue.TensorTable table) foreach (int t in table.Tensors) Touch(t, k);
            }
            foreach (int output in program.Outputs) Touch(output, end);
            var outputs = new HashSet<int>(program.Outputs.Select(program.Root));

            // One slot per tensor, except outputs written in place over an input that dies at that layer.
            var slotOf = new Dictionary<int, MemorySlot>();
            var slots = new List<MemorySlot>();
            foreach (int root in first.Keys.OrderBy(t => first[t]).ThenBy(t => t))
            {
                int producer = first[root];
                var layer = producer < program.Layers.Count ? program.Layers[producer] : null;
                if (layer?.InPlaceInput is int position && layer.Outputs.Count == 1 && program.Root(layer.Outputs[0]) == root)
                {
                    int source = program.Root(layer.Inputs[position]);
                    if (slotOf.TryGetValue(source, out var shared) && shared.LastLayer == producer && !outputs.Contains(source)
                        && tensors[source].ByteSize == tensors[root].ByteSize)
                    {
                        ((List<int>)shared.Tensors).Add(root);
                        shared.LastLayer = last[root];
                        slotOf[root] = shared;
                        continue;
                    }
                }
                var slot = new MemorySlot(checked((int)tensors[root].ByteSize), first[root], last[root], new List<int> { root }, null);
                slotOf[root] = slot;
                slots.Add(slot);
            }
            for (int k = 0; k < program.Layers.Count; k++)
                if (program.Layers[k].ScratchBytes > 0)
                    slots.Add(new MemorySlot(program.Layers[k].ScratchBytes, k, k, Array.Empty<int>(), k));

            var orders = new Func<IEnumerable<MemorySlot>, IEnumerable<MemorySlot>>[]
            {
                s => s.OrderByDescending(x => x.Size).ThenBy(x => x.FirstLayer),
                s => s.OrderByDescending(x => (long)x.Size * (x.LastLayer - x.FirstLayer + 1)).ThenByDescending(x => x.Size),
                s => s.OrderBy(x => x.FirstLayer).ThenByDescending(x => x.Size),
                s => s.OrderByDescending(x => x.LastLayer - x.FirstLayer).ThenByDescending(x => x.Size),
            };
            int best = int.MaxValue;
            int[]? bestOffsets = null;
            List<MemorySlot>? bestOrder = null;
            foreach (var order in orders)
            {
                var ordered = order(slots).ToList();
                int total = Place(ordered, alignment, out var offsets);
                if (total < best)
                {
                    best = total;
                    bestOffsets = offsets;
                    bestOrder = ordered;
                }
            }
            for (int i = 0; i < bestOrder!.Count; i++) bestOrder[i].Offset = bestOffsets![i];

            var tensorOffsets = new Dictionary<int, int>();
            var scratchOffsets = new Dictionary<int, int>();
            foreach (var slot in bestOrder)
            {
                if (slot.ScratchOfLayer is int k) scratchOffsets[k] = slot.Offset;
                foreach (int t in slot.Tensors) tensorOffsets[t] = slot.Offset;
            }

            // State: variable tensors, each in its own place for the whole program.
            var stateOffsets = new Dictionary<int, int>();
            int state = 0;
            for (int t = 0; t < tensors.Count; t++)
                if (tensors[t].IsVariable && program.Root(t) == t)
                {
                    stateOffsets[t] = state;
                    state = Align(state + checked((int)tensors[t].ByteSize), alignment);
                }
            return new MemoryPlan(slots.Count == 0 ? 0 : Align(best, alignment), state, alignment, bestOrder, tensorOffsets, scratchOffsets, stateOffsets);
        }

        /// <summary>First fit: each block at the lowest aligned offset clear of the placed blocks alive at the same time.</summary>
        private static int Place(List<MemorySlot> ordered, int alignment, out int[] offsets)
        {
            offsets = new int[ordered.Count];
            int total = 0;
            var placed = new List<(MemorySlot Slot, int Offset)>();
            for (int i = 0; i < ordered.Count; i++)
            {
                var slot = ordered[i];
                int offset = 0;
                foreach (var (other, otherOffset) in placed.Where(p => p.Slot.Overlaps(slot)).OrderBy(p => p.Offset))
                {
                    if (offset + slot.Size <= otherOffset) break;
                    offset = Math.Max(offset, Align(otherOffset + other.Size, alignment));
                }
                offsets[i] = offset;
                placed.Add((slot, offset));
                total = Math.Max(total, offset + slot.Size);
            }
            return total;
        }

        private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;
    }
}
