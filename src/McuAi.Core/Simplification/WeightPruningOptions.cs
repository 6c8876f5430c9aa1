using System;

namespace McuAi.Simplification
{
    /// <summary>Settings of weight (magnitude) pruning: item metadata WeightSparsity and SparsityBlock, `mcuai prune --sparsity`.</summary>
    public sealed class WeightPruningOptions
    {
        /// <summary>Fraction of each layer's weight blocks set to zero (0 ≤ sparsity &lt; 1).</summary>
        public double Sparsity { get; set; } = 0.5;
        /// <summary>
        /// Weights zeroed together: runs of this many along the filter's last (input) dimension, the unit the C backend's
        /// sparse layout skips (<see cref="SparseWeightLayout"/>); 1 = single weights.
        /// </summary>
        public int Block { get; set; } = 4;

        /// <summary>
        /// One magnitude threshold over all layers (large layers then give up more, small sensitive ones less) instead of
        /// the same sparsity in every layer.
        /// </summary>
        public bool Global { get; set; }

        public string CacheKeyText() => FormattableString.Invariant($"sparsity={Sparsity:R};block={Block};global={Global}");

        public static bool ParseScope(string text) => text.Trim().ToLowerInvariant() switch
        {
            "" or "layer" => false,
            "global" => true,
            _ => throw ChannelPruningOptions.Invalid($"unknown sparsity scope '{text}': use layer or global"),
        };

        internal void Validate()
        {
            if (!(Sparsity >= 0 && Sparsity < 1))
                throw ChannelPruningOptions.Invalid(FormattableString.Invariant($"weight sparsity {Sparsity} is out of range: give a fraction in [0, 1), such as 0.5"));
            if (Block is not (1 or 2 or 4 or 8 or 16))
                throw ChannelPruningOptions.Invalid($"sparsity block {Block} is not 1, 2, 4, 8 or 16");
        }
    }
}
