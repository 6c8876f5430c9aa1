using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using McuAi.CodeGen;
using McuAi.Compiler;
using McuAi.Diagnostics;
using McuAi.Tests.CodeGen;
using McuAi.Tests.Infrastructure;
using McuAi.Tests.Interpreter.Lstm;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.CBackend
{
    /// <summary>What Runtime="c" generates, refuses, and how its self-test reports: checked without running the golden models.</summary>
    public class CBackendGenerationTests
    {
        private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

        /// <summary>A model the interpreter runs but Runtime="c" does not lower: the 16x8 LSTM (int16 activations, int64 bias).</summary>
        internal static Model UnsupportedModel() =>
            new LstmModel { Type = TensorType.INT16, Quantization = TflmLstmTestData.Int16 }.BuildModel();

        [Fact]
        public void Every_model_TFLM_runs_is_compiled_and_checked_against_TFLM()
        {
            var runnable = SharedData.ModelNames().Where(SharedData.TflmRuns).ToList();
            Assert.NotEmpty(runnable);
            Assert.Empty(runnable.Except(CBackendModels.Supported));
        }

        [Fact]
        public void A_model_with_an_op_the_backend_lacks_is_MCUAI6001_naming_the_op_and_the_way_out()
        {
            var e = Assert.Throws<McuAiException>(() => ModelCodeGenerator.Generate(UnsupportedModel(), ReadOnlyMemory<byte>.Empty,
                new GenerationOptions { Symbol = "m", Runtime = ModelRuntime.C }, "lstm16x8.tflite"));
            Assert.Equal(DiagnosticCodes.CBackendUnsupportedOp, e.Code);
            Assert.Contains("UNIDIRECTIONAL_SEQUENCE_LSTM", e.Message);
            Assert.Contains("INT16", e.Message);
            Assert.EndsWith("lstm16x8.tflite", e.File);
            // Issue 10 A.7: the way out in the words of where the message is shown, the command line's by default.
            Assert.Contains("--runtime tflm", e.Message);
            Assert.DoesNotContain("Runtime=", e.Message);
            var sdk = Assert.Throws<McuAiException>(() => ModelCodeGenerator.Generate(UnsupportedModel(), ReadOnlyMemory<byte>.Empty,
                new GenerationOptions { Symbol = "m", Runtime = ModelRuntime.C, Names = SettingNames.ItemMetadata }, "lstm16x8.tflite"));
            Assert.Contains("is not supported by Runtime=\"c\"; use Runtime=\"tflm\"", sdk.Message);
            Assert.DoesNotContain("--runtime", sdk.Message);
        }

        /// <summary>
        /// INT4 filters (WeightBits="4") hold two values per byte: they go to the packed kernels (Int4WeightsLowering),
        /// never to the int8 conv, depthwise and FC kernels that would read the packed bytes as int8 weights.
        /// </summary>
        [Theory]
        [InlineData("mlperf_kws_int8")]
        [InlineData("hello_world_int8")]
        public void Int4_filters_never_reach_the_int8_kernels(string name)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            var (int4, _) = McuAi.Simplification.Int4Weights.Convert(model, McuAi.Simplification.Int4Weights.Candidates(model));
            int4 = ModelReader.Read(ModelWriter.Write(int4), name);
            var program = CModelCompiler.Compile(int4, "m", SharedData.ModelPath(name)).Program;
            var g = int4.MainSubgraph;
            var int4Layers = program.Layers.Where(l => g.Operators[l.OperatorIndex].Inputs is { Length: > 1 } inputs && inputs[1] >= 0 && g.Tensors[inputs[1]].Type == TensorType.INT4).ToList();
            Assert.NotEmpty(int4Layers);
            Assert.All(int4Layers, l => Assert.True(l.Kernel is "mcuai_conv_s4" or "mcuai_depthwise_s4", $"operator {l.OperatorIndex}: {l.Kernel}"));
        }

        [Fact]
        public void Generation_is_deterministic_and_writes_only_C()
        {
            string path = SharedData.ModelPath("mlperf_kws_int8");
            var model = ModelReader.ReadFile(path);
            var options = new GenerationOptions { Symbol = "kws", Runtime = ModelRuntime.C, SelfTest = 2 };
            var first = ModelCodeGenerator.Generate(model, File.ReadAllBytes(path), options, path);
            var second = ModelCodeGenerator.Generate(ModelReader.ReadFile(path), File.ReadAllBytes(path), options, "/elsewhere/mlperf_kws_int8.tflite");
            Assert.Equal(first.Select(f => f.RelativePath), second.Select(f => f.RelativePath));
            for (int i = 0; i < first.Count; i++) Assert.Equal(first[i].Content, second[i].Content);
            Assert.All(first, f => Assert.True(f.RelativePath.EndsWith(".c", StringComparison.Ordinal) || f.RelativePath.EndsWith(".h", StringComparison.Ordinal), f.RelativePath));
            Assert.DoesNotContain(first, f => f.RelativePath.Contains("model_data") || f.RelativePath.Contains("op_resolver"));
            Assert.Contains(first, f => f.RelativePath == "mcuai_conv_s8.c");
            Assert.DoesNotContain(first, f => f.RelativePath == "mcuai_fully_connected_f32.c");
            // Predicted outputs are a subset (the kernel files depend on the model).
            Assert.Subset(first.Select(f => f.RelativePath).ToHashSet(), ModelCodeGenerator.PredictOutputs(options).ToHashSet());
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(1001)]
        public void A_self_test_count_out_of_range_is_MCUAI6003(int count)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));
            var e = Assert.Throws<McuAiException>(() => ModelCodeGenerator.Generate(model, ReadOnlyMemory<byte>.Empty,
                new GenerationOptions { Symbol = "m", Runtime = ModelRuntime.C, SelfTest = count }, "hello_world_int8.tflite"));
            Assert.Equal(DiagnosticCodes.SelfTestInvalid, e.Code);
            Assert.Contains("--self-test 3", e.Message);
            Assert.DoesNotContain("SelfTest", e.Message);
            var sdk = Assert.Throws<McuAiException>(() => ModelCodeGenerator.Generate(model, ReadOnlyMemory<byte>.Empty,
                new GenerationOptions { Symbol = "m", Runtime = ModelRuntime.C, SelfTest = count, Names = SettingNames.ItemMetadata }, "hello_world_int8.tflite"));
            Assert.Contains("SelfTest=\"3\" (SelfTest=\"true\" gives", sdk.Message);
            Assert.DoesNotContain("--self-test", sdk.Message);
        }

        [Fact]
        public void The_RAM_figure_of_the_settings_is_the_memory_plan()
        {
            string path = SharedData.ModelPath("mlperf_kws_int8");
            var model = ModelReader.ReadFile(path);
            var compiled = CModelCompiler.Compile(model, "kws", path);
            var files = ModelCodeGenerator.Generate(model, ReadOnlyMemory<byte>.Empty, new GenerationOptions { Symbol = "kws", Runtime = ModelRuntime.C }, path);
            string settings = System.Text.Encoding.UTF8.GetString(files.Single(f => f.RelativePath == "kws_model_settings.h").Content);
            Assert.Contains($"kws_tensor_arena_size = {compiled.RamBytes},", settings);
            Assert.True(compiled.RamBytes < SharedData.Golden("mlperf_kws_int8").GetProperty("cortex_m4").GetProperty("ref").GetProperty("min_arena_bytes").GetInt64());
        }

        [RequiresToolFact("gcc")]
        public async Task The_self_test_counts_every_output_value_that_differs()
        {
            using var temp = new TempDir();
            string path = SharedData.ModelPath("mlperf_kws_int8");
            var model = ModelReader.ReadFile(path);
            var vectors = SharedData.Vectors("mlperf_kws_int8").Select(v => new SelfTestVector(v.Input, (byte[])v.Output.Clone())).ToList();
            vectors[1].Outputs[3] ^= 1;
            vectors[2].Outputs[0] ^= 0x80;
            vectors[2].Outputs[11] ^= 2;
            var files = ModelCodeGenerator.Generate(model, ReadOnlyMemory<byte>.Empty, new GenerationOptions { Symbol = "kws", Runtime = ModelRuntime.C }, path).ToList();
            files.AddRange(SelfTestGenerator.Generate(model, "kws", vectors, TemplateSet.BuiltIn, path));
            string src = temp.Sub("src");
            OutputWriter.WriteAll(src, files);
            string common = Path.Combine(SharedData.RepoRoot, "samples", "common");
            string harness = Path.Combine(SharedData.RepoRoot, "tests", "McuAi.Core.Tests", "CBackend", "Harness", "harness_main.c");
            var args = new List<string> { "-std=c99", "-Wall", "-Wextra", "-Werror", "-O2", "-I", src, "-I", common,
                "-DMCUAI_SYMBOL=kws", "-DMCUAI_SYMBOL_HEADER=kws_model.h", "-DMCUAI_SELFTEST_HEADER=kws_selftest.h" };
            args.AddRange(Directory.GetFiles(src, "*.c"));
            args.AddRange(new[] { harness, Path.Combine(common, "console.c"), Path.Combine(common, "timer.c"), "-o", Path.Combine(temp.Path, "kws") });
            var build = await ProcessRun.RunAsync("gcc", args, temp.Path, s_timeout);
            Assert.True(build.ExitCode == 0, build.Describe("gcc"));
            var run = await ProcessRun.RunAsync(Path.Combine(temp.Path, "kws"), Array.Empty<string>(), temp.Path, s_timeout);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("vector 0: mismatches 0 ", run.Output);
            Assert.Contains("vector 1: mismatches 1 ", run.Output);
            Assert.Contains("vector 2: mismatches 2 ", run.Output);
            Assert.Contains("result: FAIL", run.Output);
        }

        [RequiresToolFact("gcc")]
        public async Task A_generated_model_and_its_self_test_compile_as_strict_ISO_C99()
        {
            using var temp = new TempDir();
            string path = SharedData.ModelPath("mlperf_ic_int8");
            OutputWriter.WriteAll(temp.Path, ModelCodeGenerator.Generate(ModelReader.ReadFile(path), ReadOnlyMemory<byte>.Empty,
                new GenerationOptions { Symbol = "ic", Runtime = ModelRuntime.C, SelfTest = 1 }, path));
            var args = new List<string> { "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2", "-c" };
            args.AddRange(Directory.GetFiles(temp.Path, "*.c").Select(Path.GetFileName)!);
            var build = await ProcessRun.RunAsync("gcc", args, temp.Path, s_timeout);
            Assert.True(build.ExitCode == 0, build.Describe("gcc -pedantic"));
        }

        [RequiresToolTheory("gcc", "arm-none-eabi-gcc")]
        [InlineData("gcc", "")]
        [InlineData("gcc", "-DMCUAI_DSP_EMULATE")]
        [InlineData("arm-none-eabi-gcc", "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")]
        [InlineData("arm-none-eabi-gcc", "-mcpu=cortex-m0plus -mthumb")]
        public async Task Every_runtime_file_compiles_warning_free(string compiler, string flags)
        {
            using var temp = new TempDir();
            foreach (var (name, content) in CRuntimeLibrary.AllFiles) File.WriteAllBytes(Path.Combine(temp.Path, name), content);
            var args = new List<string> { "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2", "-c" };
            args.AddRange(flags.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            args.AddRange(CRuntimeLibrary.AllFiles.Keys.Where(n => n.EndsWith(".c", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal));
            var build = await ProcessRun.RunAsync(compiler, args, temp.Path, s_timeout);
            Assert.True(build.ExitCode == 0, build.Describe(compiler + " " + flags));
        }
    }
}

