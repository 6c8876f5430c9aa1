using System;
using System.Buffers.Binary;
using System.Text;

namespace McuAi.FlatBuffers
{
    /// <summary>
    /// A FlatBuffer over bytes that may come from anywhere: every offset, length and vtable entry is
    /// checked before it is used, so malformed input raises <see cref="FlatBufferException"/> and never
    /// reads out of range. Byte vectors are returned as slices of the original memory, never copied.
    /// </summary>
    public sealed class FlatBuffer
    {
        public FlatBuffer(ReadOnlyMemory<byte> bytes)
        {
            Bytes = bytes;
        }

        public ReadOnlyMemory<byte> Bytes { get; }

        public int Length => Bytes.Length;

        /// <summary>The root table: the uoffset at byte 0.</summary>
        public FbTable Root()
        {
            Require(0, 8, "buffer too short for a root offset and file identifier");
            return TableAt(FollowOffset(0));
        }

        /// <summary>The four file-identifier bytes (4-7) as ASCII, or null if the buffer is too short.</summary>
        public string? FileIdentifier()
        {
            if (Length < 8) return null;
            var span = Bytes.Span.Slice(4, 4);
            var chars = new char[4];
            for (int i = 0; i < 4; i++) chars[i] = (char)span[i];
            return new string(chars);
        }

        internal FbTable TableAt(int position)
        {
            Require(position, 4, "table outside the buffer");
            long vtable = (long)position - ReadInt32(position);
            if (vtable < 0 || vtable > Length - 4)
                throw new FlatBufferException("vtable outside the buffer", position);
            int vt = (int)vtable;
            int vtableSize = ReadUInt16(vt);
            int objectSize = ReadUInt16(vt + 2);
            if (vtableSize < 4 || (vtableSize & 1) != 0 || vt + (long)vtableSize > Length)
                throw new FlatBufferException("malformed vtable size", vt);
            if (objectSize < 4 || position + (long)objectSize > Length)
                throw new FlatBufferException("table object size outside the buffer", position);
            return new FbTable(this, position, vt, vtableSize, objectSize);
        }

        /// <summary>Follows the uoffset stored at <paramref name="position"/>; the target must lie inside the buffer.</summary>
        internal int FollowOffset(int position)
        {
            Require(position, 4, "offset outside the buffer");
            long target = position + (long)ReadUInt32(position);
            if (target >= Length)
                throw new FlatBufferException("offset points outside the buffer", position);
            return (int)target;
        }

        /// <summary>Checks a vector header at <paramref name="position"/> and returns its element count.</summary>
        internal int VectorCount(int position, int elementSize)
        {
            Require(position, 4, "vector length outside the buffer");
            uint count = ReadUInt32(position);
            long end = position + 4L + (long)count * elementSize;
            if (end > Length)
                throw new FlatBufferException($"vector of {count} elements runs past the end of the buffer", position);
            return (int)count;
        }

        internal string ReadString(int position)
        {
            int length = VectorCount(position, 1);
            if (length == 0) return "";
#if NETSTANDARD2_0
            unsafe
            {
                fixed (byte* p = Bytes.Span.Slice(position + 4, length)) return Encoding.UTF8.GetString(p, length);
            }
#else
            return Encoding.UTF8.GetString(Bytes.Span.Slice(position + 4, length));
#endif
        }

        internal void Require(int position, int size, string what)
        {
            if (position < 0 || position + (long)size > Length)
                throw new FlatBufferException(what, position);
        }

        // Unchecked primitives: callers have validated the range.
        internal byte ReadByte(int p) => Bytes.Span[p];
        internal ushort ReadUInt16(int p) => BinaryPrimitives.ReadUInt16LittleEndian(Bytes.Span.Slice(p, 2));
        internal short ReadInt16(int p) => BinaryPrimitives.ReadInt16LittleEndian(Bytes.Span.Slice(p, 2));
        internal int ReadInt32(int p) => BinaryPrimitives.ReadInt32LittleEndian(Bytes.Span.Slice(p, 4));
        internal uint ReadUInt32(int p) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes.Span.Slice(p, 4));
        internal long ReadInt64(int p) => BinaryPrimitives.ReadInt64LittleEndian(Bytes.Span.Slice(p, 8));
        internal ulong ReadUInt64(int p) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes.Span.Slice(p, 8));
        internal float ReadSingle(int p) => BitConverterCompat.Int32BitsToSingle(ReadInt32(p));
        internal double ReadDouble(int p) => BitConverter.Int64BitsToDouble(ReadInt64(p));
    }

    internal static class BitConverterCompat
    {
        public static float Int32BitsToSingle(int bits)
        {
#if NETSTANDARD2_0
            unsafe { return *(float*)&bits; }
#else
            return BitConverter.Int32BitsToSingle(bits);
#endif
        }

        public static int SingleToInt32Bits(float value)
        {
#if NETSTANDARD2_0
            unsafe { return *(int*)&value; }
#else
            return BitConverter.SingleToInt32Bits(value);
#endif
        }
    }
}
