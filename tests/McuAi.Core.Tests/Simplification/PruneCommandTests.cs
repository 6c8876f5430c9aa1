using System.IO;
using System.Linq;
using System.Text.Json;
using McuAi.Diagnostics;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;
using McuAi.Tests.Quantization;
using Xunit;

namespace McuAi.Tests.Simplification
{
    /// <summary>`mcuai prune` and `mcuai quantize --weight-bits` run as the real executable.</summary>
    public class PruneCommandTests
    {
        [Fact]
        public void PruneWritesASmallerModelWithChannelCountsOfTheAskedMultipleAndPrintsTheSteps()
        {
            string output = Path.Combine(CalibrationDataTests.Folder(), "ic_pruned.tflite");
            var (exit, stdout, stderr) = McuaiProcess.Run("prune", SharedData.ModelPath("mlperf_ic_float"), "--ratio", "0.25", "--multiple", "4", "--out", output);
            Assert.True(exit == 0, stderr);
            Assert.Contains("## Simplification", stdout);
            Assert.Contains("| channel pruning | 318,144 → ", stdout);
            Assert.Contains("wrote " + output, stderr);
            var model = ModelReader.ReadFile(output);
            var g = model.MainSubgraph;
            var convChannels = g.Operators.Where(op => model.CodeOf(op).Op == BuiltinOperator.CONV_2D).Select(op => g.Tensors[op.Inputs[1]].Shape[0]).ToList();
            Assert.All(convChannels, c => Assert.Equal(0, c % 4));
            Assert.True(new FileInfo(output).Length < new FileInfo(SharedData.ModelPath("mlperf_ic_float")).Length * 3 / 4);
        }

        [Fact]
        public void PruneWithoutAStepOrWithAViolatedGateIsACodedErrorAndWritesNothing()
        {
            string dir = CalibrationDataTests.Folder();
            string output = Path.Combine(dir, "none.tflite");
            var (exit, _, stderr) = McuaiProcess.Run("prune", SharedData.ModelPath("hello_world_float"), "--out", output);
            Assert.Equal(1, exit);
            Assert.Contains(DiagnosticCodes.SimplificationOptionInvalid, stderr);
            Assert.Contains("--ratio", stderr);

            string data = Path.Combine(dir, "x.npy");
            File.WriteAllBytes(data, McuAi.Tests.Data.NpyBytes.Float32(Enumerable.Range(0, 64).Select(i => i * 0.1f).ToArray(), "(64, 1)"));
            (exit, _, stderr) = McuaiProcess.Run("prune", SharedData.ModelPath("hello_world_float"), "--ratio", "0.5", "--calibration", data,
                "--min-cosine", "0.99999", "--out", output);
            Assert.Equal(1, exit);
            Assert.Contains("error " + DiagnosticCodes.AccuracyGateFailed, stderr);
            Assert.Contains("after channel pruning", stderr);
            // The command line names its flags, not the item metadata.
            Assert.Contains("Lower --ratio", stderr);
            Assert.DoesNotContain("PruneRatio", stderr);
            Assert.False(File.Exists(output));
        }

        [Fact]
        public void QuantizeWithFourBitWeightsTurnsAnInt8ModelsFiltersIntoInt4()
        {
            string output = Path.Combine(CalibrationDataTests.Folder(), "person_int4.tflite");
            var (exit, stdout, stderr) = McuaiProcess.Run("quantize", SharedData.ModelPath("person_detection_int8"), "--weight-bits", "4", "--json", "--out", output);
            Assert.True(exit == 0, stderr);
            using var record = JsonDocument.Parse(stdout);
            var steps = record.RootElement.GetProperty("steps");
            Assert.Equal("weight-bits", steps[1].GetProperty("step").GetString());
            var model = ModelReader.ReadFile(output);
            Assert.Equal(28, model.MainSubgraph.Tensors.Count(t => t.Type == TensorType.INT4));
            // The 207,968 bytes of int8 filters take 103,984 as INT4.
            Assert.True(new FileInfo(output).Length <= new FileInfo(SharedData.ModelPath("person_detection_int8")).Length - 100_000);
        }
    }
}
