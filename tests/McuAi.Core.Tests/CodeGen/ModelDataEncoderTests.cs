using System;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using McuAi.CodeGen;
using Xunit;

namespace McuAi.Tests.CodeGen
{
    /// <summary>The model-array encodings read back, as a compiler reads them, to exactly the model bytes.</summary>
    public class ModelDataEncoderTests
    {
        [Fact]
        public void StringLiteralReadsBackToAnyBytes()
        {
            Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), (byte[] data) =>
            {
                data ??= Array.Empty<byte>();
                if (data.Length == 0) return true;
                string text = Encoding.ASCII.GetString(ModelDataEncoder.EncodeStringLiteral(data));
                byte[] decoded = CLiteralDecoder.Decode(text);
                // The literal plus its implicit NUL fills the array exactly, and starts with the model bytes
                // (the NUL is the model's last byte when that is 0, else one spare byte).
                long length = ModelDataEncoder.StringArrayLength(data);
                byte[] inArray = decoded.Concat(new byte[] { 0 }).ToArray();
                return inArray.Length == length && length >= data.Length && inArray.Take(data.Length).SequenceEqual(data);
            }).QuickCheckThrowOnFailure();
        }

        [Theory]
        [InlineData(new byte[] { 1, (byte)'7' }, "\"\\0017\"")]
        [InlineData(new byte[] { 1, (byte)'8' }, "\"\\18\"")]
        [InlineData(new byte[] { 0, 0 }, "\"\\0\"")]
        [InlineData(new byte[] { (byte)'?', (byte)'?', (byte)'/', 5 }, "\"\\?\\?/\\5\"")]
        [InlineData(new byte[] { 10, 255, 34, 92 }, "\"\\n\\377\\\"\\\\\"")]
        public void ShortestUnambiguousEscapes(byte[] data, string expected)
        {
            Assert.Equal("  " + expected, Encoding.ASCII.GetString(ModelDataEncoder.EncodeStringLiteral(data)));
        }

        [Fact]
        public void ArrayLengthLeavesRoomForTheNulOnlyWhenTheLastByteIsNotZero()
        {
            Assert.Equal(3, ModelDataEncoder.StringArrayLength(new byte[] { 1, 2, 0 }));
            Assert.Equal(4, ModelDataEncoder.StringArrayLength(new byte[] { 1, 2, 3 }));
        }

        [Fact]
        public void LinesStayShort()
        {
            var data = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7919 % 256)).ToArray();
            string text = Encoding.ASCII.GetString(ModelDataEncoder.EncodeStringLiteral(data));
            Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 140, line));
            Assert.Equal(data.Take(data.Length - (data[^1] == 0 ? 1 : 0)), CLiteralDecoder.Decode(text));
        }

        [Fact]
        public void ByteArrayListsEveryByteInHex()
        {
            byte[] data = { 0, 1, 0xAB, 0xFF };
            Assert.Equal("  0x00, 0x01, 0xab, 0xff", Encoding.ASCII.GetString(ModelDataEncoder.EncodeByteArray(data)));
        }

        [Fact]
        public void EveryLengthIsEncodedExactlyIncludingLineEnds()
        {
            // The encoders size their output before writing it: every length around the line breaks, and all-escape data.
            for (int n = 0; n <= 300; n++)
            {
                byte[] data = Enumerable.Range(0, n).Select(i => (byte)(i * 37 % 256)).ToArray();
                byte[] escapes = Enumerable.Repeat((byte)1, n).ToArray();
                foreach (var d in new[] { data, escapes })
                {
                    string text = Encoding.ASCII.GetString(ModelDataEncoder.EncodeStringLiteral(d));
                    Assert.Equal(d.Take(d.Length - (d.Length > 0 && d[^1] == 0 ? 1 : 0)), CLiteralDecoder.Decode(text));
                    string list = Encoding.ASCII.GetString(ModelDataEncoder.EncodeByteArray(d));
                    Assert.Equal(d.Select(b => $"0x{b:x2}"), System.Text.RegularExpressions.Regex.Matches(list, "0x[0-9a-f]{2}").Select(m => m.Value));
                    Assert.Equal(n == 0 ? "" : "  ", list.Substring(0, System.Math.Min(2, list.Length)));
                    Assert.False(list.EndsWith(",", System.StringComparison.Ordinal) || list.EndsWith(" ", System.StringComparison.Ordinal) || list.EndsWith("\n", System.StringComparison.Ordinal), list);
                }
            }
        }
    }
}
