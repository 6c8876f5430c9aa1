using System;
using System.IO;
using System.IO.Compression;
using McuAi.Data;
using McuAi.Diagnostics;
using McuAi.Quantization;
using McuAi.TfLite;
using McuAi.Tests.Data;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.Quantization
{
    public class CalibrationDataTests
    {
        private static readonly Model s_helloWorld = ModelReader.ReadFile(SharedData.ModelPath("hello_world_float")); // input [1,1]
        private static readonly Model s_ic = ModelReader.ReadFile(SharedData.ModelPath("mlperf_ic_float"));          // input [1,32,32,3]

        [Fact]
        public void OneBatchFileGivesOneSamplePerRow()
        {
            string dir = Folder();
            File.WriteAllBytes(Path.Combine(dir, "x.npy"), NpyBytes.Float32(new[] { 0.5f, 1f, 2f }, "(3, 1)"));
            var data = CalibrationData.Load(Path.Combine(dir, "x.npy"), s_helloWorld);
            Assert.Equal(3, data.Count);
            Assert.Equal(new[] { 2f }, data.Samples[2][0]);
        }

        [Fact]
        public void AFolderOrAGlobReadsOneSamplePerFileInNameOrder()
        {
            string dir = Folder();
            Directory.CreateDirectory(Path.Combine(dir, "sub"));
            File.WriteAllBytes(Path.Combine(dir, "b.npy"), NpyBytes.Float32(new[] { 2f }, "(1, 1)"));
            File.WriteAllBytes(Path.Combine(dir, "a.npy"), NpyBytes.Float32(new[] { 1f }, "(1,)"));
            File.WriteAllBytes(Path.Combine(dir, "sub", "c.npy"), NpyBytes.Float32(new[] { 3f }, "(1, 1)"));
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "ignored");

            var folder = CalibrationData.Load(dir, s_helloWorld);
            Assert.Equal(new[] { 1f, 2f, 3f }, new[] { folder.Samples[0][0][0], folder.Samples[1][0][0], folder.Samples[2][0][0] });
            Assert.Equal(2, CalibrationData.Load(Path.Combine(dir, "*.npy"), s_helloWorld).Count);
            Assert.Equal(3, CalibrationData.Load(Path.Combine(dir, "**/*.npy"), s_helloWorld).Count);
            Assert.Equal(2, CalibrationData.Load("sub/c.npy;a.npy", s_helloWorld, dir).Count);
        }

        [Fact]
        public void NpzArraysAreMatchedToInputs()
        {
            string path = Path.Combine(Folder(), "d.npz");
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            using (var s = zip.CreateEntry("arr_0.npy").Open())
            {
                var bytes = NpyBytes.Float32(new float[2 * 32 * 32 * 3], "(2, 32, 32, 3)");
                s.Write(bytes, 0, bytes.Length);
            }
            Assert.Equal(2, CalibrationData.Load(path, s_ic).Count);
        }

        [Fact]
        public void WrongShapeIsCode3005NamingBothShapes()
        {
            string path = Path.Combine(Folder(), "x.npy");
            File.WriteAllBytes(path, NpyBytes.Float32(new float[32 * 32], "(32, 32)"));
            var e = Assert.Throws<McuAiException>(() => CalibrationData.Load(path, s_ic));
            Assert.Equal(DiagnosticCodes.DataShapeMismatch, e.Code);
            Assert.Contains("(32, 32)", e.Message);
            Assert.Contains("(1, 32, 32, 3)", e.Message);
        }

        [Fact]
        public void IntegerDataIsCode3006()
        {
            string path = Path.Combine(Folder(), "x.npy");
            File.WriteAllBytes(path, NpyBytes.Build("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 1), }", new byte[] { 1, 2 }));
            Assert.Equal(DiagnosticCodes.DataTypeMismatch, Assert.Throws<McuAiException>(() => CalibrationData.Load(path, s_helloWorld)).Code);
        }

        [Theory]
        [InlineData(float.NaN)]
        [InlineData(float.PositiveInfinity)]
        public void NonFiniteValuesAreCode3007(float bad)
        {
            string path = Path.Combine(Folder(), "x.npy");
            File.WriteAllBytes(path, NpyBytes.Float32(new[] { 1f, bad }, "(2, 1)"));
            var e = Assert.Throws<McuAiException>(() => CalibrationData.Load(path, s_helloWorld));
            Assert.Equal(DiagnosticCodes.DataNotFinite, e.Code);
            Assert.Contains("sample 1", e.Message);
        }

        [Fact]
        public void EmptyDataIsCode3004()
        {
            string dir = Folder();
            Assert.Equal(DiagnosticCodes.DataEmpty, Assert.Throws<McuAiException>(() => CalibrationData.Load(dir, s_helloWorld)).Code);
            File.WriteAllBytes(Path.Combine(dir, "x.npy"), NpyBytes.Float32(Array.Empty<float>(), "(0, 1)"));
            Assert.Equal(DiagnosticCodes.DataEmpty, Assert.Throws<McuAiException>(() => CalibrationData.Load(dir, s_helloWorld)).Code);
        }

        [Fact]
        public void AMissingPathIsCode3001()
        {
            Assert.Equal(DiagnosticCodes.DataFileUnreadable,
                Assert.Throws<McuAiException>(() => CalibrationData.Load(Path.Combine(Folder(), "none.npy"), s_helloWorld)).Code);
        }

        internal static string Folder()
        {
            string dir = Path.Combine(Path.GetTempPath(), "mcuai-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
