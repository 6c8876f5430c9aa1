using System;
using System.IO;
using McuAi.Data;
using McuAi.Diagnostics;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Data
{
    public class NpyFileTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void ReadsFloat32MatrixInEveryHeaderVersion(int major)
        {
            var values = new[] { 1f, -2.5f, 3f, 0f, float.Epsilon, 1e30f };
            var array = NpyFile.Read(NpyBytes.Float32(values, "(2, 3)", major), "m.npy");

            Assert.Equal("<f4", array.DType);
            Assert.Equal(new[] { 2, 3 }, array.Shape);
            Assert.Equal(TensorType.FLOAT32, array.ElementType);
            Assert.Equal(values, array.ToFloat32());
        }

        [Fact]
        public void ReadsScalarsOneDimensionalAndEmptyArrays()
        {
            Assert.Empty(NpyFile.Read(NpyBytes.Float32(new[] { 7f }, "()"), "s.npy").Shape);
            Assert.Equal(new[] { 7f }, NpyFile.Read(NpyBytes.Float32(new[] { 7f }, "()"), "s.npy").ToFloat32());
            Assert.Equal(new[] { 2 }, NpyFile.Read(NpyBytes.Float32(new[] { 1f, 2f }, "(2,)"), "v.npy").Shape);
            var empty = NpyFile.Read(NpyBytes.Float32(Array.Empty<float>(), "(0, 4)"), "e.npy");
            Assert.Equal(0, empty.ElementCount);
        }

        [Theory]
        [InlineData("<f8", TensorType.FLOAT64)]
        [InlineData("|i1", TensorType.INT8)]
        [InlineData("|u1", TensorType.UINT8)]
        [InlineData("<i2", TensorType.INT16)]
        [InlineData("<i4", TensorType.INT32)]
        [InlineData("<i8", TensorType.INT64)]
        [InlineData("<u2", TensorType.UINT16)]
        [InlineData("|b1", TensorType.BOOL)]
        [InlineData("<f2", TensorType.FLOAT16)]
        public void ConvertsOtherNumericTypesToFloat32(string descr, TensorType type)
        {
            byte[] data = descr switch
            {
                "<f8" => Concat(BitConverter.GetBytes(1.5), BitConverter.GetBytes(-3.0)),
                "|i1" => new byte[] { 0xFE, 3 },
                "|u1" => new byte[] { 254, 3 },
                "<i2" => Concat(BitConverter.GetBytes((short)-300), BitConverter.GetBytes((short)3)),
                "<i4" => Concat(BitConverter.GetBytes(-70000), BitConverter.GetBytes(3)),
                "<i8" => Concat(BitConverter.GetBytes(-5L), BitConverter.GetBytes(3L)),
                "<u2" => Concat(BitConverter.GetBytes((ushort)65535), BitConverter.GetBytes((ushort)3)),
                "|b1" => new byte[] { 1, 0 },
                _ => new byte[] { 0x00, 0x3E, 0x00, 0xC2 }, // float16 1.5 and -3.0
            };
            float[] expected = descr switch
            {
                "<f8" => new[] { 1.5f, -3f },
                "|i1" => new[] { -2f, 3f },
                "|u1" => new[] { 254f, 3f },
                "<i2" => new[] { -300f, 3f },
                "<i4" => new[] { -70000f, 3f },
                "<i8" => new[] { -5f, 3f },
                "<u2" => new[] { 65535f, 3f },
                "|b1" => new[] { 1f, 0f },
                _ => new[] { 1.5f, -3f },
            };
            var array = NpyFile.Read(NpyBytes.Build("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (2,), }", data), "t.npy");
            Assert.Equal(type, array.ElementType);
            Assert.Equal(expected, array.ToFloat32());
        }

        [Fact]
        public void AcceptsDoubleQuotesKeyOrderAndPython2LongSuffix()
        {
            var bytes = NpyBytes.Build("{\"shape\": (1L, 2L), \"fortran_order\": False, \"descr\": \"<f4\"}", NpyBytes.Floats(1, 2));
            Assert.Equal(new[] { 1, 2 }, NpyFile.Read(bytes, "p.npy").Shape);
        }

        [Theory]
        [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", "big-endian")]
        [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", "Fortran")]
        [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", "object")]
        [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", "structured")]
        [InlineData("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", "numeric")]
        [InlineData("{'descr': '<U1', 'fortran_order': False, 'shape': (2,), }", "numeric")]
        public void RejectsFeaturesWeDoNotReadWithCode3003(string header, string mentioned)
        {
            var e = Assert.Throws<McuAiException>(() => NpyFile.Read(NpyBytes.Build(header, new byte[8]), "bad.npy"));
            Assert.Equal(DiagnosticCodes.UnsupportedNpyFeature, e.Code);
            Assert.Equal("bad.npy", e.File);
            Assert.Contains(mentioned, e.Message);
        }

        [Fact]
        public void RejectsMalformedFilesWithCode3002()
        {
            var good = NpyBytes.Float32(new[] { 1f, 2f, 3f }, "(3,)");
            AssertMalformed(Array.Empty<byte>());
            AssertMalformed(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 });            // wrong magic
            AssertMalformed(good.AsSpan(0, good.Length - 1).ToArray());                   // truncated data
            AssertMalformed(Concat(good, new byte[4]));                                   // trailing bytes
            AssertMalformed(good.AsSpan(0, 30).ToArray());                                // truncated header
            AssertMalformed(NpyBytes.Build("{'descr': '<f4', 'shape': (3,), }", NpyBytes.Floats(1, 2, 3)));
            AssertMalformed(NpyBytes.Build("{'descr': '<f4', 'fortran_order': False, 'shape': (-3,), }", NpyBytes.Floats(1, 2, 3)));
            AssertMalformed(NpyBytes.Build("{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536), }", NpyBytes.Floats(1)));
            AssertMalformed(NpyBytes.Build("{'descr': '<f4', 'fortran_order': False, 'shape': (3,) garbage", NpyBytes.Floats(1, 2, 3)));
            AssertMalformed(NpyBytes.Build("[1, 2]", NpyBytes.Floats(1, 2, 3)));
            AssertMalformed(NpyBytes.Build(new string('[', 40), NpyBytes.Floats(1)));

            var hugeHeaderLength = (byte[])good.Clone();
            hugeHeaderLength[8] = 0xFF;
            hugeHeaderLength[9] = 0xFF;
            AssertMalformed(hugeHeaderLength);
        }

        [Fact]
        public void MissingFileIsCode3001()
        {
            var e = Assert.Throws<McuAiException>(() => NpyFile.Read(Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid() + ".npy")));
            Assert.Equal(DiagnosticCodes.DataFileUnreadable, e.Code);
        }

        [Fact]
        public void WriterOutputReadsBackAndIsAlignedLikeNumPy()
        {
            var array = NpyArray.FromFloat32(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, 3, 2);
            byte[] bytes = NpyFile.Write(array);
            int headerLength = BitConverter.ToUInt16(bytes, 8);
            Assert.Equal(0, (10 + headerLength) % 64);
            Assert.Equal((byte)'\n', bytes[10 + headerLength - 1]);

            string path = NpyBytes.TempFile("w.npy", Array.Empty<byte>());
            NpyFile.WriteFile(array, path);
            var back = NpyFile.Read(path);
            Assert.Equal(array.Shape, back.Shape);
            Assert.Equal(array.Data, back.Data);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temp file left
        }

        private static void AssertMalformed(byte[] bytes)
        {
            var e = Assert.Throws<McuAiException>(() => NpyFile.Read(bytes, "bad.npy"));
            Assert.Equal(DiagnosticCodes.MalformedNpy, e.Code);
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var r = new byte[a.Length + b.Length];
            a.CopyTo(r, 0);
            b.CopyTo(r, a.Length);
            return r;
        }
    }
}
