using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace McuAi.CodeGen
{
    /// <summary>
    /// Encodes the model bytes as C/C++ initializer text, straight to ASCII bytes (a 5 MB model
    /// never becomes a .NET string, nor a 14 MB array: the text is produced a buffer at a time).
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
        public static byte[] EncodeStringLiteral(ReadOnlyMemory<byte> data) =>
            EncodeFile("data", data, ModelDataFormat.String, Array.Empty<byte>(), Array.Empty<byte>(), EncodedLength(data.Span, ModelDataFormat.String)).Content;

        /// <summary>Classic comma-separated hex bytes, 16 per line (portable to every compiler, slower to compile).</summary>
        public static byte[] EncodeByteArray(ReadOnlyMemory<byte> data) =>
            EncodeFile("data", data, ModelDataFormat.Array, Array.Empty<byte>(), Array.Empty<byte>(), EncodedLength(data.Span, ModelDataFormat.Array)).Content;

        /// <summary>The length of the encoded bytes (a pass over the model for the string form, arithmetic for the list).</summary>
        internal static long EncodedLength(ReadOnlySpan<byte> data, ModelDataFormat format) =>
            format == ModelDataFormat.Array ? ByteArrayLength(data) : StringLiteralLength(data);

        /// <summary>
        /// The file <paramref name="head"/>, the model bytes in <paramref name="format"/> (<paramref name="encodedLength"/>
        /// bytes, from <see cref="EncodedLength"/>), <paramref name="tail"/>. Its bytes are produced a buffer at a time
        /// whenever the file is compared or written, so megabytes of encoded model never sit in memory (on a VM, fresh
        /// memory costs more than encoding).
        /// </summary>
        internal static GeneratedFile EncodeFile(string name, ReadOnlyMemory<byte> data, ModelDataFormat format, byte[] head, byte[] tail, long encodedLength)
        {
            bool array = format == ModelDataFormat.Array;
            return new GeneratedFile(name, head.Length + encodedLength + tail.Length, stream =>
            {
                stream.Write(head, 0, head.Length);
                if (array) WriteByteArray(data.Span, stream);
                else WriteStringLiteral(data.Span, stream);
                stream.Write(tail, 0, tail.Length);
            });
        }

        /// <summary>Bytes of output per write: small enough to stay in the cache, large enough for few system calls.</summary>
        private const int ChunkSize = 64 * 1024;

        /// <summary>Room kept free at the end of a chunk: more than one step writes (a line break and a 4-byte copy).</summary>
        private const int ChunkSlack = 16;

        // The implicit NUL stands for a final zero byte (see remarks).
        private static int LiteralByteCount(ReadOnlySpan<byte> data) => data.Length > 0 && data[data.Length - 1] == 0 ? data.Length - 1 : data.Length;

        private static unsafe long StringLiteralLength(ReadOnlySpan<byte> data)
        {
            int count = LiteralByteCount(data);
            long length = 4; // the opening '  "' and the closing '"'
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

        private static unsafe void WriteStringLiteral(ReadOnlySpan<byte> data, Stream output)
        {
            int count = LiteralByteCount(data);
            var chunk = new byte[ChunkSize];
            fixed (byte* input = data)
            fixed (byte* escapes = s_escapes.Value)
            fixed (byte* start = chunk)
            {
                byte* o = start, flushAt = start + ChunkSize - ChunkSlack;
                *o++ = (byte)' '; *o++ = (byte)' '; *o++ = (byte)'"';
                int column = 0;
                for (int i = 0; i < count; i++)
                {
                    if (o >= flushAt) { output.Write(chunk, 0, (int)(o - start)); o = start; }
                    if (column >= LineWidth)
                    {
                        *o++ = (byte)'"'; *o++ = (byte)'\n';
                        *o++ = (byte)' '; *o++ = (byte)' '; *o++ = (byte)'"';
                        column = 0;
                    }
                    byte* entry = Entry(escapes, input, i, count);
                    // Copying the entry's 4 bytes always is cheaper than a loop; only the first 'length' count
                    // (the next entry overwrites the rest; at the end of the chunk, its slack holds them).
                    Unsafe.WriteUnaligned(o, Unsafe.ReadUnaligned<uint>(entry + 1));
                    o += entry[0];
                    column += entry[0];
                }
                *o++ = (byte)'"';
                output.Write(chunk, 0, (int)(o - start));
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

        private static void WriteByteArray(ReadOnlySpan<byte> data, Stream output)
        {
            var chunk = new byte[ChunkSize];
            int o = 0;
            for (int i = 0; i < data.Length; i++)
            {
                if (o >= ChunkSize - ChunkSlack) { output.Write(chunk, 0, o); o = 0; }
                if (i % BytesPerLine == 0) { if (i > 0) chunk[o++] = (byte)'\n'; chunk[o++] = (byte)' '; chunk[o++] = (byte)' '; }
                else chunk[o++] = (byte)' ';
                byte b = data[i];
                chunk[o++] = (byte)'0'; chunk[o++] = (byte)'x';
                chunk[o++] = Hex(b >> 4); chunk[o++] = Hex(b & 15);
                if (i + 1 < data.Length) chunk[o++] = (byte)',';
            }
            output.Write(chunk, 0, o);
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
