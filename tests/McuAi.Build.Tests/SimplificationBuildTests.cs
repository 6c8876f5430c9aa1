using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using McuAi.Build.Tests.Infrastructure;
using McuAi.Data;
using Xunit;

namespace McuAi.Build.Tests
{
    /// <summary>Prune="channels" ... WeightBits="4" in a real build: gated, cached steps whose figures reach the report.</summary>
    [Collection(SdkCollection.Name)]
    public sealed class SimplificationBuildTests
    {
        private readonly SdkFixture _sdk;

        public SimplificationBuildTests(SdkFixture sdk) => _sdk = sdk;

        private static void WriteSineInputs(string path, int count, int seed)
        {
            var random = new Random(seed);
            var x = Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 * Math.PI)).ToArray();
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            NpyFile.WriteFile(NpyArray.FromFloat32(x, count, 1), path);
        }

        [Fact]
        public void Pruned_quantized_four_bit_model_is_generated_reported_and_rebuilt_only_when_a_setting_changes()
        {
            var p = new TestProject(_sdk, "simplify");
            p.AddModel("hello_world_float", "models/hello_world_float.tflite");
            WriteSineInputs(Path.Combine(p.Directory, "data", "calib.npy"), 200, seed: 1);
            const string item = """<McuAiModel Include="models/hello_world_float.tflite" Quantize="int8" Calibration="data/calib.npy" Prune="channels" PruneRatio="0.25" WeightSparsity="0.1" SparsityBlock="1" SparsityScope="global" WeightBits="{0}" MinCosine="0.8" />""";
            p.Write(item.Replace("{0}", "4"));

            var first = p.Build();
            Assert.True(first.Succeeded, first.ToString());
            Assert.Contains("channel pruning: flash", first.Output);
            Assert.Contains("4-bit weights: flash", first.Output);
            Assert.Contains("info MCUAI3052", first.Output);
            Assert.Matches(@"McuAi: generating hello_world_float from .*quantized.hello_world_float\.[0-9a-f]{16}\.tflite", first.Output);
            Assert.Contains("hello_world_float_input0_type = 9, /* TfLiteType of INT8 */", File.ReadAllText(Path.Combine(p.OutputDir, "hello_world_float_model_settings.h")));
            string report = File.ReadAllText(Path.Combine(p.OutputDir, "hello_world_float_report.md"));
            Assert.Contains("## Simplification", report);
            Assert.Contains("| channel pruning | ", report);
            Assert.Contains("### 4-bit weights", report);
            Assert.Contains("## Quantization", report);
            using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(p.OutputDir, "hello_world_float_report.json"))))
            {
                var steps = json.RootElement.GetProperty("simplification").GetProperty("steps");
                Assert.Equal(new[] { "channels", "sparsity", "quantization", "weight-bits" }, steps.EnumerateArray().Select(s => s.GetProperty("step").GetString()));
                Assert.True(steps[0].GetProperty("after").GetProperty("macs").GetInt64() < steps[0].GetProperty("before").GetProperty("macs").GetInt64());
                Assert.All(steps.EnumerateArray(), s => Assert.InRange(s.GetProperty("accuracy").GetProperty("outputs")[0].GetProperty("cosine").GetDouble(), 0.8, 1.0));
                // The embedded model has INT4 filters: FULLY_CONNECTED at the version TFLite gives them.
                Assert.Contains(json.RootElement.GetProperty("operators").EnumerateArray(), l => l.GetProperty("op").GetString() == "FULLY_CONNECTED" && l.GetProperty("version").GetInt32() == 10);
            }

            var second = p.Build();
            Assert.True(second.Succeeded, second.ToString());
            Assert.Contains("Skipping target \"_McuAiQuantizeModels\" because all output files are up-to-date", second.Output);
            Assert.Empty(TestProject.Generated(second));

            // Back to 8-bit filters: the earlier steps come from the cache, only the model without the last step is new.
            p.Write(item.Replace("{0}", "8"));
            var eight = p.Build();
            Assert.True(eight.Succeeded, eight.ToString());
            Assert.Contains("channel pruning is up to date", eight.Output);
            Assert.Contains("quantization is up to date", eight.Output);
            Assert.Equal(new[] { "hello_world_float" }, TestProject.Generated(eight));
            Assert.DoesNotContain("### 4-bit weights", File.ReadAllText(Path.Combine(p.OutputDir, "hello_world_float_report.md")));
        }

        [Fact]
        public void Bad_simplification_metadata_and_four_bits_of_a_float_model_are_coded_errors()
        {
            var p = new TestProject(_sdk, "simplify-errors");
            p.AddModel("hello_world_float", "hello_world_float.tflite");
            p.Write("""
                <McuAiModel Include="hello_world_float.tflite" Symbol="a" Prune="neurons" PruneRatio="1.5" WeightBits="3" />
                """);
            var bad = p.Build();
            Assert.False(bad.Succeeded);
            var errors = TestProject.Errors(bad);
            Assert.Equal(3, errors.Count(e => e.Code == "MCUAI4002"));
            Assert.Contains(errors, e => e.Line.Contains("Prune='neurons'"));
            Assert.Contains(errors, e => e.Line.Contains("WeightBits='3'"));

            p.Write("""<McuAiModel Include="hello_world_float.tflite" WeightBits="4" />""");
            var floatModel = p.Build();
            Assert.False(floatModel.Succeeded);
            var error = Assert.Single(TestProject.Errors(floatModel));
            Assert.Equal("MCUAI3053", error.Code);
            Assert.Contains("hello_world_float.tflite", error.Line);
            // The build names the item metadata, not the command line's flags.
            Assert.Contains("set Quantize=\"int8\"", error.Line);
            Assert.DoesNotContain("--mode", error.Line);
        }
    }
}
