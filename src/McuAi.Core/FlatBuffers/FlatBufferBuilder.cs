using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace McuAi.FlatBuffers
{
    /// <summary>
    /// Writes a FlatBuffer back to front, as the format is designed to be built: children first, then the
    /// tables that point at them, the root last. Every value is aligned to its size relative to the END of
    /// the buffer; <see cref="Finish"/> pads the front so that the total size is a multiple of the largest
    /// alignment used, which makes every alignment hold relative to the START as well (what a reader that
    /// maps the file in place, like TFLM, relies on).
    /// <para>
    /// References returned by the Create/End methods are "offsets from the end": the number of bytes
    /// written when the object was complete. They stay valid while the buffer grows at the front.
    /// Identical vtables are written once and shared. The output depends only on the calls made.
    /// </para>
    /// </summary>
    public sealed class FlatBufferBuilder
    {
        private byte[] _bytes;
        private int _head; // first used byte; bytes [_head, _bytes.Length) are written
        private int _minAlign = 1;

        private readonly List<int> _fieldOffsets = new(); // per field id: offset-from-end of the value, 0 = absent
        private int _tableStart = -1;
        private bool _tableHasFields;
        private readonly Dictionary<VtableKey, int> _vtables = new();

        public FlatBufferBuilder(int initialCapacity = 1024)
        {
            _bytes = new byte[Math.Max(16, initialCapacity)];
            _head = _bytes.Length;
        }

        /// <summary>Bytes written so far; also the reference of the object completed last.</summary>
        public int Offset => _bytes.Length - _head;

        /// <summary>The largest alignment requested so far.</summary>
        public int MinAlign => _minAlign;

        // ---- low-level placement -------------------------------------------------------------------

        /// <summary>
        /// Makes room so that, after <paramref name="additionalBytes"/> more bytes are written, the next
        /// value of <paramref name="size"/> bytes lands on a multiple of <paramref name="size"/>.
        /// </summary>
        public void Prep(int size, int additionalBytes)
        {
            if (size > _minAlign) _minAlign = size;
            int padding = (int)((uint)-(Offset + additionalBytes) & (uint)(size - 1));
            Ensure(padding + size + additionalBytes);
            for (int i = 0; i < padding; i++) _bytes[--_head] = 0;
        }

        private void Ensure(int needed)
        {
            if (_head >= needed) return;
            int used = Offset;
            const long limit = int.MaxValue - 64; // the largest array .NET allows, and what 32-bit offsets can span
            long required = (long)used + needed;
            if (required > limit)
                throw new InvalidOperationException("a FlatBuffer cannot exceed 2 GB; write large buffers in offset form");
            long newSize = Math.Min(Math.Max((long)_bytes.Length * 2, required + 16), limit);
            var grown = new byte[newSize];
            Buffer.BlockCopy(_bytes, _head, grown, grown.Length - used, used);
            _bytes = grown;
            _head = grown.Length - used;
        }

        private Span<byte> Claim(int count)
        {
            Ensure(count);
            _head -= count;
            return _bytes.AsSpan(_head, count);
        }

        public void PutByte(byte value) { Prep(1, 0); Claim(1)[0] = value; }
        public void PutInt16(short value) { Prep(2, 0); BinaryPrimitives.WriteInt16LittleEndian(Claim(2), value); }
        public void PutInt32(int value) { Prep(4, 0); BinaryPrimitives.WriteInt32LittleEndian(Claim(4), value); }
        public void PutUInt32(uint value) { Prep(4, 0); BinaryPrimitives.WriteUInt32LittleEndian(Claim(4), value); }
        public void PutInt64(long value) { Prep(8, 0); BinaryPrimitives.WriteInt64LittleEndian(Claim(8), value); }
        public void PutUInt64(ulong value) { Prep(8, 0); BinaryPrimitives.WriteUInt64LittleEndian(Claim(8), value); }
        public void PutFloat(float value) => PutInt32(BitConverterCompat.SingleToInt32Bits(value));
        public void PutDouble(double value) => PutInt64(BitConverter.DoubleToInt64Bits(value));

        /// <summary>Writes a uoffset pointing at <paramref name="target"/> (a reference written earlier).</summary>
        public void PutOffset(int target)
        {
            Prep(4, 0);
            if (target <= 0 || target > Offset)
                throw new ArgumentException("an offset must point at an object written earlier", nameof(target));
            PutUInt32((uint)(Offset - target + 4));
        }

        // ---- vectors and strings ------------------------------------------------------------------

        /// <summary>
        /// Writes a vector of raw little-endian elements. <paramref name="alignment"/> (at least the element
        /// size) aligns the first element, e.g. 16 for <c>(force_align: 16)</c> fields.
        /// </summary>
        public int CreateVector(ReadOnlySpan<byte> elementBytes, int elementSize, int alignment = 0)
        {
            if (elementSize <= 0 || elementBytes.Length % elementSize != 0)
                throw new ArgumentException("the bytes are not a whole number of elements", nameof(elementBytes));
            elementBytes.CopyTo(ClaimVector(elementBytes.Length, Math.Max(alignment, elementSize)));
            return EndVector(elementBytes.Length / elementSize);
        }

        public int CreateByteVector(ReadOnlySpan<byte> bytes, int alignment = 1) => CreateVector(bytes, 1, alignment);

        public int CreateBoolVector(IReadOnlyList<bool> values)
        {
            var span = ClaimVector(values.Count, 1);
            for (int i = 0; i < values.Count; i++) span[i] = values[i] ? (byte)1 : (byte)0;
            return EndVector(values.Count);
        }

        public int CreateInt32Vector(IReadOnlyList<int> values)
        {
            var span = ClaimVector(values.Count * 4, 4);
            for (int i = 0; i < values.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(span.Slice(4 * i), values[i]);
            return EndVector(values.Count);
        }

        public int CreateUInt32Vector(IReadOnlyList<uint> values)
        {
            var span = ClaimVector(values.Count * 4, 4);
            for (int i = 0; i < values.Count; i++) BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(4 * i), values[i]);
            return EndVector(values.Count);
        }

        public int CreateInt64Vector(IReadOnlyList<long> values)
        {
            var span = ClaimVector(values.Count * 8, 8);
            for (int i = 0; i < values.Count; i++) BinaryPrimitives.WriteInt64LittleEndian(span.Slice(8 * i), values[i]);
            return EndVector(values.Count);
        }

        public int CreateFloatVector(IReadOnlyList<float> values)
        {
            var span = ClaimVector(values.Count * 4, 4);
            for (int i = 0; i < values.Count; i++)
                BinaryPrimitives.WriteInt32LittleEndian(span.Slice(4 * i), BitConverterCompat.SingleToInt32Bits(values[i]));
            return EndVector(values.Count);
        }

        /// <summary>Room for a vector's elements, placed so that its length prefix and first element are aligned.</summary>
        private Span<byte> ClaimVector(int byteLength, int alignment)
        {
            Prep(4, byteLength);                          // the length prefix is a 4-byte uint
            Prep(Math.Max(alignment, 4), byteLength);     // the first element lands on the requested alignment
            return Claim(byteLength);
        }

        private int EndVector(int count)
        {
            PutUInt32((uint)count);
            return Offset;
        }

        /// <summary>A vector of references (tables or strings written earlier).</summary>
        public int CreateOffsetVector(IReadOnlyList<int> targets)
        {
            Prep(4, 4 * targets.Count);
            for (int i = targets.Count - 1; i >= 0; i--) PutOffset(targets[i]);
            PutUInt32((uint)targets.Count);
            return Offset;
        }

        /// <summary>A UTF-8 string with its length prefix and the terminating zero the format requires.</summary>
        public int CreateString(string value)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(value);
            Prep(4, utf8.Length + 1);
            Claim(1)[0] = 0;
            utf8.CopyTo(Claim(utf8.Length));
            PutUInt32((uint)utf8.Length);
            return Offset;
        }

        // ---- tables -----------------------------------------------------------------------------

        /// <summary>Starts a table; add its fields, then call <see cref="EndTable"/>. Tables do not nest.</summary>
        public void StartTable()
        {
            if (_tableStart >= 0) throw new InvalidOperationException("tables cannot be nested: create children first");
            _fieldOffsets.Clear();
            _tableStart = Offset;
            _tableHasFields = false;
        }

        /// <summary>Records field <paramref name="id"/>, just written with <paramref name="size"/> bytes.</summary>
        private void Track(int id, int size)
        {
            if (_tableStart < 0) throw new InvalidOperationException("a field is added outside a table");
            // The object ends where its first field ends: alignment padding in front of that field is not
            // part of the object, so tables with the same layout get the same size and share a vtable.
            if (!_tableHasFields) _tableStart = Offset - size;
            _tableHasFields = true;
            while (_fieldOffsets.Count <= id) _fieldOffsets.Add(0);
            _fieldOffsets[id] = Offset;
        }

        public void AddBool(int id, bool value) { PutByte(value ? (byte)1 : (byte)0); Track(id, 1); }
        public void AddByte(int id, byte value) { PutByte(value); Track(id, 1); }
        public void AddSByte(int id, sbyte value) { PutByte(unchecked((byte)value)); Track(id, 1); }
        public void AddInt16(int id, short value) { PutInt16(value); Track(id, 2); }
        public void AddUInt16(int id, ushort value) { PutInt16(unchecked((short)value)); Track(id, 2); }
        public void AddInt32(int id, int value) { PutInt32(value); Track(id, 4); }
        public void AddUInt32(int id, uint value) { PutUInt32(value); Track(id, 4); }
        public void AddInt64(int id, long value) { PutInt64(value); Track(id, 8); }
        public void AddUInt64(int id, ulong value) { PutUInt64(value); Track(id, 8); }
        public void AddFloat(int id, float value) { PutFloat(value); Track(id, 4); }
        public void AddDouble(int id, double value) { PutDouble(value); Track(id, 8); }

        /// <summary>A reference field (table, vector, string) pointing at an object written earlier.</summary>
        public void AddOffset(int id, int target) { PutOffset(target); Track(id, 4); }

        /// <summary>
        /// A field whose inline bytes are given verbatim (options tables of unknown type). The bytes are
        /// aligned to the largest power of two that divides their length, up to 8.
        /// </summary>
        public void AddRaw(int id, ReadOnlySpan<byte> inlineBytes)
        {
            int align = 1;
            while (align < 8 && inlineBytes.Length % (align * 2) == 0 && inlineBytes.Length > 0) align *= 2;
            Prep(align, inlineBytes.Length - align);
            inlineBytes.CopyTo(Claim(inlineBytes.Length));
            Track(id, inlineBytes.Length);
        }

        /// <summary>
        /// Finishes the table: writes its vtable offset and its vtable (or reuses an identical one).
        /// Trailing absent fields are left out of the vtable unless <paramref name="minimumSlots"/> asks
        /// for them (to reproduce a vtable exactly as another writer laid it out).
        /// </summary>
        public int EndTable(int minimumSlots = 0)
        {
            if (_tableStart < 0) throw new InvalidOperationException("EndTable without StartTable");
            PutInt32(0); // placeholder for the soffset to the vtable
            int table = Offset;
            while (_fieldOffsets.Count < minimumSlots) _fieldOffsets.Add(0);
            int slots = _fieldOffsets.Count;
            while (slots > minimumSlots && _fieldOffsets[slots - 1] == 0) slots--;
            var entries = new ushort[2 + slots];
            entries[0] = checked((ushort)(4 + 2 * slots));
            entries[1] = checked((ushort)(table - _tableStart));
            for (int i = 0; i < slots; i++)
                entries[2 + i] = _fieldOffsets[i] == 0 ? (ushort)0 : checked((ushort)(table - _fieldOffsets[i]));
            var key = new VtableKey(entries);
            int tablePos = _bytes.Length - table;
            if (_vtables.TryGetValue(key, out int existing))
            {
                // The shared vtable was written earlier, so it lies after the table: a negative soffset.
                BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(tablePos), existing - table);
            }
            else
            {
                for (int i = entries.Length - 1; i >= 0; i--) PutInt16(unchecked((short)entries[i]));
                int vtable = Offset;
                _vtables.Add(key, vtable);
                tablePos = _bytes.Length - table; // the buffer may have grown while writing the vtable
                BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(tablePos), vtable - table);
            }
            _tableStart = -1;
            return table;
        }

        // ---- finishing ---------------------------------------------------------------------------

        /// <summary>
        /// Writes the root offset and the 4-character file identifier and returns the finished buffer.
        /// <paramref name="alignment"/> raises the alignment of the whole buffer (e.g. 16 so that
        /// 16-aligned vectors stay aligned relative to the start).
        /// </summary>
        public byte[] Finish(int root, string fileIdentifier, int alignment = 1)
        {
            if (fileIdentifier.Length != 4) throw new ArgumentException("a file identifier has 4 characters", nameof(fileIdentifier));
            if (_tableStart >= 0) throw new InvalidOperationException("Finish inside a table");
            int align = Math.Max(Math.Max(alignment, _minAlign), 4);
            Prep(align, 8);
            var id = Claim(4);
            for (int i = 0; i < 4; i++) id[i] = checked((byte)fileIdentifier[i]);
            PutOffset(root);
            return _bytes.AsSpan(_head).ToArray();
        }

        /// <summary>A vtable's content, compared by value so that identical vtables are shared.</summary>
        private readonly struct VtableKey : IEquatable<VtableKey>
        {
            private readonly ushort[] _entries;
            private readonly int _hash;

            public VtableKey(ushort[] entries)
            {
                _entries = entries;
                int h = 17;
                foreach (ushort e in entries) h = unchecked(h * 31 + e);
                _hash = h;
            }

            public bool Equals(VtableKey other) => _entries.AsSpan().SequenceEqual(other._entries);
            public override bool Equals(object? obj) => obj is VtableKey k && Equals(k);
            public override int GetHashCode() => _hash;
        }
    }
}
