using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using McuAi.FlatBuffers;

namespace McuAi.Fuzz.Flex
{
    /// <summary>
    /// Writes a <see cref="FlexNode"/> tree as a FlexBuffer, front to back as the format is laid out:
    /// children before the containers that point back at them, each container as narrow as its values
    /// and offsets allow, the root value, its packed type and its width at the very end.
    /// </summary>
    public sealed class FlexWriter
    {
        private readonly List<byte> _bytes = new();

        public static byte[] Write(FlexNode root)
        {
            var w = new FlexWriter();
            var slot = w.Value(root);
            int width = w.WidthFor(new[] { slot }, w._bytes.Count, 1);
            w.Align(width);
            w.PutSlot(slot, width);
            w._bytes.Add(slot.PackedType(width));
            w._bytes.Add((byte)width);
            return w._bytes.ToArray();
        }

        /// <summary>What a parent stores for a value: an inline scalar, or the position of an out-of-line value.</summary>
        private readonly record struct Slot(FlexBufferType Type, long Bits, int Target, int OwnWidth)
        {
            public bool IsInline => Target < 0;

            /// <summary>type &lt;&lt; 2 | log2 width: the scalar's own width when inline, the child's width otherwise.</summary>
            public byte PackedType(int parentWidth) =>
                (byte)(((int)Type << 2) | Log2(IsInline ? Math.Min(parentWidth, InlineWidth()) : OwnWidth));

            public int InlineWidth() => Type == FlexBufferType.Float ? FloatWidth(Bits) : IntWidth(Bits, Type == FlexBufferType.UInt || Type == FlexBufferType.Bool);
        }

        private Slot Value(FlexNode node)
        {
            switch (node)
            {
                case FlexScalar s: return new Slot(s.Type, s.Bits, -1, 0);
                case FlexString str when str.IsKey: return new Slot(FlexBufferType.Key, 0, Key(str.Utf8), 1);
                case FlexString str: return String(str.Utf8);
                case FlexMapNode map: return Map(map);
                case FlexVectorNode v: return Vector(v.Items.Select(Value).ToList(), typed: false, FlexBufferType.Vector);
                case FlexTypedVector tv:
                {
                    var element = ElementType(tv.Type);
                    return Vector(tv.Elements.Select(e => new Slot(element, e, -1, 0)).ToList(), typed: true, tv.Type);
                }
                default: throw new InvalidOperationException(node.GetType().Name);
            }
        }

        private int Key(byte[] utf8)
        {
            int at = _bytes.Count;
            _bytes.AddRange(utf8);
            _bytes.Add(0);
            return at;
        }

        private Slot String(byte[] utf8)
        {
            int width = IntWidth(utf8.Length, unsigned: true);
            Align(width);
            Put(utf8.Length, width);
            int at = _bytes.Count;
            _bytes.AddRange(utf8);
            _bytes.Add(0);
            return new Slot(FlexBufferType.String, 0, at, width);
        }

        private Slot Map(FlexMapNode map)
        {
            var keys = map.Entries.Select(e => new Slot(FlexBufferType.Key, 0, Key(Encoding.UTF8.GetBytes(e.Key)), 1)).ToList();
            var keyVector = Vector(keys, typed: true, FlexBufferType.VectorKey);
            var values = map.Entries.Select(e => Value(e.Value)).ToList();
            // The map's header is [keys offset][keys width][count], then the values and their types.
            int width = WidthFor(values.Append(keyVector).ToList(), _bytes.Count + 24, values.Count + 3);
            width = Math.Max(width, IntWidth(keyVector.OwnWidth, unsigned: true));
            Align(width);
            PutOffset(keyVector.Target, width);
            Put(keyVector.OwnWidth, width);
            Put(values.Count, width);
            int at = _bytes.Count;
            foreach (var v in values) PutSlot(v, width);
            foreach (var v in values) _bytes.Add(v.PackedType(width));
            return new Slot(FlexBufferType.Map, 0, at, width);
        }