namespace McuAi.Tests.CBackend
{
    /// <summary>The command line of the C backend: `mcuai generate --runtime c --self-test N` and `mcuai analyze --runtime c`.</summary>
    public class CBackendCommandTests
    {
        [Fact]
        public void Generate_with_runtime_c_writes_the_C_sources_and_the_self_test()
        {
            using var temp = new TempDir();
            string output = Path.Combine(temp.Path, "out");
            var (exit, stdout, stderr) = McuaiProcess.Run("generate", SharedData.ModelPath("micro_speech_int8"), "--out", output, "--symbol", "kws",
                "--runtime", "c", "--self-test", "2", "--section", ".extflash", "--arena-section", ".sram2");
            Assert.True(exit == 0, stderr);
            Assert.Contains("kws:", stdout);
            var names = Directory.GetFiles(output).Select(Path.GetFileName).ToHashSet();
            Assert.Superset(new HashSet<string?> { "kws_model.h", "kws_model.c", "kws_model_settings.h", "kws_selftest.c", "kws_selftest.h", "mcuai_rt.h",
                "mcuai_conv_s8.c", "mcuai_softmax_s8.c" }, names); // its one-channel depthwise and FC run as convolutions
            Assert.DoesNotContain("mcuai_fully_connected_s8.c", names);
            Assert.DoesNotContain("kws_model_data.cc", names);
            string model = File.ReadAllText(Path.Combine(output, "kws_model.c"));
            Assert.Contains("MCUAI_SECTION(\".sram2\")", model);
            Assert.Contains("MCUAI_SECTION(\".extflash\")", model);
            Assert.Contains("enum { kws_selftest_count = 2 };", File.ReadAllText(Path.Combine(output, "kws_selftest.h")));
        }

