using System;
using System.Runtime.CompilerServices;

namespace McuAi.CodeGen
{
    /// <summary>
    /// Encodes the model bytes as C/C++ initializer text, straight to ASCII bytes (a 5 MB model
    /// never becomes a .NET string).
    /// </summary>
    /// <remarks>
    /// The string-literal form is what makes the generated file compile fast: compilers read one
    /// string token per line instead of a million integer-constant expressions (<c>xxd -i</c>). Bytes
    /// that are printable ASCII stand for themselves; the others are the shortest unambiguous
    /// escape. A string literal carries an implicit trailing NUL, and C++ (unlike C) rejects an array
    /// one byte too short for it, so: when the model's last byte is 0 the literal omits it and the
    /// implicit NUL supplies it (array size = model size); otherwise the array is one byte longer than
    /// the model (that extra byte is never counted by the size constant).
    /// </remarks>
    public static class ModelDataEncoder
    {
        /// <summary>Output characters per line before the literal is closed and a new one opened.</summary>
        private const int LineWidth = 128;

        /// <summary>The declared array length for the string-literal form (see remarks).</summary>
        public static long StringArrayLength(ReadOnlySpan<byte> data) =>
            data.Length > 0 && data[data.Length - 1] == 0 ? data.Length : data.Length + 1L;

        /// <summary>Adjacent string literals, one per line, each line indented by two spaces.</summary>
        public static byte[] EncodeStringLiteral(ReadOnlySpan<byte> data) => Encode(data, ModelDataFormat.String, Array.Empty<byte>(), Array.Empty<byte>());

        /// <summary>Classic comma-separated hex bytes, 16 per line (portable to every compiler, slower to compile).</summary>
        public static byte[] EncodeByteArray(ReadOnlySpan<byte> data) => Encode(data, ModelDataFormat.Array, Array.Empty<byte>(), Array.Empty<byte>());

        /// <summary>
        /// <paramref name="head"/>, the model bytes in <paramref name="format"/>, then <paramref name="tail"/>: a whole
        /// file. Its size is computed first, so megabytes are allocated once, never zeroed and never copied again.
        /// </summary>
        internal static byte[] Encode(ReadOnlySpan<byte> data, ModelDataFormat format, byte[] head, byte[] tail)
        {
            long length = format == ModelDataFormat.Array ? ByteArrayLength(data) : StringLiteralLength(data);
            long total = head.Length + length + tail.Length;
            if (total > int.MaxValue) throw new ArgumentException("the encoded model would exceed 2 GB", nameof(data));
#if NET5_0_OR_GREATER
            // Every byte is written below.
            var output = GC.AllocateUninitializedArray<byte>((int)total);
#else
            var output = new byte[total];
#endif
            head.CopyTo(output, 0);
            var body = new Span<byte>(output, head.Length, (int)length);
            if (format == ModelDataFormat.Array) WriteByteArray(data, body);
            else WriteStringLiteral(data, body);
            tail.CopyTo(output, head.Length + (int)length);
            return output;
        }

        // The implicit NUL stands for a final zero byte (see remarks).
        private static int LiteralByteCount(ReadOnlySpan<byte> data) => data.Length > 0 && data[data.Length - 1] == 0 ? data.Length - 1 : data.Length;

        private static unsafe long StringLiteralLength(ReadOnlySpan<byte> data)
        {
            int count = LiteralByteCount(data);
            long length = 4; // "  \"" and the closing quote
            int column = 0;
            fixed (byte* input = data)
            fixed (byte* escapes = s_escapes.Value)
            {
                for (int i = 0; i < count; i++)
                {
                    if (column >= LineWidth) { length += 5; column = 0; }
                    int spelled = Entry(escapes, input, i, count)[0];
                    length += spelled;
                    column += spelled;
                }
            }
            return length;
        }

