using System;
using System.IO;
using System.Linq;
using McuAi.Build.Tests.Infrastructure;
using Xunit;

namespace McuAi.Build.Tests
{
    /// <summary>Items for other targets and the IDE, name collisions, odd paths, and every coded error from a real project.</summary>
    [Collection(SdkCollection.Name)]
    public sealed class ItemAndDiagnosticTests
    {
        private readonly SdkFixture _sdk;

        public ItemAndDiagnosticTests(SdkFixture sdk) => _sdk = sdk;

        [Fact]
        public void Design_time_build_returns_the_generated_items_without_generating()
        {
            var p = new TestProject(_sdk, "design-time");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            p.Write("""<McuAiModel Include="hello_world_int8.tflite" Symbol="sine" />""");

            var (result, items) = p.GetItems("McuAiGenerate", new[] { "McuAiGeneratedSource", "McuAiGeneratedHeader" }, "-p:DesignTimeBuild=true");
            Assert.True(result.Succeeded, result.ToString());
            var all = items!.RootElement.GetProperty("Items");
            var sources = all.GetProperty("McuAiGeneratedSource").EnumerateArray().ToList();
            var headers = all.GetProperty("McuAiGeneratedHeader").EnumerateArray().ToList();
            Assert.Contains(sources, i => i.GetProperty("Identity").GetString()!.EndsWith("sine_model_data.cc", StringComparison.Ordinal));
            Assert.Contains(headers, i => i.GetProperty("Identity").GetString()!.EndsWith("sine_model_settings.h", StringComparison.Ordinal));
            Assert.All(sources.Concat(headers).Where(i => i.GetProperty("Filename").GetString()!.StartsWith("sine_", StringComparison.Ordinal)),
                i => Assert.Equal("sine", i.GetProperty("Symbol").GetString()));
            // The shared headers (combined resolver, mcuai_models.h) are items too, marked as combined.
            Assert.Contains(headers, i => i.GetProperty("Filename").GetString() == "mcuai_models" && i.GetProperty("McuAiCombined").GetString() == "true");
            Assert.False(Directory.Exists(p.OutputDir) && Directory.GetFiles(p.OutputDir).Length > 0, "a design-time build wrote generated files");

            // A real build then produces exactly the predicted files.
            var build = p.Build();
            Assert.True(build.Succeeded, build.ToString());
            Assert.All(sources.Concat(headers), i => Assert.True(File.Exists(i.GetProperty("Identity").GetString()), i.GetProperty("Identity").GetString()));
        }

        [Fact]
        public void Strip_embeds_a_smaller_model()
        {
            var p = new TestProject(_sdk, "strip");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            p.Write("""
                <McuAiModel Include="hello_world_int8.tflite" Symbol="full" />
                <McuAiModel Include="hello_world_int8.tflite" Symbol="stripped" Strip="true" />
                """);
            var result = p.Build();
            Assert.True(result.Succeeded, result.ToString());
            long Flash(string symbol) => long.Parse(System.Text.RegularExpressions.Regex.Match(result.Output,
                $@"McuAi: {symbol} \(hello_world_int8.tflite\):.*flash ([\d,]+) bytes").Groups[1].Value.Replace(",", ""));
            Assert.Equal(new FileInfo(Path.Combine(p.Directory, "hello_world_int8.tflite")).Length, Flash("full"));
            Assert.True(Flash("stripped") < Flash("full"), result.Output);
            Assert.Contains("McuAi: stripped: Strip 2,704 -> 2,432 bytes (272 saved): removed 2 metadata entries", result.Output);
        }

        [Fact]
        public void Strip_never_embeds_a_larger_model_and_says_so()
        {
            var p = new TestProject(_sdk, "strip-larger");
            string model = p.AddModel("person_detection_int8", "person.tflite");
            p.Write("""<McuAiModel Include="person.tflite" Strip="true" DataFormat="incbin" />""");
            // A default build (the message matters most there).
            var result = _sdk.Dotnet(p.Directory, "build", p.ProjectFile, "-nodeReuse:false");
            Assert.True(result.Succeeded, result.ToString());
            Assert.Contains("McuAi: person: Strip kept the original 300,568 bytes: stripped, the model would be 300,768 bytes (200 larger", result.Output);
            Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(Path.Combine(p.OutputDir, "person_model_data.tflite")));
        }

