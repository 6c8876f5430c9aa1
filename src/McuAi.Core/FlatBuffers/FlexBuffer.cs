using System;
using System.Buffers.Binary;
using McuAi.Diagnostics;

namespace McuAi.FlatBuffers
{
    /// <summary>
    /// A FlexBuffer (the format of TFLite custom operator options) over untrusted bytes. Every width,
    /// offset and length is checked before use; malformed data raises a coded
    /// <see cref="McuAiException"/> (<see cref="DiagnosticCodes.InvalidCustomOptions"/>) and never reads
    /// out of range. Values are decoded on access, nothing is copied.
    /// <para>
    /// Layout in brief: the last byte is the root's byte width, the byte before it the root's packed
    /// type (type &lt;&lt; 2 | log2 width), and the root value sits just before those two bytes. Vectors and
    /// maps are reached through unsigned offsets that point backwards, and have their element count
    /// stored just before their first element.
    /// </para>
    /// </summary>
    public sealed class FlexBuffer
    {
        private readonly ReadOnlyMemory<byte> _bytes;

        /// <param name="bytes">The FlexBuffer.</param>
        /// <param name="fileName">The file the bytes come from, named in errors.</param>
        /// <param name="description">What the bytes are (for instance "custom options of operator 3"), named in errors.</param>
        public FlexBuffer(ReadOnlyMemory<byte> bytes, string? fileName = null, string description = "FlexBuffer")
        {
            _bytes = bytes;
            FileName = fileName;
            Description = description;
        }

        public string? FileName { get; }
        public string Description { get; }
        public int Length => _bytes.Length;

        /// <summary>The root value.</summary>
        public FlexValue Root
        {
            get
            {
                if (Length < 3) throw Malformed($"{Length} bytes are too few for a FlexBuffer (at least 3)", 0);
                var span = _bytes.Span;
                int width = span[Length - 1];
                if (!IsWidth(width)) throw Malformed($"root byte width {width} is not 1, 2, 4 or 8", Length - 1);
                int position = Length - 2 - width;
                if (position < 0) throw Malformed($"root value of {width} bytes does not fit", 0);
                return FlexValue.FromPackedType(this, position, width, span[Length - 2]);
            }
        }

        internal static bool IsWidth(int width) => width is 1 or 2 or 4 or 8;

        internal byte ByteAt(int position)
        {
            Require(position, 1, "byte");
            return _bytes.Span[position];
        }

        internal long ReadSigned(int position, int width)
        {
            var span = Slice(position, width, "integer");
            return width switch
            {
                1 => (sbyte)span[0],
                2 => BinaryPrimitives.ReadInt16LittleEndian(span),
                4 => BinaryPrimitives.ReadInt32LittleEndian(span),
                _ => BinaryPrimitives.ReadInt64LittleEndian(span),
            };
        }

        internal ulong ReadUnsigned(int position, int width)
        {
            var span = Slice(position, width, "unsigned integer");
            return width switch
            {
                1 => span[0],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(span),
                4 => BinaryPrimitives.ReadUInt32LittleEndian(span),
                _ => BinaryPrimitives.ReadUInt64LittleEndian(span),
            };
        }

        internal double ReadFloat(int position, int width)
        {
            var span = Slice(position, width, "float");
            return width switch
            {
                4 => BitConverterCompat.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(span)),
                8 => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(span)),
                _ => throw Malformed($"a float cannot be {width} bytes wide", position),
            };
        }

        /// <summary>Follows the backward offset stored at <paramref name="position"/>; the target lies inside the buffer.</summary>
        internal int Indirect(int position, int width)
        {
            ulong offset = ReadUnsigned(position, width);
            if (offset > (ulong)position) throw Malformed($"offset {offset} points before the start of the buffer", position);
            return position - (int)offset;
        }

        /// <summary>The element count stored just before a vector's first element, checked to fit the buffer.</summary>
        internal int VectorCount(int target, int width, int bytesAfterEach)
        {
            if (target < width) throw Malformed("vector length outside the buffer", target);
            ulong count = ReadUnsigned(target - width, width);
            ulong needed = count * (ulong)(width + bytesAfterEach);
            if (count > (ulong)Length || (ulong)target + needed > (ulong)Length)
                throw Malformed($"vector of {count} elements of {width} bytes does not fit the buffer", target);
            return (int)count;
        }

        /// <summary>The null-terminated UTF-8 string starting at <paramref name="position"/>.</summary>
        internal string NullTerminatedString(int position)
        {
            Require(position, 1, "string");
            var span = _bytes.Span.Slice(position);
            int end = span.IndexOf((byte)0);
            if (end < 0) throw Malformed("string without a terminating zero byte", position);
            return System.Text.Encoding.UTF8.GetString(span.Slice(0, end).ToArray());
        }

        internal ReadOnlySpan<byte> Slice(int position, int length, string what)
        {
            Require(position, length, what);
            return _bytes.Span.Slice(position, length);
        }

        private void Require(int position, int length, string what)
        {
            if (position < 0 || length < 0 || (long)position + length > Length)
                throw Malformed($"{what} of {length} bytes outside the buffer of {Length} bytes", position);
        }

        internal McuAiException Malformed(string message, int position) =>
            new(DiagnosticCodes.InvalidCustomOptions, FileName,
                $"{Description}: malformed FlexBuffer: {message} (at byte {position}); re-export the model with the converter that wrote this op");

        internal McuAiException Invalid(string message) =>
            new(DiagnosticCodes.InvalidCustomOptions, FileName, $"{Description}: {message}");
    }
}
