using System;
using System.IO;
using System.Linq;
using System.Text;
using McuAi.CodeGen;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.CodeGen
{
    /// <summary>
    /// The generated files of two models are compared byte for byte with checked-in copies
    /// (tests/McuAi.Core.Tests/CodeGen/Expected/&lt;model&gt;/), so any change to the output is reviewed.
    /// Set MCUAI_UPDATE_EXPECTED=1 to rewrite the copies after an intended change (the test then fails
    /// once, listing what it rewrote, so that an update is never silent).
    /// </summary>
    public class ExpectedFilesTests
    {
        private static string ExpectedDir(string model) => Path.Combine(SharedData.RepoRoot, "tests", "McuAi.Core.Tests", "CodeGen", "Expected", model);

        [Theory]
        [InlineData("hello_world_int8", false)]
        [InlineData("micro_speech_int8", false)]
        [InlineData("micro_speech_int8", true)]
        public void GeneratedFilesMatchTheCheckedInCopies(string name, bool nanoFramework)
        {
            var (model, bytes) = CodeGenKit.Load(name);
            var options = new GenerationOptions { Symbol = name, NanoFramework = nanoFramework ? new McuAi.CodeGen.NanoFramework.NanoFrameworkOptions() : null };
            var files = ModelCodeGenerator.Generate(model, bytes, options, SharedData.ModelPath(name));
            // The nanoFramework files are kept apart (Expected/<model>.nanoframework/): the rest equals the plain generation.
            if (nanoFramework)
            {
                var plain = ModelCodeGenerator.PredictOutputs(name);
                files = files.Where(f => !plain.Contains(f.RelativePath)).ToList();
            }
            string dir = ExpectedDir(name + (nanoFramework ? ".nanoframework" : ""));

            if (Environment.GetEnvironmentVariable("MCUAI_UPDATE_EXPECTED") == "1")
            {
                var rewritten = OutputWriter.WriteAll(dir, files);
                Assert.True(rewritten.Count == 0, "MCUAI_UPDATE_EXPECTED=1 rewrote: " + string.Join(", ", rewritten.Select(Path.GetFileName)));
                return;
            }

            Assert.Equal(files.Select(f => f.RelativePath).OrderBy(n => n, StringComparer.Ordinal),
                Directory.GetFiles(dir).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            foreach (var file in files)
            {
                byte[] expected = File.ReadAllBytes(Path.Combine(dir, file.RelativePath));
                if (!expected.AsSpan().SequenceEqual(file.Content))
                    Assert.Fail($"{file.RelativePath} differs from {dir} (run with MCUAI_UPDATE_EXPECTED=1 after an intended change):\n" + FirstDifference(expected, file.Content));
            }
        }

        private static string FirstDifference(byte[] expected, byte[] actual)
        {
            var e = Encoding.UTF8.GetString(expected).Split('\n');
            var a = Encoding.UTF8.GetString(actual).Split('\n');
            for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
            {
                string el = i < e.Length ? e[i] : "<end>", al = i < a.Length ? a[i] : "<end>";
                if (el != al) return $"line {i + 1}\n expected: {el}\n actual:   {al}";
            }
            return "same text, different bytes";
        }
    }
}
