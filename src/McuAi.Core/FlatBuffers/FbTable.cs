using System;

namespace McuAi.FlatBuffers
{
    /// <summary>
    /// One table of a <see cref="FlatBuffer"/>, with its vtable already validated. Field getters check
    /// that the field lies inside the table's object and the buffer before reading it.
    /// </summary>
    public readonly struct FbTable
    {
        private readonly FlatBuffer _buffer;
        private readonly int _vtable;
        private readonly int _vtableSize;
        private readonly int _objectSize;

        internal FbTable(FlatBuffer buffer, int position, int vtable, int vtableSize, int objectSize)
        {
            _buffer = buffer;
            Position = position;
            _vtable = vtable;
            _vtableSize = vtableSize;
            _objectSize = objectSize;
        }

        public int Position { get; }

        /// <summary>How many field slots the vtable has.</summary>
        public int FieldSlotCount => (_vtableSize - 4) / 2;

        /// <summary>The inline size of the table object in bytes (including its vtable offset).</summary>
        public int ObjectSize => _objectSize;

        /// <summary>Whether field <paramref name="id"/> is stored in this table.</summary>
        public bool Has(int id) => RawFieldOffset(id) != 0;

        /// <summary>The field's offset from the table start, or 0 when absent.</summary>
        public int RawFieldOffset(int id)
        {
            int slot = 4 + 2 * id;
            if (id < 0 || slot + 2 > _vtableSize) return 0;
            return _buffer.ReadUInt16(_vtable + slot);
        }

        /// <summary>Absolute position of the field, or -1 when absent; the field's bytes are checked to lie inside the object.</summary>
        private int FieldPosition(int id, int size)
        {
            int offset = RawFieldOffset(id);
            if (offset == 0) return -1;
            if (offset < 4 || offset + size > _objectSize)
                throw new FlatBufferException($"field {id} lies outside its table", Position);
            return Position + offset;
        }

        public bool GetBool(int id, bool defaultValue = false)
        {
            int p = FieldPosition(id, 1);
            return p < 0 ? defaultValue : _buffer.ReadByte(p) != 0;
        }

        public byte GetByte(int id, byte defaultValue = 0)
        {
            int p = FieldPosition(id, 1);
            return p < 0 ? defaultValue : _buffer.ReadByte(p);
        }

        public sbyte GetSByte(int id, sbyte defaultValue = 0)
        {
            int p = FieldPosition(id, 1);
            return p < 0 ? defaultValue : unchecked((sbyte)_buffer.ReadByte(p));
        }

        public short GetInt16(int id, short defaultValue = 0)
        {
            int p = FieldPosition(id, 2);
            return p < 0 ? defaultValue : _buffer.ReadInt16(p);
        }

        public ushort GetUInt16(int id, ushort defaultValue = 0)
        {
            int p = FieldPosition(id, 2);
            return p < 0 ? defaultValue : _buffer.ReadUInt16(p);
        }

        public int GetInt32(int id, int defaultValue = 0)
        {
            int p = FieldPosition(id, 4);
            return p < 0 ? defaultValue : _buffer.ReadInt32(p);
        }

        public uint GetUInt32(int id, uint defaultValue = 0)
        {
            int p = FieldPosition(id, 4);
            return p < 0 ? defaultValue : _buffer.ReadUInt32(p);
        }

        public long GetInt64(int id, long defaultValue = 0)
        {
            int p = FieldPosition(id, 8);
            return p < 0 ? defaultValue : _buffer.ReadInt64(p);
        }

        public ulong GetUInt64(int id, ulong defaultValue = 0)
        {
            int p = FieldPosition(id, 8);
            return p < 0 ? defaultValue : _buffer.ReadUInt64(p);
        }

        public float GetFloat(int id, float defaultValue = 0)
        {
            int p = FieldPosition(id, 4);
            return p < 0 ? defaultValue : _buffer.ReadSingle(p);
        }

        public double GetDouble(int id, double defaultValue = 0)
        {
            int p = FieldPosition(id, 8);
            return p < 0 ? defaultValue : _buffer.ReadDouble(p);
        }

        /// <summary>The inline bytes of a scalar field (for options the code does not model), or empty when absent.</summary>
        public ReadOnlyMemory<byte> GetRawScalar(int id, int size)
        {
            int p = FieldPosition(id, size);
            return p < 0 ? ReadOnlyMemory<byte>.Empty : _buffer.Bytes.Slice(p, size);
        }

        /// <summary>A sub-table, or null when absent.</summary>
        public FbTable? GetTable(int id)
        {
            int p = FieldPosition(id, 4);
            if (p < 0) return null;
            return _buffer.TableAt(_buffer.FollowOffset(p));
        }

        public string? GetString(int id)
        {
            int p = FieldPosition(id, 4);
            if (p < 0) return null;
            return _buffer.ReadString(_buffer.FollowOffset(p));
        }

        /// <summary>A vector field, or null when absent. The element size is checked against the buffer.</summary>
        public FbVector? GetVector(int id, int elementSize)
        {
            int p = FieldPosition(id, 4);
            if (p < 0) return null;
            int v = _buffer.FollowOffset(p);
            int count = _buffer.VectorCount(v, elementSize);
            return new FbVector(_buffer, v + 4, count, elementSize);
        }
    }
}
