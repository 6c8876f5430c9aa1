using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.TfLite;

namespace McuAi.Memory
{
    /// <summary>
    /// Plans the tensor arena of subgraph 0. This first version places activation tensors greedily
    /// (largest first, lowest offset that does not overlap a tensor live at the same time), with
    /// lifetimes from first to last use. TFLM's persistent allocations are not modelled yet.
    /// </summary>
    public static class ArenaPlanner
    {
        public static ArenaPlan Plan(Model model, ArenaOptions? options = null)
        {
            options ??= new ArenaOptions();
            var g = model.MainSubgraph;
            var lifetimes = TensorLifetimes.Compute(model);
            var order = lifetimes.OrderByDescending(l => l.Size).ThenBy(l => l.TensorIndex).ToList();
            var placed = new List<TensorPlacement>();
            foreach (var l in order)
            {
                long offset = 0;
                foreach (var p in placed.Where(p => p.FirstOperator <= l.LastOperator && l.FirstOperator <= p.LastOperator).OrderBy(p => p.Offset))
                {
                    if (offset + l.Size <= p.Offset) break;
                    offset = Math.Max(offset, Align(p.Offset + p.Size, 16));
                }
                placed.Add(new TensorPlacement(l.TensorIndex, g.Tensors[l.TensorIndex].Name ?? "", offset, l.Size, l.FirstOperator, l.LastOperator));
            }
            long total = placed.Count == 0 ? 0 : placed.Max(p => p.Offset + p.Size);
            int peak = 0;
            long peakBytes = -1;
            for (int k = 0; k < g.Operators.Count; k++)
            {
                long live = placed.Where(p => p.FirstOperator <= k && k <= p.LastOperator).Select(p => p.Offset + p.Size).DefaultIfEmpty(0).Max();
                if (live > peakBytes) { peakBytes = live; peak = k; }
            }
            var terms = new List<ArenaTerm> { new("activation tensors (greedy plan)", total) };
            placed.Sort((a, b) => a.TensorIndex.CompareTo(b.TensorIndex));
            return new ArenaPlan(total, total, 0, placed, peak, terms, options);
        }

        internal static long Align(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
    }

    /// <summary>The live range of an activation tensor, in operator indices.</summary>
    public sealed record TensorLifetime(int TensorIndex, long Size, int FirstOperator, int LastOperator);

    public static class TensorLifetimes
    {
        /// <summary>
        /// Lifetimes of the non-constant tensors of subgraph 0: graph inputs are live from the start,
        /// graph outputs to the end, others from their producer to their last reader.
        /// </summary>
        public static List<TensorLifetime> Compute(Model model)
        {
            var g = model.MainSubgraph;
            int n = g.Tensors.Count;
            int last = Math.Max(0, g.Operators.Count - 1);
            var first = Enumerable.Repeat(int.MaxValue, n).ToArray();
            var end = Enumerable.Repeat(-1, n).ToArray();
            foreach (int i in g.Inputs) { first[i] = 0; end[i] = Math.Max(end[i], 0); }
            for (int k = 0; k < g.Operators.Count; k++)
            {
                var op = g.Operators[k];
                foreach (int i in op.Inputs.Concat(op.Outputs).Concat(op.Intermediates))
                {
                    if (i < 0) continue;
                    first[i] = Math.Min(first[i], k);
                    end[i] = Math.Max(end[i], k);
                }
            }
            foreach (int o in g.Outputs) { end[o] = last; if (first[o] == int.MaxValue) first[o] = 0; }
            var result = new List<TensorLifetime>();
            for (int i = 0; i < n; i++)
            {
                var t = g.Tensors[i];
                if (end[i] < 0 || model.IsConstant(t)) continue;
                result.Add(new TensorLifetime(i, ArenaPlanner.Align(t.ByteSize, 16), first[i], end[i]));
            }
            return result;
        }
    }
}
