using System.Collections.Generic;
using McuAi.TfLite;

namespace McuAi.Memory
{
    /// <summary>The live range of an activation tensor of subgraph 0, in operator indices.</summary>
    public sealed record TensorLifetime(int TensorIndex, long Size, int FirstOperator, int LastOperator);

    public static class TensorLifetimes
    {
        /// <summary>
        /// Lifetimes of the tensors of subgraph 0 that TFLM plans in the arena, with TFLM's rules
        /// (see <see cref="ArenaPlanner"/>); sizes are aligned to 16 bytes as the planner sees them.
        /// <paramref name="fileName"/> is named in the planner's errors.
        /// </summary>
        public static List<TensorLifetime> Compute(Model model, string? fileName = null)
        {
            var result = new List<TensorLifetime>();
            foreach (var p in ArenaPlanner.Plan(model, null, fileName).Tensors)
                if (p.Subgraph == 0 && p.Kind == ArenaBufferKind.Tensor)
                    result.Add(new TensorLifetime(p.TensorIndex, p.Size, p.FirstOperator, p.LastOperator));
            return result;
        }
    }
}