        private Slot Vector(List<Slot> items, bool typed, FlexBufferType type)
        {
            int fixedLength = FixedLength(type);
            int width = WidthFor(items, _bytes.Count + 16, items.Count + 1);
            Align(width);
            if (fixedLength == 0) Put(items.Count, width);
            int at = _bytes.Count;
            foreach (var item in items) PutSlot(item, width);
            if (!typed) foreach (var item in items) _bytes.Add(item.PackedType(width));
            return new Slot(type, 0, at, width);
        }

        /// <summary>The narrowest width that holds every inline value and every backward offset from slots starting near <paramref name="start"/>.</summary>
        private int WidthFor(IReadOnlyList<Slot> slots, int start, int slotCount)
        {
            foreach (int width in new[] { 1, 2, 4, 8 })
            {
                bool fits = true;
                foreach (var s in slots)
                {
                    if (s.IsInline) { if (s.InlineWidth() > width) fits = false; }
                    else if (IntWidth(start + (long)slotCount * width + 8 - s.Target, unsigned: true) > width) fits = false;
                }
                if (fits) return width;
            }
            return 8;
        }

        private void PutSlot(Slot s, int width)
        {
            if (s.IsInline)
            {
                if (s.Type == FlexBufferType.Float && width == 4) Put(BitConverter.SingleToInt32Bits((float)BitConverter.Int64BitsToDouble(s.Bits)), 4);
                else if (s.Type == FlexBufferType.Float && width < 4) Put(0, width); // a float cannot be this narrow: the reader must refuse it
                else Put(s.Bits, width);
            }
            else PutOffset(s.Target, width);
        }

        private void PutOffset(int target, int width) => Put(_bytes.Count - target, width);

        private void Put(long value, int width)
        {
            for (int i = 0; i < width; i++) _bytes.Add((byte)(value >> (8 * i)));
        }

        private void Align(int width)
        {
            while (_bytes.Count % width != 0) _bytes.Add(0);
        }

        private static int Log2(int width) => width switch { 1 => 0, 2 => 1, 4 => 2, _ => 3 };

        private static int IntWidth(long value, bool unsigned)
        {
            if (unsigned)
            {
                ulong u = unchecked((ulong)value);
                return u <= byte.MaxValue ? 1 : u <= ushort.MaxValue ? 2 : u <= uint.MaxValue ? 4 : 8;
            }
            return value is >= sbyte.MinValue and <= sbyte.MaxValue ? 1 : value is >= short.MinValue and <= short.MaxValue ? 2 : value is >= int.MinValue and <= int.MaxValue ? 4 : 8;
        }

        private static int FloatWidth(long bits)
        {
            double d = BitConverter.Int64BitsToDouble(bits);
            return (double)(float)d == d || double.IsNaN(d) ? 4 : 8;
        }

        private static FlexBufferType ElementType(FlexBufferType vector) => vector switch
        {
            FlexBufferType.VectorUInt or FlexBufferType.VectorUInt2 or FlexBufferType.VectorUInt3 or FlexBufferType.VectorUInt4 => FlexBufferType.UInt,
            FlexBufferType.VectorFloat or FlexBufferType.VectorFloat2 or FlexBufferType.VectorFloat3 or FlexBufferType.VectorFloat4 => FlexBufferType.Float,
            FlexBufferType.VectorBool => FlexBufferType.Bool,
            FlexBufferType.VectorKey => FlexBufferType.Key,
            _ => FlexBufferType.Int,
        };

        private static int FixedLength(FlexBufferType type) => type switch
        {
            FlexBufferType.VectorInt2 or FlexBufferType.VectorUInt2 or FlexBufferType.VectorFloat2 => 2,
            FlexBufferType.VectorInt3 or FlexBufferType.VectorUInt3 or FlexBufferType.VectorFloat3 => 3,
            FlexBufferType.VectorInt4 or FlexBufferType.VectorUInt4 or FlexBufferType.VectorFloat4 => 4,
            _ => 0,
        };
    }
}
