using System;
using System.IO;
using System.Linq;
using McuAi.Interpreter;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Cli
{
    /// <summary>`mcuai strip` as users call it: the real executable on real models.</summary>
    public class StripCommandTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "mcuai-strip-" + Guid.NewGuid().ToString("N"));

        public StripCommandTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public void Writes_the_stripped_model_and_reports_what_it_removed_and_saved()
        {
            string source = SharedData.ModelPath("hello_world_int8");
            string output = Path.Combine(_dir, "sub", "hello.tflite");
            var (exit, stdout, stderr) = McuaiProcess.Run("strip", source, "--out", output);
            Assert.Equal(0, exit);
            Assert.Equal("", stderr);

            long before = new FileInfo(source).Length;
            long after = new FileInfo(output).Length;
            Assert.True(after < before, $"stripped {after} bytes, original {before}");
            Assert.Contains(FormattableString.Invariant($"({before:N0} -> {after:N0} bytes, {before - after:N0} saved)"), stdout);
            Assert.Contains("metadata removed: min_runtime_version, CONVERSION_METADATA", stdout);
            Assert.Contains("buffers removed: 2 (", stdout);
            Assert.Contains("operator codes removed: none", stdout);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "*.tmp"));

            var stripped = ModelReader.ReadFile(output);
            Assert.Empty(stripped.Metadata);
            var original = ModelReader.ReadFile(source);
            Assert.Equal(original.MainSubgraph.Operators.Count, stripped.MainSubgraph.Operators.Count);
            // The weights are untouched: the stripped model gives TFLM's golden outputs byte for byte.
            var interpreter = new ModelInterpreter(stripped, fileName: output);
            string golden = Path.Combine(SharedData.GoldenDir, "hello_world_int8");
            interpreter.SetInputs(File.ReadAllBytes(Path.Combine(golden, "in1.bin")));
            interpreter.Invoke();
            Assert.Equal(File.ReadAllBytes(Path.Combine(golden, "out1.bin")), interpreter.GetOutputs());
        }

        [Fact]
        public void A_model_that_stripping_would_make_larger_is_copied_unchanged_and_says_so()
        {
            // person_detection_int8 has little to remove, and re-serialising it aligns every buffer to 16 bytes.
            string source = SharedData.ModelPath("person_detection_int8");
            string output = Path.Combine(_dir, "person.tflite");
            var (exit, stdout, stderr) = McuaiProcess.Run("strip", source, "--out", output);
            Assert.Equal(0, exit);
            Assert.Equal("", stderr);
            Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(output));
            Assert.Equal($"copied: {source} -> {output} (kept the original 300,568 bytes: stripped, the model would be 300,768 bytes (200 larger, " +
                "re-serialised with every buffer 16-aligned), so nothing was removed)", stdout.Trim());
        }

        [Fact]
        public void A_model_with_nothing_to_remove_is_copied_and_says_so()
        {
            string first = Path.Combine(_dir, "once.tflite");
            string second = Path.Combine(_dir, "twice.tflite");
            Assert.Equal(0, McuaiProcess.Run("strip", SharedData.ModelPath("hello_world_int8"), "--out", first).ExitCode);
            var (exit, stdout, _) = McuaiProcess.Run("strip", first, "-o", second);
            Assert.Equal(0, exit);
            Assert.Equal(FormattableString.Invariant($"copied: {first} -> {second} (kept the original {new FileInfo(first).Length:N0} bytes: stripped, the model would not be smaller, so nothing was removed)"), stdout.Trim());
            Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        }

        [Fact]
        public void Missing_and_malformed_models_are_coded_errors_naming_the_file()
        {
            string missing = Path.Combine(_dir, "missing.tflite");
            var (exit, stdout, stderr) = McuaiProcess.Run("strip", missing, "--out", Path.Combine(_dir, "out.tflite"));
            Assert.Equal(1, exit);
            Assert.Equal("", stdout);
            Assert.StartsWith(missing + ": error MCUAI0001: ", stderr);

            string truncated = Path.Combine(_dir, "truncated.tflite");
            File.WriteAllBytes(truncated, File.ReadAllBytes(SharedData.ModelPath("hello_world_int8")).Take(100).ToArray());
            (exit, _, stderr) = McuaiProcess.Run("strip", truncated, "--out", Path.Combine(_dir, "out.tflite"));
            Assert.Equal(1, exit);
            Assert.StartsWith(truncated + ": error MCUAI0004: ", stderr);
            Assert.False(File.Exists(Path.Combine(_dir, "out.tflite")));
        }

        [Fact]
        public void An_unwritable_output_is_a_coded_error()
        {
            string blocker = Path.Combine(_dir, "file");
            File.WriteAllText(blocker, "not a folder");
            string output = Path.Combine(blocker, "out.tflite");
            var (exit, _, stderr) = McuaiProcess.Run("strip", SharedData.ModelPath("hello_world_int8"), "--out", output);
            Assert.Equal(1, exit);
            Assert.StartsWith(output + ": error MCUAI0012: ", stderr);
        }
    }
}
