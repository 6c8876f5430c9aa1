using System;

namespace McuAi.FlatBuffers
{
    /// <summary>
    /// One value in a <see cref="FlexBuffer"/>: where it is stored, the width of the slot that holds it
    /// (the parent's width) and its own type and width. Scalars are read from the slot; strings, vectors,
    /// maps and indirect scalars are reached through the backward offset in the slot.
    /// </summary>
    public readonly struct FlexValue
    {
        private readonly FlexBuffer _buffer;
        private readonly int _position;
        private readonly int _parentWidth;
        private readonly int _byteWidth;

        internal FlexValue(FlexBuffer buffer, int position, int parentWidth, int byteWidth, FlexBufferType type)
        {
            _buffer = buffer;
            _position = position;
            _parentWidth = parentWidth;
            _byteWidth = byteWidth;
            Type = type;
        }

        /// <summary>A value whose type and width come from a packed type byte (type &lt;&lt; 2 | log2 width).</summary>
        internal static FlexValue FromPackedType(FlexBuffer buffer, int position, int parentWidth, byte packedType)
        {
            var type = (FlexBufferType)(packedType >> 2);
            if (!Enum.IsDefined(typeof(FlexBufferType), type))
                throw buffer.Malformed($"unknown value type {packedType >> 2}", position);
            return new FlexValue(buffer, position, parentWidth, 1 << (packedType & 3), type);
        }

        public FlexBufferType Type { get; }

        public bool IsNull => Type == FlexBufferType.Null;

        /// <summary>A signed or unsigned integer (inline or indirect), or a bool as 0/1.</summary>
        public long AsInt64()
        {
            switch (Type)
            {
                case FlexBufferType.Int: return _buffer.ReadSigned(_position, _parentWidth);
                case FlexBufferType.IndirectInt: return _buffer.ReadSigned(Target(), _byteWidth);
                case FlexBufferType.UInt:
                case FlexBufferType.Bool:
                case FlexBufferType.IndirectUInt:
                    ulong value = Type == FlexBufferType.IndirectUInt ? _buffer.ReadUnsigned(Target(), _byteWidth) : _buffer.ReadUnsigned(_position, _parentWidth);
                    if (value > long.MaxValue) throw _buffer.Invalid($"unsigned value {value} does not fit a signed 64-bit integer");
                    return (long)value;
                default: throw WrongType("an integer");
            }
        }

        /// <summary>An integer that must fit 32 bits.</summary>
        public int AsInt32()
        {
            long value = AsInt64();
            if (value < int.MinValue || value > int.MaxValue) throw _buffer.Invalid($"value {value} does not fit a 32-bit integer");
            return (int)value;
        }

        /// <summary>A float (inline or indirect, 32 or 64 bits) or an integer converted to double.</summary>
        public double AsDouble()
        {
            switch (Type)
            {
                case FlexBufferType.Float: return _buffer.ReadFloat(_position, _parentWidth);
                case FlexBufferType.IndirectFloat: return _buffer.ReadFloat(Target(), _byteWidth);
                case FlexBufferType.Int:
                case FlexBufferType.IndirectInt:
                case FlexBufferType.UInt:
                case FlexBufferType.IndirectUInt:
                    return AsInt64();
                default: throw WrongType("a number");
            }
        }

        /// <summary>A bool, or an integer that is true when not zero.</summary>
        public bool AsBool() => Type switch
        {
            FlexBufferType.Bool or FlexBufferType.UInt or FlexBufferType.IndirectUInt or FlexBufferType.Int or FlexBufferType.IndirectInt => AsInt64() != 0,
            _ => throw WrongType("a bool"),
        };

        /// <summary>A string or key.</summary>
        public string AsString()
        {
            switch (Type)
            {
                case FlexBufferType.Key:
                    return _buffer.NullTerminatedString(Target());
                case FlexBufferType.String:
                    int target = Target();
                    int length = _buffer.VectorCount(target, _byteWidth, 0);
                    return System.Text.Encoding.UTF8.GetString(_buffer.Slice(target, length, "string").ToArray());
                default: throw WrongType("a string");
            }
        }

        public FlexMap AsMap()
        {
            if (Type != FlexBufferType.Map) throw WrongType("a map");
            return new FlexMap(_buffer, Target(), _byteWidth);
        }

        /// <summary>The elements of a vector of integers (typed, fixed-length or untyped with integer elements).</summary>
        public long[] AsInt64Array()
        {
            var elements = Elements("a vector of integers");
            var result = new long[elements.Length];
            for (int i = 0; i < result.Length; i++) result[i] = elements[i].AsInt64();
            return result;
        }

        /// <summary>The elements of a vector of numbers as doubles.</summary>
        public double[] AsDoubleArray()
        {
            var elements = Elements("a vector of numbers");
            var result = new double[elements.Length];
            for (int i = 0; i < result.Length; i++) result[i] = elements[i].AsDouble();
            return result;
        }

        /// <summary>The elements of any vector as values.</summary>
        public FlexValue[] Elements(string expected = "a vector")
        {
            if (Type == FlexBufferType.Vector)
            {
                int target = Target();
                int count = _buffer.VectorCount(target, _byteWidth, 1);
                var untyped = new FlexValue[count];
                for (int i = 0; i < count; i++)
                    untyped[i] = FromPackedType(_buffer, target + i * _byteWidth, _byteWidth, _buffer.ByteAt(target + count * _byteWidth + i));
                return untyped;
            }
            var (elementType, fixedLength) = TypedVectorLayout(Type);
            if (elementType is null) throw WrongType(expected);
            int start = Target();
            int length = fixedLength > 0 ? fixedLength : _buffer.VectorCount(start, _byteWidth, 0);
            _buffer.Slice(start, length * _byteWidth, "vector");
            var typed = new FlexValue[length];
            for (int i = 0; i < length; i++) typed[i] = new FlexValue(_buffer, start + i * _byteWidth, _byteWidth, 1, elementType.Value);
            return typed;
        }

        /// <summary>Element type and fixed length (0: length stored before the elements) of typed vectors; null type for other values.</summary>
        private static (FlexBufferType? Element, int FixedLength) TypedVectorLayout(FlexBufferType type) => type switch
        {
            FlexBufferType.VectorInt => (FlexBufferType.Int, 0),
            FlexBufferType.VectorUInt => (FlexBufferType.UInt, 0),
            FlexBufferType.VectorFloat => (FlexBufferType.Float, 0),
            FlexBufferType.VectorBool => (FlexBufferType.Bool, 0),
            FlexBufferType.VectorKey => (FlexBufferType.Key, 0),
            FlexBufferType.VectorInt2 => (FlexBufferType.Int, 2),
            FlexBufferType.VectorUInt2 => (FlexBufferType.UInt, 2),
            FlexBufferType.VectorFloat2 => (FlexBufferType.Float, 2),
            FlexBufferType.VectorInt3 => (FlexBufferType.Int, 3),
            FlexBufferType.VectorUInt3 => (FlexBufferType.UInt, 3),
            FlexBufferType.VectorFloat3 => (FlexBufferType.Float, 3),
            FlexBufferType.VectorInt4 => (FlexBufferType.Int, 4),
            FlexBufferType.VectorUInt4 => (FlexBufferType.UInt, 4),
            FlexBufferType.VectorFloat4 => (FlexBufferType.Float, 4),
            _ => (null, 0),
        };

        private int Target() => _buffer.Indirect(_position, _parentWidth);

        private Diagnostics.McuAiException WrongType(string expected) =>
            _buffer.Invalid($"expected {expected} but the value is of FlexBuffer type {Type}");

        public override string ToString() => Type.ToString();
    }
}
