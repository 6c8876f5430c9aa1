using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using McuAi.Build.Tests.Infrastructure;
using McuAi.Data;
using Xunit;

namespace McuAi.Build.Tests
{
    /// <summary>Quantize="int8" in a real build: the quantized model is cached under obj and follows the calibration data.</summary>
    [Collection(SdkCollection.Name)]
    public sealed class QuantizationBuildTests
    {
        private const string Quantized = "quantized (Int8) in";
        private const string NothingToQuantize = "nothing to quantize";
        private readonly SdkFixture _sdk;

        public QuantizationBuildTests(SdkFixture sdk) => _sdk = sdk;

        private static JsonElement FirstInput(string reportJson)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(reportJson));
            return doc.RootElement.GetProperty("inputs")[0].Clone();
        }

        [Fact]
        public void Int8_model_is_generated_from_the_quantized_model_and_requantized_only_when_the_data_changes()
        {
            var p = new TestProject(_sdk, "quantize-int8");
            p.AddModel("hello_world_float", "models/hello_world_float.tflite");
            string folder = Path.Combine(p.Directory, "data", "calib");
            string calib = Path.Combine(folder, "a.npy");
            SineInputs.Write(calib, 200, seed: 1);
            p.Write("""<McuAiModel Include="models/hello_world_float.tflite" Quantize="int8" Calibration="data/calib" MinCosine="0.9" />""");

            var first = p.Build();
            Assert.True(first.Succeeded, first.ToString());
            Assert.Contains(Quantized, first.Output);
            Assert.Contains("hello_world_float.tflite: calibrate 100% (200/200)", first.Output);
            Assert.Equal(new[] { "hello_world_float" }, TestProject.Generated(first));
            // The sources and the report describe the quantized model: an int8 input, from the cache under obj.
            Assert.Equal("INT8", FirstInput(Path.Combine(p.OutputDir, "hello_world_float_report.json")).GetProperty("type").GetString());
            string cached = Assert.Single(Directory.GetFiles(Path.Combine(p.OutputDir, "quantized"), "*.tflite"));
            Assert.Matches(@"McuAi: generating hello_world_float from .*quantized.hello_world_float\.[0-9a-f]{16}\.tflite", first.Output);
            string settings = File.ReadAllText(Path.Combine(p.OutputDir, "hello_world_float_model_settings.h"));
            Assert.Contains("typedef int8_t hello_world_float_input0_element;", settings);
            Assert.Contains("hello_world_float_input0_type = 9, /* TfLiteType of INT8 */", settings);
            string report = File.ReadAllText(Path.Combine(p.OutputDir, "hello_world_float_report.md"));
            Assert.Contains("## Quantization", report);
            Assert.Contains("Quantized in the build from `hello_world_float.tflite`: int8", report);
            // The gate made validation run: its figures are in the report (hello_world int8 is close to its float model).
            var row = System.Text.RegularExpressions.Regex.Match(report, @"\| StatefulPartitionedCall:0 \| 200 \| (\d\.\d{6}) \|");
            Assert.True(row.Success, report);
            Assert.InRange(double.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0.9, 1.0);
            using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(p.OutputDir, "hello_world_float_report.json"))))
            {
                var section = json.RootElement.GetProperty("quantization");
                Assert.Equal("int8", section.GetProperty("mode").GetString());
                Assert.Equal(1, section.GetProperty("calibrationFiles").GetInt32());
                var output = section.GetProperty("validation").GetProperty("outputs")[0];
                Assert.Equal(200, output.GetProperty("samples").GetInt32());
                Assert.InRange(output.GetProperty("cosine").GetDouble(), 0.9, 1.0);
            }
            var timestamps = TestProject.Timestamps(p.OutputDir);

            // Nothing changed: the quantize target is skipped and nothing is regenerated.
            var second = p.Build();
            Assert.True(second.Succeeded, second.ToString());
            Assert.Contains("Skipping target \"_McuAiQuantizeModels\" because all output files are up-to-date", second.Output);
            Assert.DoesNotContain(Quantized, second.Output);
            Assert.Empty(TestProject.Generated(second));
            Assert.Equal(timestamps, TestProject.Timestamps(p.OutputDir));

            // A touch without a change: the step runs, finds the cached model by content and quantizes nothing.
            File.SetLastWriteTimeUtc(calib, DateTime.UtcNow);
            var touched = p.Build();
            Assert.True(touched.Succeeded, touched.ToString());
            Assert.Contains(NothingToQuantize, touched.Output);
            Assert.DoesNotContain(Quantized, touched.Output);
            Assert.Equal(timestamps, TestProject.Timestamps(p.OutputDir));

            // Other data: quantized again, and the sources follow.
            SineInputs.Write(calib, 150, seed: 2);
            var changed = p.Build();
            Assert.True(changed.Succeeded, changed.ToString());
            Assert.Contains(Quantized, changed.Output);
            Assert.Contains("calibrate 100% (150/150)", changed.Output);
            Assert.Equal(new[] { "hello_world_float" }, TestProject.Generated(changed));

            // A file added to the calibration folder is part of the data.
            SineInputs.Write(Path.Combine(folder, "b.npy"), 50, seed: 3);
            var added = p.Build();
            Assert.True(added.Succeeded, added.ToString());
            Assert.Contains(Quantized, added.Output);
            Assert.Contains("calibrate 100% (200/200)", added.Output);

            // Removing it again counts too: back to the 150-sample model, which the cache still holds.
            File.Delete(Path.Combine(folder, "b.npy"));
            var removed = p.Build();
            Assert.True(removed.Succeeded, removed.ToString());
            Assert.Contains(NothingToQuantize, removed.Output);
            Assert.DoesNotContain(Quantized, removed.Output);
            Assert.Equal(new[] { "hello_world_float" }, TestProject.Generated(removed));
            // The first, the 150- and the 200-sample models: each data set has its own cache entry.
            Assert.Equal(3, Directory.GetFiles(Path.Combine(p.OutputDir, "quantized"), "*.tflite").Length);
            Assert.True(File.Exists(cached));

            // A cache emptied by hand is filled again, although the data did not change.
            Directory.Delete(Path.Combine(p.OutputDir, "quantized"), recursive: true);
            var refilled = p.Build();
            Assert.True(refilled.Succeeded, refilled.ToString());
            Assert.Contains(Quantized, refilled.Output);

            // dotnet clean removes the cache and the quantization state files too.
            var clean = p.Clean();
            Assert.True(clean.Succeeded, clean.ToString());
            Assert.False(Directory.Exists(Path.Combine(p.OutputDir, "quantized")));
            Assert.Empty(Directory.GetFiles(Path.Combine(p.Directory, "obj", "Debug", "net10.0", "mcuai.state")));
        }

        [Fact]
        public void Violated_gate_bad_values_and_bad_shapes_are_coded_errors_all_in_one_build()
        {
            var p = new TestProject(_sdk, "quantize-errors");
            p.AddModel("hello_world_float", "hello_world_float.tflite");
            SineInputs.Write(Path.Combine(p.Directory, "good.npy"), 100, seed: 1);
            SineInputs.Write(Path.Combine(p.Directory, "nan.npy"), 100, seed: 1, poison: float.NaN);
            NpyFile.WriteFile(NpyArray.FromFloat32(new float[200], 100, 2), Path.Combine(p.Directory, "wide.npy"));
            p.Write("""
                <McuAiModel Include="hello_world_float.tflite" Symbol="gated" Quantize="int8" Calibration="good.npy" MaxL2Error="0" MinCosine="0.5" />
                <McuAiModel Include="hello_world_float.tflite" Symbol="nan" Quantize="int8" Calibration="nan.npy" />
                <McuAiModel Include="hello_world_float.tflite" Symbol="wide" Quantize="int8" Calibration="wide.npy" />
                <McuAiModel Include="hello_world_float.tflite" Symbol="noglob" Quantize="int8" Calibration="nowhere/*.npy" />
                """);
            var result = p.Build();
            Assert.False(result.Succeeded);
            var errors = TestProject.Errors(result);
            Assert.Equal(new[] { "MCUAI3005", "MCUAI3007", "MCUAI3030", "MCUAI4011" }, errors.Select(e => e.Code).Distinct().OrderBy(c => c));
            Assert.Contains(errors, e => e.Code == "MCUAI4011" && e.Line.StartsWith(p.ProjectFile, StringComparison.Ordinal) && e.Line.Contains("'nowhere/*.npy' matches no .npy/.npz file"));
            var gate = Assert.Single(errors, e => e.Code == "MCUAI3030").Line;
            Assert.Matches(@"L2 relative error \d\.\d{5} is above MaxL2Error 0\b", gate);
            Assert.Contains("try CalibrationMethod=\"percentile\", or Quantize=\"int16x8\"", gate);
            Assert.DoesNotContain("--", gate);
            Assert.DoesNotContain("cosine similarity", gate);
            var nan = Assert.Single(errors, e => e.Code == "MCUAI3007").Line;
            Assert.StartsWith(Path.Combine(p.Directory, "nan.npy"), nan);
            Assert.Contains("(McuAiModel 'nan')", nan);
            Assert.Contains("wide.npy", Assert.Single(errors, e => e.Code == "MCUAI3005").Line);
            Assert.Empty(TestProject.Generated(result));
            // A failed gate caches nothing, so the next build fails again.
            Assert.False(p.Build().Succeeded);
        }

        [Fact]
        public void Missing_calibration_and_unknown_mode_name_the_project_file()
        {
            var p = new TestProject(_sdk, "quantize-metadata");
            p.AddModel("hello_world_float", "hello_world_float.tflite");
            p.Write("""
                <McuAiModel Include="hello_world_float.tflite" Symbol="nocalib" Quantize="int8" />
                <McuAiModel Include="hello_world_float.tflite" Symbol="fp4" Quantize="fp4" />
                """);
            var result = p.Build();
            Assert.False(result.Succeeded);
            var errors = TestProject.Errors(result);
            Assert.All(errors, e => Assert.StartsWith(p.ProjectFile, e.Line));
            Assert.Contains(errors, e => e.Code == "MCUAI4002" && e.Line.Contains("Quantize='fp4'"));
            Assert.Contains(errors, e => e.Code == "MCUAI4011" && e.Line.Contains("'hello_world_float.tflite': Quantize='int8' needs calibration data"));
        }

        [Fact]
        public void Dynamic_quantization_is_refused_before_any_work_with_one_error()
        {
            var p = new TestProject(_sdk, "quantize-dynamic");
            p.AddModel("hello_world_float", "hello_world_float.tflite");
            p.Write("""<McuAiModel Include="hello_world_float.tflite" Quantize="dynamic" />""");
            var result = p.Build();
            Assert.False(result.Succeeded);
            var error = Assert.Single(TestProject.Errors(result));
            Assert.Equal("MCUAI4002", error.Code);
            Assert.StartsWith(p.ProjectFile, error.Line);
            Assert.Contains("Quantize='dynamic' makes a hybrid model", error.Line);
            Assert.Contains("Use Quantize=\"int8\"", error.Line);
            Assert.Empty(TestProject.Warnings(result));
            Assert.DoesNotContain("calibrate", result.Output);
            Assert.Empty(TestProject.Generated(result));
        }

        [Fact]
        public void Design_time_build_skips_quantization_but_returns_the_generated_items()
        {
            var p = new TestProject(_sdk, "quantize-design-time");
            p.AddModel("hello_world_float", "hello_world_float.tflite");
            SineInputs.Write(Path.Combine(p.Directory, "calib.npy"), 50, seed: 1);
            p.Write("""<McuAiModel Include="hello_world_float.tflite" Quantize="int8" Calibration="calib.npy" />""");
            var (result, items) = p.GetItems("McuAiGenerate", new[] { "McuAiGeneratedSource" }, "-p:DesignTimeBuild=true");
            Assert.True(result.Succeeded, result.ToString());
            Assert.NotNull(items);
            Assert.NotEmpty(items!.RootElement.GetProperty("Items").GetProperty("McuAiGeneratedSource").EnumerateArray());
            Assert.DoesNotContain("calibrate", result.Output);
            Assert.False(Directory.Exists(Path.Combine(p.OutputDir, "quantized")));
        }
    }
}
