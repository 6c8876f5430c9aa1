using System.Collections.Generic;

namespace McuAi.Simplification
{
    /// <summary>
    /// Sets of channels that must be pruned together (union-find). A space starts as the output channels of one
    /// CONV_2D or FULLY_CONNECTED; element-wise operators and residual ADDs join the spaces of their operands, so
    /// a channel removed from one member disappears from all of them. A frozen space keeps all its channels: it
    /// reaches a model input or output, or an operator whose channels cannot follow (SOFTMAX, STRIDED_SLICE, ...).
    /// </summary>
    internal sealed class ChannelSpaces
    {
        private readonly List<int> _parent = new();
        private readonly List<int> _count = new();
        private readonly List<string?> _frozenBecause = new();

        public int Count => _parent.Count;

        /// <summary>A new space of <paramref name="channels"/> channels; frozen when <paramref name="frozenBecause"/> is given.</summary>
        public int New(int channels, string? frozenBecause = null)
        {
            _parent.Add(_parent.Count);
            _count.Add(channels);
            _frozenBecause.Add(frozenBecause);
            return _parent.Count - 1;
        }

        public int Root(int space)
        {
            while (_parent[space] != space)
            {
                _parent[space] = _parent[_parent[space]];
                space = _parent[space];
            }
            return space;
        }

        public int Channels(int space) => _count[Root(space)];

        /// <summary>Why the space keeps all its channels, or null when it may be pruned.</summary>
        public string? FrozenBecause(int space) => _frozenBecause[Root(space)];

        public void Freeze(int space, string because)
        {
            int root = Root(space);
            _frozenBecause[root] ??= because;
        }

        /// <summary>Joins two spaces (their channels are the same channels); spaces of different sizes cannot be joined and are frozen.</summary>
        public void Union(int a, int b)
        {
            int ra = Root(a), rb = Root(b);
            if (ra == rb) return;
            if (_count[ra] != _count[rb])
            {
                Freeze(ra, "joined with a different channel count");
                Freeze(rb, "joined with a different channel count");
                return;
            }
            if (rb < ra) (ra, rb) = (rb, ra);
            _parent[rb] = ra;
            _frozenBecause[ra] ??= _frozenBecause[rb];
        }
    }
}
