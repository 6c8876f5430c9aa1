using System.Collections.Generic;
using System.Linq;
using McuAi.Memory;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>
    /// Where each activation tensor lives in the interpreter's one activation buffer, planned once:
    /// tensors whose lifetimes do not overlap share memory (greedy first fit, largest first). Variable
    /// tensors keep state between invocations, so they are left out and get memory of their own.
    /// </summary>
    internal sealed class ActivationMemoryPlan
    {
        private const int Alignment = 16;

        private ActivationMemoryPlan(Dictionary<int, long> offsets, long totalBytes)
        {
            Offsets = offsets;
            TotalBytes = totalBytes;
        }

        /// <summary>Tensor index → byte offset in the activation buffer.</summary>
        public IReadOnlyDictionary<int, long> Offsets { get; }
        /// <summary>The buffer's size; checked against <see cref="InterpreterLimits"/> before it is allocated.</summary>
        public long TotalBytes { get; }

        public static ActivationMemoryPlan Create(Model model, string? fileName)
        {
            var tensors = model.MainSubgraph.Tensors;
            var lifetimes = TensorLifetimes.Compute(model, fileName)
                .Where(l => !tensors[l.TensorIndex].IsVariable)
                .OrderByDescending(l => l.Size).ThenBy(l => l.TensorIndex)
                .ToList();
            var placed = new List<(TensorLifetime Life, long Offset)>();
            var offsets = new Dictionary<int, long>();
            long total = 0;
            foreach (var life in lifetimes)
            {
                long offset = 0;
                foreach (var (other, otherOffset) in placed
                    .Where(p => p.Life.FirstOperator <= life.LastOperator && life.FirstOperator <= p.Life.LastOperator)
                    .OrderBy(p => p.Offset))
                {
                    if (offset + life.Size <= otherOffset) break;
                    offset = System.Math.Max(offset, Align(otherOffset + other.Size));
                }
                placed.Add((life, offset));
                offsets[life.TensorIndex] = offset;
                total = System.Math.Max(total, offset + life.Size);
            }
            return new ActivationMemoryPlan(offsets, total);
        }

        private static long Align(long value) => (value + Alignment - 1) / Alignment * Alignment;
    }
}
