using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace McuAi.TfLite
{
    /// <summary>
    /// Values keyed by op name (<c>ADD</c>, <c>CUSTOM:SignalWindow</c>, or a bare custom name such as <c>SignalWindow</c>),
    /// looked up at a cost bounded by the longest key, not by the name asked for: a name longer than every key is refused
    /// by its length before it is hashed. The registries of ops are asked once per operator, and a hostile model can give
    /// hundreds of operators one shared megabyte-long custom name (issue 10 C: hashing it per operator took seconds).
    /// </summary>
    public sealed class OpNameTable<T>
    {
        private readonly Dictionary<string, T> _byName;
        private readonly int _longest;

        public OpNameTable(Dictionary<string, T> byName)
        {
            _byName = new Dictionary<string, T>(byName, StringComparer.Ordinal);
            foreach (string name in _byName.Keys) _longest = Math.Max(_longest, name.Length);
        }

        /// <summary>Every name in the table, in no particular order.</summary>
        public IEnumerable<string> Names => _byName.Keys;

        public bool TryGetValue(string? name, [MaybeNullWhen(false)] out T value)
        {
            if (name is null || name.Length > _longest)
            {
                value = default;
                return false;
            }
            return _byName.TryGetValue(name, out value);
        }

        public bool Contains(string? name) => TryGetValue(name, out _);
    }
}
