using System;
using System.Collections.Generic;

namespace McuAi.Tests.CodeGen
{
    /// <summary>
    /// Reads C string-literal text back into bytes, the way a C compiler does (the test's own
    /// implementation, so the encoders are checked against an independent reading).
    /// </summary>
    public static class CLiteralDecoder
    {
        /// <summary>Decodes adjacent literals separated by whitespace; throws on anything a compiler would reject or read differently.</summary>
        public static byte[] Decode(string text)
        {
            var result = new List<byte>();
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == ' ' || c == '\n') { i++; continue; }
                if (c != '"') throw new FormatException($"unexpected '{c}' at {i}");
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("unterminated literal");
                    c = text[i++];
                    if (c == '"') break;
                    if (c < 0x20 || c > 0x7E) throw new FormatException($"raw character {(int)c} in a literal");
                    if (c == '?' && i < text.Length && text[i] == '?') throw new FormatException("'??' could form a trigraph");
                    if (c != '\\') { result.Add((byte)c); continue; }
                    char e = text[i++];
                    switch (e)
                    {
                        case '\\': result.Add((byte)'\\'); break;
                        case '"': result.Add((byte)'"'); break;
                        case '?': result.Add((byte)'?'); break;
                        case 'a': result.Add(7); break;
                        case 'b': result.Add(8); break;
                        case 't': result.Add(9); break;
                        case 'n': result.Add(10); break;
                        case 'v': result.Add(11); break;
                        case 'f': result.Add(12); break;
                        case 'r': result.Add(13); break;
                        default:
                            if (e < '0' || e > '7') throw new FormatException($"unknown escape \\{e}");
                            // Like a compiler: up to three octal digits, greedily.
                            int value = e - '0';
                            for (int k = 0; k < 2 && i < text.Length && text[i] >= '0' && text[i] <= '7'; k++) value = value * 8 + (text[i++] - '0');
                            if (value > 255) throw new FormatException("octal escape out of range");
                            result.Add((byte)value);
                            break;
                    }
                }
            }
            return result.ToArray();
        }
    }
}
