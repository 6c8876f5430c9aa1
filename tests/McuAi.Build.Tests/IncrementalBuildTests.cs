using System;
using System.IO;
using System.Linq;
using McuAi.Build.Tests.Infrastructure;
using Xunit;

namespace McuAi.Build.Tests
{
    /// <summary>What a second build does: nothing, unless a model, its metadata or the set of models changed.</summary>
    [Collection(SdkCollection.Name)]
    public sealed class IncrementalBuildTests
    {
        private readonly SdkFixture _sdk;

        public IncrementalBuildTests(SdkFixture sdk) => _sdk = sdk;

        private TestProject TwoModels(string name)
        {
            var p = new TestProject(_sdk, name);
            p.AddModel("hello_world_int8", "models/hello_world_int8.tflite");
            p.AddModel("micro_speech_int8", "models/micro_speech_int8.tflite");
            return p.Write("""
                <McuAiModel Include="models/hello_world_int8.tflite" />
                <McuAiModel Include="models/micro_speech_int8.tflite" Symbol="speech" />
                """);
        }

        [Fact]
        public void Second_build_runs_no_generation_and_keeps_every_timestamp()
        {
            var p = TwoModels("noop");
            var first = p.Build();
            Assert.True(first.Succeeded, first.ToString());
            Assert.Equal(new[] { "hello_world_int8", "speech" }, TestProject.Generated(first));
            var before = TestProject.Timestamps(p.OutputDir);

            var second = p.Build();
            Assert.True(second.Succeeded, second.ToString());
            Assert.Empty(TestProject.Generated(second));
            Assert.Contains("Skipping target \"_McuAiGenerateModels\" because all output files are up-to-date", second.Output);
            Assert.Equal(before, TestProject.Timestamps(p.OutputDir));
            // The summary lines still appear in a no-op build.
            Assert.Contains("McuAi: speech (micro_speech_int8.tflite):", second.Output);
        }

        [Fact]
        public void A_default_build_shows_one_concise_line_per_model_and_keeps_the_details_for_normal_verbosity()
        {
            var p = TwoModels("default-verbosity");
            var build = _sdk.Dotnet(p.Directory, "build", p.ProjectFile, "-nodeReuse:false");
            Assert.True(build.Succeeded, build.ToString());
            var lines = build.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("McuAi: ", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, lines.Count);
            Assert.Matches(@"^McuAi: hello_world_int8 \(hello_world_int8\.tflite\): 3 operators, flash 2,704 bytes, arena [\d,]+ bytes$", lines[0]);
            Assert.Matches(@"^McuAi: speech \(micro_speech_int8\.tflite\): \d+ operators, flash [\d,]+ bytes, arena [\d,]+ bytes$", lines[1]);

            var normal = p.Build();
            Assert.Contains("McuAi: hello_world_int8: 1 kind of operator: FULLY_CONNECTED", normal.Output);
        }

        [Fact]
        public void Touching_a_model_without_changing_it_rewrites_nothing()
        {
            var p = TwoModels("touch");
            Assert.True(p.Build().Succeeded);
            var before = TestProject.Timestamps(p.OutputDir);

            File.SetLastWriteTimeUtc(Path.Combine(p.Directory, "models", "hello_world_int8.tflite"), DateTime.UtcNow);
            var result = p.Build();
            Assert.True(result.Succeeded, result.ToString());
            Assert.Equal(new[] { "hello_world_int8" }, TestProject.Generated(result));
            Assert.Equal(before, TestProject.Timestamps(p.OutputDir));
        }

        [Fact]
        public void Changing_one_model_regenerates_only_that_model()
        {
            var p = TwoModels("change-model");
            Assert.True(p.Build().Succeeded);
            var before = TestProject.Timestamps(p.OutputDir);

            // Same file name, other content: the int8 sine model becomes the two-input ADD model.
            p.AddModel("simple_add_int8", "models/hello_world_int8.tflite");
            var result = p.Build();
            Assert.True(result.Succeeded, result.ToString());
            Assert.Equal(new[] { "hello_world_int8" }, TestProject.Generated(result));
            var after = TestProject.Timestamps(p.OutputDir);
            Assert.All(after.Where(f => Path.GetFileName(f.Key).StartsWith("speech_", StringComparison.Ordinal)),
                f => Assert.Equal(before[f.Key], f.Value));
            string data = Path.Combine(p.OutputDir, "hello_world_int8_model_data.cc");
            Assert.NotEqual(before[data], after[data]);
        }

        [Fact]
        public void Changing_one_metadata_value_regenerates_only_that_model()
        {
            var p = TwoModels("change-metadata");
            Assert.True(p.Build().Succeeded);
            var before = TestProject.Timestamps(p.OutputDir);

            p.Write("""
                <McuAiModel Include="models/hello_world_int8.tflite" />
                <McuAiModel Include="models/micro_speech_int8.tflite" Symbol="speech" Alignment="32" />
                """);
            var result = p.Build();
            Assert.True(result.Succeeded, result.ToString());
            Assert.Equal(new[] { "speech" }, TestProject.Generated(result));
            var after = TestProject.Timestamps(p.OutputDir);
            Assert.All(after.Where(f => Path.GetFileName(f.Key).StartsWith("hello_world_int8_", StringComparison.Ordinal)),
                f => Assert.Equal(before[f.Key], f.Value));
            Assert.Contains("32", File.ReadAllText(Path.Combine(p.OutputDir, "speech_model_data.cc")));

            // And a third build is a no-op again: the metadata hash file changed once, not on every build.
            var third = p.Build();
            Assert.Empty(TestProject.Generated(third));
        }

        [Fact]
        public void Clean_removes_every_output_also_outside_obj()
        {
            var p = new TestProject(_sdk, "clean");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            p.AddModel("micro_speech_int8", "micro_speech_int8.tflite");
            p.Write("""
                <McuAiModel Include="hello_world_int8.tflite" />
                <McuAiModel Include="micro_speech_int8.tflite" OutputDir="generated/" />
                """);
            Assert.True(p.Build().Succeeded);
            string generated = Path.Combine(p.Directory, "generated");
            Assert.NotEmpty(Directory.GetFiles(generated));
            Assert.NotEmpty(Directory.GetFiles(p.OutputDir));

            var clean = p.Clean();
            Assert.True(clean.Succeeded, clean.ToString());
            Assert.Empty(Directory.GetFiles(generated));
            Assert.Empty(Directory.GetFiles(p.OutputDir));
            Assert.Empty(Directory.GetFiles(Path.Combine(p.Directory, "obj", "Debug", "net10.0", "mcuai.state")));
        }

        [Fact]
        public void Adding_a_model_regenerates_the_combined_files_and_only_the_new_model()
        {
            var p = new TestProject(_sdk, "add-model");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            p.AddModel("micro_speech_int8", "micro_speech_int8.tflite");
            p.Write("""<McuAiModel Include="hello_world_int8.tflite" />""");
            Assert.True(p.Build().Succeeded);
            string cmake = Path.Combine(p.OutputDir, "mcuai_models.cmake");
            Assert.DoesNotContain("micro_speech_int8", File.ReadAllText(cmake));

            p.Write("""
                <McuAiModel Include="hello_world_int8.tflite" />
                <McuAiModel Include="micro_speech_int8.tflite" />
                """);
            var result = p.Build();
            Assert.True(result.Succeeded, result.ToString());
            Assert.Equal(new[] { "micro_speech_int8" }, TestProject.Generated(result));
            Assert.Contains("micro_speech_int8", File.ReadAllText(cmake));
        }
    }
}
