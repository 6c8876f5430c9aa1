using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using McuAi.Quantization;
using McuAi.TfLite;
using McuAi.Tests.Data;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.Quantization
{
    /// <summary>`mcuai quantize` and `mcuai validate` run as the real executable, output redirected (so progress is plain lines).</summary>
    public class QuantizeCommandTests
    {
        private static (int ExitCode, string Stdout, string Stderr) Mcuai(params string[] args) => McuaiProcess.Run(args);

        /// <summary>x uniform in [0, 2π], as hello_world's training data, in a hand-written .npy of shape (n, 1).</summary>
        private static string SineInputs(string dir, int n, int seed, float? poison = null)
        {
            var rng = new Random(seed);
            var values = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 * Math.PI)).ToArray();
            if (poison is { } p) values[n / 2] = p;
            string path = Path.Combine(dir, $"x{seed}.npy");
            File.WriteAllBytes(path, NpyBytes.Float32(values, $"({n}, 1)"));
            return path;
        }

        [Fact]
        public void QuantizeWritesAnInt8ModelAndReportsProgressAsPlainLines()
        {
            string dir = CalibrationDataTests.Folder();
            string output = Path.Combine(dir, "hw_int8.tflite");
            var (exit, stdout, stderr) = Mcuai("quantize", SharedData.ModelPath("hello_world_float"), "--calibration", SineInputs(dir, 300, 1),
                "--out", output, "--validation", SineInputs(dir, 100, 2), "--min-cosine", "0.99");

            Assert.True(exit == 0, stderr);
            Assert.Contains("calibrate: 100% (300/300)", stdout);
            Assert.Contains("calibrate: 50% (150/300)", stdout);
            Assert.DoesNotContain("\r", stdout);
            Assert.Contains("phases: load", stdout);
            Assert.Contains("cosine", stdout);
            var model = ModelReader.ReadFile(output);
            Assert.True(ModelQuantizer.IsQuantized(model));
            Assert.Equal(TensorType.INT8, model.MainSubgraph.Tensors[model.MainSubgraph.Inputs[0]].Type);
        }

        [Fact]
        public void ValidateJsonGivesFiguresPerOutputForTheConvertersModelToo()
        {
            string dir = CalibrationDataTests.Folder();
            var (exit, stdout, stderr) = Mcuai("validate", SharedData.ModelPath("hello_world_float"), SharedData.ModelPath("hello_world_int8"),
                "--data", SineInputs(dir, 50, 3), "--json");
            Assert.True(exit == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            var output = doc.RootElement.GetProperty("outputs")[0];
            Assert.Equal(50, output.GetProperty("samples").GetInt32());
            // hello_world_int8 is from a different training run than the float model: close, not equal.
            Assert.InRange(output.GetProperty("cosine").GetDouble(), 0.9, 1.0);
            Assert.Equal(JsonValueKind.Null, output.GetProperty("top1Agreement").ValueKind);
        }

        [Fact]
        public void BadDataIsACodedErrorAndNothingIsWritten()
        {
            string dir = CalibrationDataTests.Folder();
            string output = Path.Combine(dir, "out.tflite");
            var (exit, _, stderr) = Mcuai("quantize", SharedData.ModelPath("hello_world_float"), "--calibration", SineInputs(dir, 20, 4, float.NaN), "--out", output);
            Assert.Equal(1, exit);
            Assert.Contains("error MCUAI3007", stderr);
            Assert.False(File.Exists(output));

            (exit, _, stderr) = Mcuai("quantize", SharedData.ModelPath("mlperf_ic_float"), "--calibration", SineInputs(dir, 20, 5), "--out", output);
            Assert.Equal(1, exit);
            Assert.Contains("error MCUAI3005", stderr);
            Assert.False(File.Exists(output));
            Assert.Empty(Directory.GetFiles(dir, "*.tflite*"));
        }

        [Fact]
        public void AViolatedGateFailsTheRunWithTheFiguresAndWritesNothing()
        {
            string dir = CalibrationDataTests.Folder();
            string output = Path.Combine(dir, "out.tflite");
            var (exit, _, stderr) = Mcuai("quantize", SharedData.ModelPath("hello_world_float"), "--calibration", SineInputs(dir, 50, 6),
                "--out", output, "--max-l2-error", "0.000001");
            Assert.Equal(1, exit);
            Assert.Contains("error MCUAI3030", stderr);
            Assert.Contains("is above --max-l2-error 1E-06", stderr);
            Assert.Contains("try --calibration-method percentile, or --mode int16x8", stderr);
            Assert.False(File.Exists(output));
        }

        [Fact]
        public void AnInt8ModelIsCopiedUnchangedWithAMessage()
        {
            string dir = CalibrationDataTests.Folder();
            string output = Path.Combine(dir, "same.tflite");
            var (exit, stdout, stderr) = Mcuai("quantize", SharedData.ModelPath("hello_world_int8"), "--out", output);
            Assert.Equal(0, exit);
            Assert.Contains("MCUAI3020", stderr);
            Assert.StartsWith("unchanged", stdout);
            Assert.Equal(File.ReadAllBytes(SharedData.ModelPath("hello_world_int8")), File.ReadAllBytes(output));
        }

        [Fact]
        public void AnUnwritableOutputIsACodedError()
        {
            string dir = CalibrationDataTests.Folder();
            string blocker = Path.Combine(dir, "file");
            File.WriteAllText(blocker, "not a folder");
            var (exit, _, stderr) = Mcuai("quantize", SharedData.ModelPath("hello_world_float"), "--calibration", SineInputs(dir, 20, 7),
                "--out", Path.Combine(blocker, "out.tflite"));
            Assert.Equal(1, exit);
            Assert.Contains("error MCUAI0012", stderr);
        }
    }
}