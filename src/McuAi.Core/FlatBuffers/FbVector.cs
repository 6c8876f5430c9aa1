using System;

namespace McuAi.FlatBuffers
{
    /// <summary>A vector whose extent has been checked against the buffer.</summary>
    public readonly struct FbVector
    {
        private readonly FlatBuffer _buffer;
        private readonly int _start;
        private readonly int _elementSize;

        internal FbVector(FlatBuffer buffer, int start, int count, int elementSize)
        {
            _buffer = buffer;
            _start = start;
            Count = count;
            _elementSize = elementSize;
        }

        public int Count { get; }

        /// <summary>Absolute byte position of the first element (alignment checks, offset-form buffers).</summary>
        public int Start => _start;

        /// <summary>The element bytes as a slice of the original buffer: no copy.</summary>
        public ReadOnlyMemory<byte> Bytes => _buffer.Bytes.Slice(_start, Count * _elementSize);

        private int At(int index)
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return _start + index * _elementSize;
        }

        public byte GetByte(int i) => _buffer.ReadByte(At(i));
        public sbyte GetSByte(int i) => unchecked((sbyte)_buffer.ReadByte(At(i)));
        public bool GetBool(int i) => _buffer.ReadByte(At(i)) != 0;
        public short GetInt16(int i) => _buffer.ReadInt16(At(i));
        public ushort GetUInt16(int i) => _buffer.ReadUInt16(At(i));
        public int GetInt32(int i) => _buffer.ReadInt32(At(i));
        public uint GetUInt32(int i) => _buffer.ReadUInt32(At(i));
        public long GetInt64(int i) => _buffer.ReadInt64(At(i));
        public ulong GetUInt64(int i) => _buffer.ReadUInt64(At(i));
        public float GetFloat(int i) => _buffer.ReadSingle(At(i));
        public double GetDouble(int i) => _buffer.ReadDouble(At(i));

        /// <summary>Element <paramref name="i"/> of a vector of tables (elements are uoffsets).</summary>
        public FbTable GetTable(int i) => _buffer.TableAt(_buffer.FollowOffset(At(i)));

        /// <summary>Element <paramref name="i"/> of a vector of strings.</summary>
        public string GetString(int i) => _buffer.ReadString(_buffer.FollowOffset(At(i)));

        public int[] ToInt32Array()
        {
            var result = new int[Count];
            for (int i = 0; i < result.Length; i++) result[i] = _buffer.ReadInt32(_start + 4 * i);
            return result;
        }

        public long[] ToInt64Array()
        {
            var result = new long[Count];
            for (int i = 0; i < result.Length; i++) result[i] = _buffer.ReadInt64(_start + 8 * i);
            return result;
        }

        public float[] ToFloatArray()
        {
            var result = new float[Count];
            for (int i = 0; i < result.Length; i++) result[i] = _buffer.ReadSingle(_start + 4 * i);
            return result;
        }
    }
}
