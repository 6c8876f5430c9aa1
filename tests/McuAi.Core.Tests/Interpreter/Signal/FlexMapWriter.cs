using System;
using System.Collections.Generic;
using System.Text;
using McuAi.FlatBuffers;

namespace McuAi.Tests.Interpreter.Signal
{
    /// <summary>
    /// Writes a FlexBuffers map of scalars (test input for the reader and for custom-op models), laid out
    /// as the format specifies: key strings, the key vector, the map header (key vector offset and width,
    /// count), the values with one packed type byte each, then the root offset, type and width.
    /// </summary>
    internal sealed class FlexMapWriter
    {
        private readonly SortedDictionary<string, (FlexBufferType Type, long Bits)> _values = new(StringComparer.Ordinal);

        public FlexMapWriter Int(string key, long value) => Add(key, FlexBufferType.Int, value);
        public FlexMapWriter UInt(string key, ulong value) => Add(key, FlexBufferType.UInt, unchecked((long)value));
        public FlexMapWriter Bool(string key, bool value) => Add(key, FlexBufferType.Bool, value ? 1 : 0);
        public FlexMapWriter Float(string key, double value) => Add(key, FlexBufferType.Float, BitConverter.DoubleToInt64Bits(value));

        private FlexMapWriter Add(string key, FlexBufferType type, long bits)
        {
            _values[key] = (type, bits);
            return this;
        }

        /// <summary>The bytes, every slot <paramref name="width"/> bytes wide (floats need 8 here).</summary>
        public byte[] ToBytes(int width = 4)
        {
            var bytes = new List<byte>();
            var keyPositions = new List<int>();
            foreach (var key in _values.Keys)
            {
                keyPositions.Add(bytes.Count);
                bytes.AddRange(Encoding.UTF8.GetBytes(key));
                bytes.Add(0);
            }
            Align(bytes, width);
            Write(bytes, _values.Count, width);
            int keys = bytes.Count;
            foreach (int position in keyPositions) Write(bytes, bytes.Count - position, width);
            Align(bytes, width);
            Write(bytes, bytes.Count - keys, width);
            Write(bytes, width, width);
            Write(bytes, _values.Count, width);
            int values = bytes.Count;
            foreach (var (type, bits) in _values.Values)
            {
                if (type == FlexBufferType.Float && width == 4) Write(bytes, BitConverter.ToInt32(BitConverter.GetBytes((float)BitConverter.Int64BitsToDouble(bits)), 0), 4);
                else Write(bytes, bits, width);
            }
            foreach (var (type, _) in _values.Values) bytes.Add(Packed(type, width));
            Write(bytes, bytes.Count - values, width);
            bytes.Add(Packed(FlexBufferType.Map, width));
            bytes.Add((byte)width);
            return bytes.ToArray();
        }

        private static byte Packed(FlexBufferType type, int width) => (byte)((int)type << 2 | Log2(width));

        private static int Log2(int width) => width switch { 1 => 0, 2 => 1, 4 => 2, _ => 3 };

        private static void Align(List<byte> bytes, int width)
        {
            while (bytes.Count % width != 0) bytes.Add(0);
        }

        private static void Write(List<byte> bytes, long value, int width)
        {
            for (int i = 0; i < width; i++) bytes.Add((byte)(value >> (8 * i)));
        }
    }
}
