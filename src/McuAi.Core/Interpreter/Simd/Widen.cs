using System;

namespace McuAi.Interpreter.Simd
{
    /// <summary>int8 → int16 conversions with an offset (input + input_offset, filter + filter_offset).</summary>
    public static class Widen
    {
        public static void Int8ToInt16(ReadOnlySpan<sbyte> source, Span<short> target, int offset)
        {
            for (int i = 0; i < source.Length; i++) target[i] = (short)(source[i] + offset);
        }

        public static short[] ToInt16(ReadOnlySpan<sbyte> source, int offset)
        {
            var result = new short[source.Length];
            Int8ToInt16(source, result, offset);
            return result;
        }
    }
}
