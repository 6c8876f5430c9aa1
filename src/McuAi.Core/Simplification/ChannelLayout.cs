using System;
using System.Collections.Generic;
using System.Linq;

namespace McuAi.Simplification
{
    /// <summary>
    /// What the last dimension of an activation is made of, in channel spaces: segments (a concatenation along the
    /// channels has one per input), repeated <see cref="Repeat"/> times when spatial positions were flattened into
    /// the last dimension (a RESHAPE of [1, H, W, C] to [1, H·W·C] before a FULLY_CONNECTED repeats the C channels H·W times).
    /// </summary>
    internal sealed class ChannelLayout
    {
        private ChannelLayout(IReadOnlyList<(int Space, int Channels)> segments, int repeat)
        {
            Segments = segments;
            Repeat = repeat;
        }

        public IReadOnlyList<(int Space, int Channels)> Segments { get; }
        public int Repeat { get; }

        /// <summary>Channels of one repetition.</summary>
        public int Width => Segments.Sum(s => s.Channels);

        /// <summary>The size of the last dimension.</summary>
        public long Length => (long)Repeat * Width;

        public IEnumerable<int> Spaces => Segments.Select(s => s.Space);

        public static ChannelLayout Single(int space, int channels) => new(new[] { (space, channels) }, 1);

        public static ChannelLayout Concat(IEnumerable<ChannelLayout> parts) => new(parts.SelectMany(p => p.Segments).ToArray(), 1);

        public ChannelLayout Repeated(int times) => new(Segments, checked(Repeat * times));

        /// <summary>Whether two layouts have the same segments by channel count (their spaces can then be joined pairwise).</summary>
        public bool SameShape(ChannelLayout other) =>
            Repeat == other.Repeat && Segments.Count == other.Segments.Count &&
            Segments.Zip(other.Segments, (a, b) => a.Channels == b.Channels).All(x => x);

        /// <summary>
        /// How many indices of the last dimension stay (the length of <see cref="KeptIndices"/>), counted without listing
        /// them: most tensors keep every channel, and a hostile shape can make the last dimension huge.
        /// </summary>
        public long KeptLength(ChannelSpaces spaces, IReadOnlyDictionary<int, bool[]> keptByRoot)
        {
            long once = 0;
            foreach (var (space, channels) in Segments)
                once += keptByRoot.TryGetValue(spaces.Root(space), out var kept) ? kept.Count(k => k) : channels;
            return once * Repeat;
        }

        /// <summary>The indices of the last dimension that stay, given the kept channels of every space (by root).</summary>
        public int[] KeptIndices(ChannelSpaces spaces, IReadOnlyDictionary<int, bool[]> keptByRoot)
        {
            var once = new List<int>();
            int offset = 0;
            foreach (var (space, channels) in Segments)
            {
                keptByRoot.TryGetValue(spaces.Root(space), out var kept);
                for (int c = 0; c < channels; c++)
                    if (kept is null || kept[c]) once.Add(offset + c);
                offset += channels;
            }
            var all = new int[once.Count * Repeat];
            for (int r = 0, w = 0; r < Repeat; r++)
                foreach (int i in once) all[w++] = r * offset + i;
            return all;
        }
    }
}