        private static unsafe void WriteStringLiteral(ReadOnlySpan<byte> data, Span<byte> destination)
        {
            int count = LiteralByteCount(data);
            fixed (byte* input = data)
            fixed (byte* escapes = s_escapes.Value)
            fixed (byte* outStart = destination)
            {
                byte* o = outStart, end = outStart + destination.Length;
                *o++ = (byte)' '; *o++ = (byte)' '; *o++ = (byte)'"';
                byte* lineEnd = o + LineWidth;
                for (int i = 0; i < count; i++)
                {
                    if (o >= lineEnd)
                    {
                        *o++ = (byte)'"'; *o++ = (byte)'\n';
                        *o++ = (byte)' '; *o++ = (byte)' '; *o++ = (byte)'"';
                        lineEnd = o + LineWidth;
                    }
                    byte* entry = Entry(escapes, input, i, count);
                    // Copying the entry's 4 bytes always is cheaper than a loop; only the first 'length' count
                    // (the next entry overwrites the rest). Near the end of the buffer, exactly.
                    if (o + 4 <= end) Unsafe.WriteUnaligned(o, Unsafe.ReadUnaligned<uint>(entry + 1));
                    else Buffer.MemoryCopy(entry + 1, o, entry[0], entry[0]);
                    o += entry[0];
                }
                *o++ = (byte)'"';
                if (o != end) throw new InvalidOperationException("string-literal length mismatch");
            }
        }

        // Entry: [length, up to 4 bytes]; the second half of the table is for a byte followed by an octal digit.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe byte* Entry(byte* escapes, byte* input, int i, int count)
        {
            byte next = i + 1 < count ? input[i + 1] : (byte)0;
            return escapes + (input[i] * 2 + (next >= (byte)'0' && next <= (byte)'7' ? 1 : 0)) * EntrySize;
        }

        private const int EntrySize = 8;

        // For each byte value, twice (plain, then followed by an octal digit): its shortest safe spelling.
        private static readonly Lazy<byte[]> s_escapes = new Lazy<byte[]>(() =>
        {
            var table = new byte[256 * 2 * EntrySize];
            for (int b = 0; b < 256; b++)
            {
                for (int beforeDigit = 0; beforeDigit < 2; beforeDigit++)
                {
                    string text = Spell((byte)b, beforeDigit == 1);
                    int at = (b * 2 + beforeDigit) * EntrySize;
                    table[at] = (byte)text.Length;
                    for (int k = 0; k < text.Length; k++) table[at + 1 + k] = (byte)text[k];
                }
            }
            return table;
        });

        private static string Spell(byte b, bool nextIsOctalDigit)
        {
            // '?' is escaped so that no "??x" trigraph can form; '"' and '\' for the obvious reason.
            if (b == (byte)'"' || b == (byte)'\\' || b == (byte)'?') return "\\" + (char)b;
            if (b >= 0x20 && b < 0x7F) return ((char)b).ToString();
            char named = NamedEscape(b);
            if (named != '\0') return "\\" + named;
            // An octal escape takes up to three digits: use fewer only if the next character
            // is not an octal digit that the compiler would absorb into it.
            string octal = Convert.ToString(b, 8);
            return "\\" + (nextIsOctalDigit ? octal.PadLeft(3, '0') : octal);
        }

        private const int BytesPerLine = 16;

        private static long ByteArrayLength(ReadOnlySpan<byte> data)
        {
            if (data.Length == 0) return 0;
            long lines = (data.Length + BytesPerLine - 1) / BytesPerLine;
            // "0xNN" per byte, ',' after each but the last, "  " opening each line, '\n' between lines, ' ' between the bytes of a line.
            return data.Length * 4L + (data.Length - 1) + lines * 2 + (lines - 1) + (data.Length - lines);
        }

        private static void WriteByteArray(ReadOnlySpan<byte> data, Span<byte> output)
        {
            int o = 0;
            for (int i = 0; i < data.Length; i++)
            {
                if (i % BytesPerLine == 0) { if (i > 0) output[o++] = (byte)'\n'; output[o++] = (byte)' '; output[o++] = (byte)' '; }
                else output[o++] = (byte)' ';
                byte b = data[i];
                output[o++] = (byte)'0'; output[o++] = (byte)'x';
                output[o++] = Hex(b >> 4); output[o++] = Hex(b & 15);
                if (i + 1 < data.Length) output[o++] = (byte)',';
            }
            if (o != output.Length) throw new InvalidOperationException("byte-list length mismatch");
        }

        private static char NamedEscape(byte b) => b switch
        {
            7 => 'a',
            8 => 'b',
            9 => 't',
            10 => 'n',
            11 => 'v',
            12 => 'f',
            13 => 'r',
            _ => '\0',
        };

        private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }
}
