using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.TfLite.Writer
{
    /// <summary>The write-back guarantee, on every model in ../shared/models.</summary>
    public class RoundTripTests
    {
        public static IEnumerable<object[]> Models => SharedData.AllModels();

        [Theory]
        [MemberData(nameof(Models))]
        public void Read_write_read_gives_an_equal_model(string name)
        {
            var original = ModelReader.ReadFile(SharedData.ModelPath(name));
            var reread = ModelReader.Read(ModelWriter.Write(original), name + " (rewritten)");
            { var difference = ModelComparer.FirstDifference(original, reread); Assert.True(difference is null, difference); }
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void Writing_twice_gives_identical_bytes(string name)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            byte[] first = ModelWriter.Write(model);
            byte[] second = ModelWriter.Write(ModelReader.Read(first));
            Assert.Equal(first, ModelWriter.Write(model));
            Assert.Equal(first, second);
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void Buffer_data_is_16_byte_aligned_from_the_file_start(string name)
        {
            byte[] bytes = ModelWriter.Write(ModelReader.ReadFile(SharedData.ModelPath(name)));
            var model = ModelReader.Read(bytes);
            foreach (var buffer in model.Buffers)
            {
                if (buffer.Data.Length == 0) continue;
                Assert.True(MemoryMarshal.TryGetArray(buffer.Data, out var segment) && segment.Array == bytes);
                Assert.True(segment.Offset % 16 == 0, $"buffer data at byte {segment.Offset} is not 16-aligned");
            }
        }

        [RequiresToolTheory("flatc")]
        [MemberData(nameof(Models))]
        public void Flatc_prints_identical_json_for_original_and_rewritten(string name)
        {
            string dir = Path.Combine(Path.GetTempPath(), "mcuai-roundtrip-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                string rewritten = Path.Combine(dir, name + ".tflite");
                ModelWriter.WriteFile(ModelReader.ReadFile(SharedData.ModelPath(name)), rewritten);
                string expected = Flatc.ToJson(SharedData.ModelPath(name), dir);
                string actual = Flatc.ToJson(rewritten, dir);
                Assert.True(expected.Length > 100, "flatc printed almost nothing");
                Assert.True(expected == actual, FirstDifferentLine(expected, actual));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        private static string FirstDifferentLine(string expected, string actual)
        {
            var a = expected.Split('\n');
            var b = actual.Split('\n');
            for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
                if (a[i] != b[i]) return $"JSON line {i + 1} differs:\n  original:  {a[i].Trim()}\n  rewritten: {b[i].Trim()}";
            return $"JSON has {a.Length} lines for the original, {b.Length} for the rewritten file";
        }
    }
}
