using System;
using McuAi.Diagnostics;

namespace McuAi.Simplification
{
    /// <summary>How channels are ranked before the least important go.</summary>
    public enum PruneCriterion
    {
        /// <summary>L1 norm of the producing layer's filter for the channel (sum of |w|).</summary>
        L1,
        /// <summary>L2 norm of the producing layer's filter for the channel.</summary>
        L2,
        /// <summary>
        /// What the channel contributes downstream on the calibration data: at each consuming layer, the L2 norm of that
        /// layer's weights for it times the channel's standard deviation there (its mean goes into the bias), or its
        /// root mean square without bias compensation.
        /// </summary>
        Activation,
    }

    /// <summary>Settings of channel pruning (the item metadata Prune="channels", PruneRatio ... and `mcuai prune` options).</summary>
    public sealed class ChannelPruningOptions
    {
        /// <summary>Fraction of the prunable channels to remove, over all layers (0 ≤ ratio &lt; 1).</summary>
        public double Ratio { get; set; } = 0.25;
        /// <summary>
        /// The largest fraction removed from any one layer; null means <see cref="Ratio"/>, which removes the same
        /// fraction from every layer. A larger cap lets the global ranking take more from layers with weak channels.
        /// </summary>
        public double? MaxLayerRatio { get; set; }
        /// <summary>Channel counts kept multiples of this (4 suits SIMD kernels); 1 = any count. A layer's full count always qualifies.</summary>
        public int Multiple { get; set; } = 1;
        /// <summary>The fewest channels a layer keeps (never 0).</summary>
        public int MinChannels { get; set; } = 1;
        public PruneCriterion Criterion { get; set; } = PruneCriterion.L1;
        /// <summary>With calibration data: add each removed channel's mean contribution to the next layer's bias (float layers).</summary>
        public bool CompensateBias { get; set; } = true;

        public double EffectiveMaxLayerRatio => Math.Max(Ratio, MaxLayerRatio ?? Ratio);

        /// <summary>A stable text of every setting that changes the output (part of the cache key).</summary>
        public string CacheKeyText() => FormattableString.Invariant(
            $"channels;ratio={Ratio:R};max={EffectiveMaxLayerRatio:R};multiple={Multiple};min={MinChannels};criterion={Criterion};compensate={CompensateBias}");

        public static PruneCriterion ParseCriterion(string text) => text.Trim().ToLowerInvariant() switch
        {
            "l1" or "weight-l1" => PruneCriterion.L1,
            "l2" or "weight-l2" => PruneCriterion.L2,
            "activation" => PruneCriterion.Activation,
            _ => throw Invalid($"unknown pruning criterion '{text}': use l1, l2 or activation"),
        };

        internal void Validate()
        {
            if (!(Ratio >= 0 && Ratio < 1)) throw Invalid(FormattableString.Invariant($"prune ratio {Ratio} is out of range: give a fraction in [0, 1), such as 0.3"));
            if (MaxLayerRatio is { } m && !(m >= 0 && m < 1)) throw Invalid(FormattableString.Invariant($"largest per-layer prune ratio {m} is out of range: give a fraction in [0, 1)"));
            if (Multiple < 1 || Multiple > 64) throw Invalid($"channel multiple {Multiple} is out of range: give 1 (any count) up to 64, such as 4");
            if (MinChannels < 1) throw Invalid($"minimum channel count {MinChannels} must be at least 1");
        }

        internal static McuAiException Invalid(string message) => new(DiagnosticCodes.SimplificationOptionInvalid, null, message + ".");
    }
}
