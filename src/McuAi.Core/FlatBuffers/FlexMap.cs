using System;
using System.Collections.Generic;

namespace McuAi.FlatBuffers
{
    /// <summary>
    /// A FlexBuffers map: a vector of values (with one packed type byte per value after them) preceded by
    /// the offset and byte width of a parallel vector of keys, sorted by key. Looking a key up by name
    /// gives the same value as TFLM's position-based access, which relies on that sorting.
    /// </summary>
    public sealed class FlexMap
    {
        private readonly FlexBuffer _buffer;
        private readonly int _values;
        private readonly int _width;
        private readonly int _keys;
        private readonly int _keyWidth;

        internal FlexMap(FlexBuffer buffer, int values, int width)
        {
            _buffer = buffer;
            _values = values;
            _width = width;
            Count = buffer.VectorCount(values, width, 1);
            if (values < 3 * width) throw buffer.Malformed("map header outside the buffer", values);
            _keys = buffer.Indirect(values - 3 * width, width);
            ulong keyWidth = buffer.ReadUnsigned(values - 2 * width, width);
            if (keyWidth > 8 || !FlexBuffer.IsWidth((int)keyWidth)) throw buffer.Malformed($"key vector byte width {keyWidth} is not 1, 2, 4 or 8", values - 2 * width);
            _keyWidth = (int)keyWidth;
            int keyCount = buffer.VectorCount(_keys, _keyWidth, 0);
            if (keyCount != Count) throw buffer.Malformed($"map has {Count} values but {keyCount} keys", _keys);
        }

        public int Count { get; }

        /// <summary>Key <paramref name="i"/> (keys are in sorted order).</summary>
        public string KeyAt(int i)
        {
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i));
            return _buffer.NullTerminatedString(_buffer.Indirect(_keys + i * _keyWidth, _keyWidth));
        }

        /// <summary>Value <paramref name="i"/>, in key order.</summary>
        public FlexValue ValueAt(int i)
        {
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i));
            return FlexValue.FromPackedType(_buffer, _values + i * _width, _width, _buffer.ByteAt(_values + Count * _width + i));
        }

        public IReadOnlyList<string> Keys
        {
            get
            {
                var keys = new string[Count];
                for (int i = 0; i < Count; i++) keys[i] = KeyAt(i);
                return keys;
            }
        }

        public bool TryGetValue(string key, out FlexValue value)
        {
            for (int i = 0; i < Count; i++)
            {
                if (string.Equals(KeyAt(i), key, StringComparison.Ordinal))
                {
                    value = ValueAt(i);
                    return true;
                }
            }
            value = default;
            return false;
        }

        /// <summary>The value of <paramref name="key"/>, or a coded error naming the key and the keys present.</summary>
        public FlexValue this[string key] =>
            TryGetValue(key, out var value) ? value
                : throw _buffer.Invalid($"parameter '{key}' is missing (present: {(Count == 0 ? "none" : string.Join(", ", Keys))})");
    }
}
