using System;
using System.Collections.Generic;
using System.Linq;

namespace McuAi.Simplification
{
    /// <summary>
    /// Chooses the channels to remove: every prunable channel is ranked by its score normalised within its space
    /// (so layers of different scale compare), and the lowest go until the global ratio is met, no space losing more
    /// than the per-layer cap or keeping fewer than the minimum; then each space's kept count is rounded up to the
    /// asked multiple by restoring its best removed channels. With the cap equal to the ratio (the default) every
    /// space loses the same fraction (rounded down).
    /// </summary>
    internal static class ChannelSelection
    {
        /// <param name="scores">Per prunable space (root id), a score per channel; higher is more important.</param>
        /// <returns>Per space, which channels stay.</returns>
        public static Dictionary<int, bool[]> Choose(IReadOnlyDictionary<int, double[]> scores, ChannelPruningOptions options)
        {
            var normalised = scores.ToDictionary(kv => kv.Key, kv => Normalise(kv.Value));
            int total = scores.Sum(kv => kv.Value.Length);
            int target = (int)Math.Round(options.Ratio * total, MidpointRounding.AwayFromZero);
            var limit = new Dictionary<int, int>();
            foreach (var (space, s) in scores.Select(kv => (kv.Key, kv.Value)))
            {
                int channels = s.Length;
                int keepAtLeast = Math.Min(channels, RoundUp(Math.Max(1, options.MinChannels), options.Multiple, channels));
                int cap = (int)Math.Floor(options.EffectiveMaxLayerRatio * channels + 1e-9);
                limit[space] = Math.Max(0, Math.Min(cap, channels - keepAtLeast));
            }

            var ranked = normalised.SelectMany(kv => kv.Value.Select((score, c) => (Space: kv.Key, Channel: c, Score: score)))
                .OrderBy(x => x.Score).ThenBy(x => x.Space).ThenBy(x => x.Channel).ToList();
            var kept = scores.ToDictionary(kv => kv.Key, kv => Enumerable.Repeat(true, kv.Value.Length).ToArray());
            var removed = scores.Keys.ToDictionary(s => s, _ => 0);
            int done = 0;
            foreach (var (space, channel, _) in ranked)
            {
                if (done >= target) break;
                if (removed[space] >= limit[space]) continue;
                kept[space][channel] = false;
                removed[space]++;
                done++;
            }

            foreach (int space in scores.Keys)
            {
                var k = kept[space];
                int channels = k.Length;
                int keep = k.Count(x => x);
                int wanted = RoundUp(keep, options.Multiple, channels);
                // Restore the best removed channels until the count is a multiple (or the layer is whole again).
                foreach (int c in Enumerable.Range(0, channels).Where(c => !k[c]).OrderByDescending(c => normalised[space][c]).ThenBy(c => c))
                {
                    if (keep >= wanted) break;
                    k[c] = true;
                    keep++;
                }
            }
            return kept;
        }

        /// <summary>The smallest multiple of <paramref name="multiple"/> at or above <paramref name="count"/>, or <paramref name="whole"/> if that is smaller.</summary>
        private static int RoundUp(int count, int multiple, int whole) => Math.Min(whole, (count + multiple - 1) / multiple * multiple);

        private static double[] Normalise(double[] scores)
        {
            double mean = scores.Length == 0 ? 0 : scores.Average();
            return mean > 0 ? scores.Select(s => s / mean).ToArray() : scores.Select(_ => 1.0).ToArray();
        }
    }
}