        [Fact]
        public void Generate_names_the_unsupported_op_and_the_way_out()
        {
            using var temp = new TempDir();
            string model = Path.Combine(temp.Sub("in"), "lstm16x8.tflite");
            ModelWriter.WriteFile(CBackendGenerationTests.UnsupportedModel(), model);
            string output = temp.Sub("out");
            var (exit, _, stderr) = McuaiProcess.Run("generate", model, "--out", output, "--runtime", "c");
            Assert.Equal(1, exit);
            Assert.Contains("error MCUAI6001", stderr);
            Assert.Contains("UNIDIRECTIONAL_SEQUENCE_LSTM", stderr);
            Assert.Contains("--runtime tflm", stderr);
            Assert.Empty(Directory.GetFiles(output));
        }

        [Fact]
        public void Analyze_with_runtime_c_shows_the_C_RAM_next_to_TFLM_and_the_plan()
        {
            var (exit, stdout, stderr) = McuaiProcess.Run("analyze", SharedData.ModelPath("mlperf_kws_int8"), "--runtime", "c");
            Assert.True(exit == 0, stderr);
            long ram = CModels.RamBytes("mlperf_kws_int8");
            Assert.Contains("## C runtime (Runtime=\"c\")", stdout);
            Assert.Contains($"| **RAM total** | **{ram:N0}** |", stdout);
            Assert.Contains("TFLM arena", stdout);
            Assert.Contains("Memory plan", stdout);
            var (jsonExit, json, _) = McuaiProcess.Run("analyze", SharedData.ModelPath("mlperf_kws_int8"), "--runtime", "c", "--json");
            Assert.Equal(0, jsonExit);
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var section = document.RootElement.GetProperty("cRuntime");
            Assert.Equal(ram, section.GetProperty("ramBytes").GetInt64());
            Assert.True(section.GetProperty("tflmArenaBytes").GetInt64() > ram);
            Assert.NotEmpty(section.GetProperty("plan").EnumerateArray());
        }
    }
}