        [Fact]
        public void McuAiEnabled_false_turns_everything_off()
        {
            var p = new TestProject(_sdk, "disabled");
            p.Write("""<McuAiModel Include="not-there.tflite" />""", "<McuAiEnabled>false</McuAiEnabled>");
            var result = p.Build();
            Assert.True(result.Succeeded, result.ToString());
            Assert.Empty(TestProject.Errors(result));
            Assert.False(Directory.Exists(p.OutputDir));
        }

        [Fact]
        public void Two_models_with_the_same_file_name_need_their_own_Symbol()
        {
            var p = new TestProject(_sdk, "same-name");
            p.AddModel("hello_world_int8", "left/model.tflite");
            p.AddModel("micro_speech_int8", "right/model.tflite");
            p.Write("""
                <McuAiModel Include="left/model.tflite" />
                <McuAiModel Include="right/model.tflite" />
                """);
            var failed = p.Build();
            Assert.False(failed.Succeeded);
            var error = Assert.Single(TestProject.Errors(failed));
            Assert.Equal("MCUAI4004", error.Code);
            Assert.StartsWith(p.ProjectFile, error.Line);
            Assert.Contains("left/model.tflite", error.Line);
            Assert.Contains("right/model.tflite", error.Line);
            Assert.Contains("Symbol", error.Line);

            p.Write("""
                <McuAiModel Include="left/model.tflite" Symbol="sine" />
                <McuAiModel Include="right/model.tflite" Symbol="speech" />
                """);
            var fixedBuild = p.Build();
            Assert.True(fixedBuild.Succeeded, fixedBuild.ToString());
            Assert.True(File.Exists(Path.Combine(p.OutputDir, "sine_model_data.cc")));
            Assert.True(File.Exists(Path.Combine(p.OutputDir, "speech_model_data.cc")));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(p.OutputDir, "sine_model_data.cc")).Length,
                            File.ReadAllBytes(Path.Combine(p.OutputDir, "speech_model_data.cc")).Length);
        }

        [Fact]
        public void Paths_with_spaces_at_percent_and_semicolon_survive()
        {
            var p = new TestProject(_sdk, "odd path @ 100% dir");
            p.AddModel("hello_world_int8", "my models/v1 @home 50%;x/hello world.tflite");
            // MSBuild escapes: %25 = '%', %40 = '@', %3B = ';'.
            p.Write("""<McuAiModel Include="my models/v1 %40home 50%25%3Bx/hello world.tflite" OutputDir="gen out %40 50%25/" />""");
            var result = p.Build();
            Assert.True(result.Succeeded, result.ToString());
            string outDir = Path.Combine(p.Directory, "gen out @ 50%");
            Assert.True(File.Exists(Path.Combine(outDir, "hello_world_model_data.cc")), result.Output);
            Assert.Equal(new[] { "hello_world" }, TestProject.Generated(result));
            Assert.Empty(TestProject.Generated(p.Build()));
        }

        [Fact]
        public void Bad_metadata_is_reported_against_the_project_file_with_its_code()
        {
            var p = new TestProject(_sdk, "bad-metadata");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            p.Write("""
                <McuAiModel Include="hello_world_int8.tflite" Symbol="2fast" />
                <McuAiModel Include="hello_world_int8.tflite" Symbol="aligned" Alignment="12" />
                <McuAiModel Include="hello_world_int8.tflite" Symbol="quantized" Quantize="int8" />
                <McuAiModel Include="hello_world_int8.tflite" Symbol="kernels" ArenaKernels="cmsis" />
                <McuAiModel Include="models/missing.tflite" />
                """, "<McuAiTemplateDirectory>no-such-templates/</McuAiTemplateDirectory>");
            var result = p.Build();
            Assert.False(result.Succeeded);
            var errors = TestProject.Errors(result);
            Assert.Equal(new[] { "MCUAI2001", "MCUAI2003", "MCUAI2007", "MCUAI4002", "MCUAI4010", "MCUAI4011" }, errors.Select(e => e.Code).Distinct().OrderBy(c => c));
            Assert.All(errors, e => Assert.StartsWith(p.ProjectFile, e.Line));
            Assert.Contains(errors, e => e.Code == "MCUAI2003" && e.Line.Contains("Alignment='12'"));
            Assert.Contains(errors, e => e.Code == "MCUAI4002" && e.Line.Contains("ArenaKernels='cmsis'"));
            Assert.Contains(errors, e => e.Code == "MCUAI4010" && e.Line.Contains("missing.tflite"));
            Assert.Contains(errors, e => e.Code == "MCUAI2007" && e.Line.Contains("no-such-templates"));
            Assert.Empty(TestProject.Generated(result));
        }

        [Fact]
        public void Bad_models_are_reported_against_the_model_file_all_in_one_build()
        {
            var p = new TestProject(_sdk, "bad-models");
            BrokenModels.WriteNotAModel(Path.Combine(p.Directory, "readme.tflite"));
            BrokenModels.WriteWithUnsupportedOp(Path.Combine(p.Directory, "unsupported_op.tflite"));
            p.AddModel("mlperf_kws_float", "hybrid.tflite");
            p.AddModel("hello_world_int8", "fine.tflite");
            File.WriteAllText(Path.Combine(p.Directory, "blocker"), "a file where the output folder should be");
            p.Write("""
                <McuAiModel Include="readme.tflite" />
                <McuAiModel Include="unsupported_op.tflite" />
                <McuAiModel Include="hybrid.tflite" />
                <McuAiModel Include="fine.tflite" OutputDir="blocker/sub/" />
                """);
            var result = p.Build();
            Assert.False(result.Succeeded);
            var errors = TestProject.Errors(result);
            Assert.Contains(errors, e => e.Code == "MCUAI0003" && e.Line.StartsWith(Path.Combine(p.Directory, "readme.tflite"), StringComparison.Ordinal));
            // The op code was rewritten under FULLY_CONNECTED's options: the reader refuses options of another op's table
            // (MCUAI0014) before any consumer could call the op unsupported.
            Assert.Contains(errors, e => e.Code == "MCUAI0014" && e.Line.StartsWith(Path.Combine(p.Directory, "unsupported_op.tflite"), StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Code == "MCUAI1001" && e.Line.StartsWith(Path.Combine(p.Directory, "hybrid.tflite"), StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Code == "MCUAI2008" && e.Line.StartsWith(p.ProjectFile, StringComparison.Ordinal) && e.Line.Contains("blocker"));
            Assert.DoesNotContain("McuAi: readme", result.Output);
        }

        [Fact]
        public void Warnings_of_code_generation_reach_the_build_in_the_words_of_the_project()
        {
            var p = new TestProject(_sdk, "arena-below-plan");
            string model = p.AddModel("micro_speech_int8", "kws.tflite");
            p.Write("""<McuAiModel Include="kws.tflite" ArenaSize="1000" />""");
            var result = p.Build();
            Assert.True(result.Succeeded, result.ToString());
            var warning = Assert.Single(TestProject.Warnings(result), w => w.Code == "MCUAI2010").Line;
            Assert.StartsWith(model, warning);
            Assert.Contains("warning MCUAI2010: the arena size 1000 is smaller than the ", warning);
            Assert.Contains("Set ArenaSize=\"auto\" or at least ", warning);
            Assert.DoesNotContain("--arena-size", warning);
            Assert.Contains("kws_tensor_arena_size = 1000,", File.ReadAllText(Path.Combine(p.OutputDir, "kws_model_settings.h")));
        }

        [Fact]
        public void Budgets_are_checked_in_every_build()
        {
            var p = new TestProject(_sdk, "budgets");
            p.AddModel("micro_speech_int8", "micro_speech_int8.tflite");
            p.Write("""<McuAiModel Include="micro_speech_int8.tflite" />""", "<McuAiFlashBudget>16K</McuAiFlashBudget><McuAiRamBudget>lots</McuAiRamBudget>");
            var first = p.Build();
            Assert.False(first.Succeeded);
            Assert.Equal(new[] { "MCUAI4005", "MCUAI4007" }, TestProject.Errors(first).Select(e => e.Code).Distinct().OrderBy(c => c));
            Assert.All(TestProject.Errors(first), e => Assert.StartsWith(p.ProjectFile, e.Line));

            p.Write("""<McuAiModel Include="micro_speech_int8.tflite" />""", "<McuAiFlashBudget>1M</McuAiFlashBudget><McuAiRamBudget>1000</McuAiRamBudget>");
            var second = p.Build();
            Assert.False(second.Succeeded);
            Assert.Equal("MCUAI4006", Assert.Single(TestProject.Errors(second)).Code);
            // Nothing was regenerated, and the error stays until the budget is met.
            Assert.Empty(TestProject.Generated(second));
            Assert.Equal("MCUAI4006", Assert.Single(TestProject.Errors(p.Build())).Code);
        }
    }
}
