using System;
using System.Buffers.Binary;

namespace McuAi.Fuzz.Mutation
{
    /// <summary>Values that break arithmetic: zero, signs, the edges of each width, 2^30, and random ones.</summary>
    public static class HostileValues
    {
        private static readonly long[] s_integers =
        {
            0, 1, -1, 2, 3, 7, 8, 127, 128, 255, 256, -128, 32767, 32768, 65535, 65536,
            1L << 20, 1L << 24, 1L << 30, (1L << 31) - 1, 1L << 31, (1L << 32) - 1, 1L << 32, 1L << 40,
            1L << 62, long.MaxValue, long.MinValue, int.MinValue, short.MinValue, -2, -16,
        };

        /// <summary>A hostile integer (stored in <paramref name="size"/> bytes, so wider ones wrap).</summary>
        public static long Integer(Random random) =>
            random.Next(8) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(6) == 0 ? random.Next(-64, 64) : s_integers[random.Next(s_integers.Length)];

        /// <summary>A dimension or count: mostly plausible, sometimes huge, zero or negative.</summary>
        public static long Dimension(Random random) => random.Next(5) switch
        {
            0 => 0,
            1 => 1L << random.Next(14, 32),
            2 => random.Next(1, 9),
            3 => -random.Next(1, 3),
            _ => Integer(random),
        };

        public static double Float(Random random) => random.Next(12) switch
        {
            0 => 0,
            1 => -1,
            2 => double.NaN,
            3 => double.PositiveInfinity,
            4 => double.NegativeInfinity,
            5 => 1e-45,
            6 => float.MaxValue,
            7 => -float.MaxValue,
            8 => 1e-30,
            9 => 1e30,
            10 => random.NextDouble() * 2 - 1,
            _ => BitConverter.Int32BitsToSingle(random.Next()),
        };

        /// <summary>The bytes of a value for a scalar field of <paramref name="size"/> bytes.</summary>
        public static byte[] Bytes(int size, bool isFloat, Random random)
        {
            var bytes = new byte[size];
            if (isFloat && size == 4) BinaryPrimitives.WriteSingleLittleEndian(bytes, (float)Float(random));
            else if (isFloat) BinaryPrimitives.WriteDoubleLittleEndian(bytes, Float(random));
            else
            {
                long v = Integer(random);
                for (int i = 0; i < size; i++) bytes[i] = (byte)(v >> (8 * i));
            }
            return bytes;
        }

        public static void Write(Span<byte> destination, long value)
        {
            for (int i = 0; i < destination.Length; i++) destination[i] = (byte)(value >> (8 * i));
        }

        /// <summary>Strings that try to escape where they are printed: log lines, terminals, C source.</summary>
        public static byte[] String(Random random)
        {
            string s = random.Next(12) switch
            {
                0 => "x\nmodel.tflite(1,1): error MCUAI9999: forged by the model",
                1 => "\u001b[31mred\u001b[0m\u001b]0;title\u0007",
                2 => "a\0b",
                3 => "*/ #error injected /*",
                4 => "??/\nline splice \\\n",
                5 => "\u202Eevil\u202C",
                6 => new string('A', 1 << random.Next(10, 21)),
                7 => "\r\nwarning: forged",
                8 => "",
                9 => "Signal" + (char)random.Next(0x20, 0x7f),
                10 => "\"; system(\"rm -rf /\"); \"",
                _ => "name_" + random.Next(),
            };
            var bytes = System.Text.Encoding.UTF8.GetBytes(s);
            if (random.Next(6) == 0) bytes = new byte[] { 0xff, 0xfe, (byte)'x', 0xc3 }; // invalid UTF-8
            return bytes;
        }
    }
}
