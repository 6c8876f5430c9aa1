using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.Cli
{
    /// <summary>Runs the real `mcuai` executable (as users do), so exit codes and stdout/stderr are the real ones.</summary>
    public class AnalyzeCommandTests
    {
        private static (int ExitCode, string Stdout, string Stderr) Mcuai(params string[] args) => McuaiProcess.Run(args);

        [Fact]
        public void Table_lists_layers_totals_flash_arena_and_resolver_calls()
        {
            var (exit, stdout, stderr) = Mcuai("analyze", SharedData.ModelPath("hello_world_int8"));
            Assert.Equal(0, exit);
            Assert.Equal("", stderr);
            var lines = stdout.Split('\n');
            Assert.Contains(lines, l => l.StartsWith("1  FULLY_CONNECTED v4  [1,16]", StringComparison.Ordinal) && l.Contains(" 256 "));
            Assert.Contains(lines, l => l.Trim().StartsWith("total", StringComparison.Ordinal) && l.Contains("288"));
            Assert.Contains("Flash (model): 2,704 bytes", stdout);
            Assert.Contains("Arena:", stdout);
            Assert.Contains("  AddFullyConnected()", stdout);
        }

        [Fact]
        public void Json_is_the_stable_form()
        {
            var (exit, stdout, _) = Mcuai("analyze", SharedData.ModelPath("audio_preprocessor_int8"), "--json", "--pointer-size", "8", "--kernels", "cmsis-nn");
            Assert.Equal(0, exit);
            using var doc = JsonDocument.Parse(stdout);
            var root = doc.RootElement;
            Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
            Assert.Equal(8, root.GetProperty("arena").GetProperty("pointerSize").GetInt32());
            Assert.Equal("cmsis-nn", root.GetProperty("arena").GetProperty("kernels").GetString());
            Assert.Contains("SignalPCAN", root.GetProperty("customOps").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("INT16", root.GetProperty("inputs")[0].GetProperty("type").GetString());
            Assert.True(root.GetProperty("arenaBytes").GetInt64() > 0);
        }

        [Fact]
        public void Hybrid_model_is_analyzed_with_an_error_finding()
        {
            var (exit, stdout, _) = Mcuai("analyze", SharedData.ModelPath("mlperf_kws_float"), "--json");
            Assert.Equal(0, exit);
            using var doc = JsonDocument.Parse(stdout);
            var hybrid = doc.RootElement.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "MCUAI1001");
            Assert.Equal("error", hybrid.GetProperty("severity").GetString());
        }

        [Fact]
        public void Report_option_writes_markdown_json_and_the_arena_timeline_named_like_generate_and_the_SDK_do()
        {
            string dir = Path.Combine(Path.GetTempPath(), "mcuai-cli-" + Guid.NewGuid().ToString("N"));
            try
            {
                var (exit, _, _) = Mcuai("analyze", SharedData.ModelPath("micro_speech_int8"), "--report", dir);
                Assert.Equal(0, exit);
                Assert.Equal(new[] { "micro_speech_int8_arena.svg", "micro_speech_int8_report.json", "micro_speech_int8_report.md" },
                    Directory.GetFiles(dir).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
                string md = File.ReadAllText(Path.Combine(dir, "micro_speech_int8_report.md"));
                Assert.Contains("## Layers", md);
                Assert.Contains("![Arena timeline](micro_speech_int8_arena.svg)", md);
                using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "micro_speech_int8_report.json")));
                Assert.Equal("micro_speech_int8.tflite", doc.RootElement.GetProperty("model").GetProperty("file").GetString());
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void Missing_file_is_a_coded_error_naming_it()
        {
            string path = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N") + ".tflite");
            var (exit, stdout, stderr) = Mcuai("analyze", path);
            Assert.NotEqual(0, exit);
            Assert.Equal("", stdout);
            Assert.StartsWith(path + ": error MCUAI0001: ", stderr);
        }

        [Theory]
        [InlineData(0, "MCUAI0002")]     // empty file
        [InlineData(100, "MCUAI0004")]   // truncated: offsets point past the end
        public void Broken_files_are_coded_errors(int keepBytes, string code)
        {
            string path = Path.Combine(Path.GetTempPath(), "broken-" + Guid.NewGuid().ToString("N") + ".tflite");
            File.WriteAllBytes(path, File.ReadAllBytes(SharedData.ModelPath("hello_world_int8")).Take(keepBytes).ToArray());
            try
            {
                var (exit, _, stderr) = Mcuai("analyze", path, "--json");
                Assert.NotEqual(0, exit);
                Assert.StartsWith($"{path}: error {code}: ", stderr);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Wrong_identifier_is_a_coded_error()
        {
            var (exit, _, stderr) = Mcuai("analyze", Path.Combine(SharedData.ModelsDir, "SOURCES.md"));
            Assert.NotEqual(0, exit);
            Assert.Contains("error MCUAI0003: ", stderr);
        }

        [Fact]
        public void Runtime_c_adds_the_estimated_M4_instructions_per_layer_and_in_total()
        {
            var (exit, stdout, stderr) = Mcuai("analyze", SharedData.ModelPath("mlperf_vww_int8"), "--json", "--runtime", "c");
            Assert.Equal(0, exit);
            Assert.Equal("", stderr);
            using var doc = JsonDocument.Parse(stdout);
            var operators = doc.RootElement.GetProperty("operators").EnumerateArray().ToList();
            long sum = operators.Sum(o => o.GetProperty("estimatedM4Instructions").GetInt64());
            long total = doc.RootElement.GetProperty("cRuntime").GetProperty("estimatedM4Instructions").GetInt64();
            Assert.Equal(total, sum);
            // The first convolution (a 3x3 window over 3 channels) costs more than the 1x1 convolution with the same MACs order.
            Assert.True(operators[0].GetProperty("estimatedM4Instructions").GetInt64() > 1_000_000);
            Assert.Equal(0, operators.Single(o => o.GetProperty("op").GetString() == "RESHAPE").GetProperty("estimatedM4Instructions").GetInt64());

            var (_, text, _) = Mcuai("analyze", SharedData.ModelPath("mlperf_vww_int8"), "--runtime", "c");
            Assert.Contains("est. M4 instructions", text);
            Assert.Contains(total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), text);
        }

        [Fact]
        public void A_bad_optimize_value_is_MCUAI6004_and_size_keeps_more_block_sparse_filters()
        {
            var (exit, _, stderr) = Mcuai("analyze", SharedData.ModelPath("mlperf_vww_int8"), "--runtime", "c", "--optimize", "fast");
            Assert.Equal(1, exit);
            Assert.Contains("error MCUAI6004", stderr);
            Assert.Contains("--optimize speed", stderr);

            (long Instructions, long ModelData) Figures(string optimize)
            {
                var (code, stdout, _) = Mcuai("analyze", SharedData.ModelPath("mlperf_vww_int8"), "--json", "--runtime", "c", "--optimize", optimize);
                Assert.Equal(0, code);
                using var doc = JsonDocument.Parse(stdout);
                var c = doc.RootElement.GetProperty("cRuntime");
                return (c.GetProperty("estimatedM4Instructions").GetInt64(), c.GetProperty("modelDataBytes").GetInt64());
            }
            // mlperf_vww_int8's filters are mostly zero blocks: size stores them block-sparse; speed takes the sparse form
            // only where it is estimated no slower (since the sparse kernel runs the dense driver, every one of them: the
            // same figures; InstructionCostModelTests shows speed keeping filters dense on the pruned models).
            var speed = Figures("speed");
            var size = Figures("size");
            Assert.True(size.ModelData <= speed.ModelData, $"size {size.ModelData} bytes, speed {speed.ModelData}");
            Assert.True(size.ModelData < 232_762, $"size {size.ModelData} bytes: no filter block-sparse");
            Assert.True(speed.Instructions <= size.Instructions, $"speed {speed.Instructions} instructions, size {size.Instructions}");
        }

        [Theory]
        [InlineData("--pointer-size", "3")]
        [InlineData("--kernels", "fast")]
        public void Bad_options_are_rejected(string option, string value)
        {
            var (exit, _, stderr) = Mcuai("analyze", SharedData.ModelPath("hello_world_int8"), option, value);
            Assert.NotEqual(0, exit);
            Assert.Contains(value, stderr);
        }
    }
}
