using System;
using System.Linq;
using McuAi.Analysis;
using McuAi.Compiler;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.Fuzz.Harness;
using McuAi.Fuzz.Mutation;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Fuzz
{
    /// <summary>
    /// Issue 10 §C, the fuzzer's mutant 6587 of seed 20261205: a megabyte-long custom-op name shared by hundreds of
    /// operators took 6 s in the simplification pipeline and 2 s in the arena plan, because the op registries hashed
    /// (and messages escaped) the whole name once per operator. Lookups are now once per operator code and bounded by
    /// the longest known name, and a quoted name is escaped only as far as it is shown. Times are measured and reported
    /// (docs/format.md, "Fuzzing"), not asserted; these tests pin the behaviour that keeps the work bounded.
    /// </summary>
    public class HostileNameTests
    {
        [Fact]
        public void A_name_longer_than_every_key_is_not_found_and_known_names_are()
        {
            string huge = "SignalWindow" + new string('A', 1 << 20);
            Assert.Null(TflmOps.FindCustom(huge));
            Assert.Equal("AddWindow", TflmOps.FindCustom("SignalWindow")!.ResolverMethod);

            var custom = new OperatorCode { DeprecatedBuiltinCode = (sbyte)BuiltinOperator.CUSTOM, CustomCode = huge };
            Assert.Null(KernelRegistry.Find(custom));
            Assert.Empty(LoweringRegistry.For(custom));
            var window = new OperatorCode { DeprecatedBuiltinCode = (sbyte)BuiltinOperator.CUSTOM, CustomCode = "SignalWindow" };
            Assert.NotNull(KernelRegistry.Find(window));
            Assert.NotEmpty(LoweringRegistry.For(window));

            var table = new OpNameTable<int>(new() { ["ADD"] = 1, ["CUSTOM:SignalWindow"] = 2 });
            Assert.True(table.TryGetValue("CUSTOM:SignalWindow", out int two) && two == 2);
            Assert.False(table.Contains("CUSTOM:SignalWindowX"));
            Assert.False(table.Contains(null));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(5)]
        [InlineData(79)]
        [InlineData(80)]
        [InlineData(81)]
        [InlineData(5000)]
        public void A_quoted_name_is_the_escaped_name_cut_wherever_its_control_characters_are(int at)
        {
            // Escaping the part kept must give what escaping the whole name and cutting it gave.
            foreach (int length in new[] { 3, 79, 80, 81, 200, 1 << 20 })
            {
                var chars = Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)).ToArray();
                if (at < length) chars[at] = '\n';
                if (at + 1 < length) chars[at + 1] = '\u202e';
                string text = new(chars);
                string escapedWhole = text.Replace("\n", "\\x0a").Replace("\u202e", "\\u202e");
                string expected = escapedWhole.Length <= MessageText.MaxQuoted
                    ? escapedWhole
                    : escapedWhole.Substring(0, MessageText.MaxQuoted) + "...(" + length + " characters)";
                Assert.Equal(expected, MessageText.Quote(text));
            }
        }

        [Fact]
        public void A_long_tensor_name_behind_thousands_of_output_slots_is_shown_capped_in_every_report()
        {
            // Before (long fuzz run, seed 20261205, mutant 317804): the Markdown report wrote the whole 512 KB name for each
            // of 8,192 output slots sharing one tensor, and analyze ended in an OutOfMemoryException after 6 GB.
            var m = ModelReader.ReadFile(SharedData.ModelPath("hello_world_float"));
            var graph = m.MainSubgraph;
            int output = graph.Outputs[0];
            graph.Tensors[output].Name = new string('n', 1 << 19) + "\n| forged |";
            graph.Outputs = Enumerable.Repeat(output, 8192).ToArray();
            byte[] bytes = ModelWriter.Write(m);
            var model = ModelReader.Read(bytes, "long-name.tflite");
            long before = GC.GetAllocatedBytesForCurrentThread();
            var report = McuAi.Reports.ModelReport.Create(model, bytes, "long-name.tflite");
            string markdown = McuAi.Reports.ReportMarkdown.Render(report, "report.svg");
            string text = McuAi.Reports.ReportText.Render(report);
            byte[] json = McuAi.Reports.ReportJson.RenderUtf8(report);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            // Each report holds the name in full at most once (the arena's tensor list), and 8,192 capped copies.
            foreach (long length in new long[] { markdown.Length, text.Length, json.Length })
                Assert.True(length < 8 << 20, $"a report of {length:N0} characters");
            Assert.True(allocated < 200L << 20, $"{allocated:N0} bytes allocated");
            Assert.DoesNotContain("\n| forged |", markdown);
        }

        [Fact]
        public void A_per_channel_tensor_behind_thousands_of_output_slots_is_formatted_once_per_report()
        {
            // Before (long fuzz run, seed 20261205, mutant 990236): 4,095 of person_detection's 4,096 output slots named one
            // 128-channel weight; the JSON and Markdown reports formatted its scales and zero points for every slot,
            // and analyze took 2.5 s and 658 MB. Now each distinct tensor's quantization is formatted once.
            // Measured on this thread: the fuzz harness counts the whole process, which other tests share.
            var mutant = LongRunFactory.Create(990236);
            var model = ModelReader.Read(mutant.Bytes, "990236.tflite");
            long before = GC.GetAllocatedBytesForCurrentThread();
            var report = McuAi.Reports.ModelReport.Create(model, mutant.Bytes, "990236.tflite");
            _ = McuAi.Reports.ReportJson.RenderUtf8(report);
            _ = McuAi.Reports.ReportMarkdown.Render(report, "report.svg");
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(4096, model.MainSubgraph.Outputs.Length);
            Assert.True(allocated < 150L << 20, $"{allocated:N0} bytes allocated");
        }

        [Fact]
        public void Codes_used_counts_each_code_once_in_order_of_first_use()
        {
            var m = ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));
            var used = m.CodesUsed();
            Assert.Equal(m.Subgraphs.Sum(g => g.Operators.Count), used.Sum(u => u.Operators));
            Assert.Equal(used.Count, used.Select(u => u.Code).Distinct().Count());
            var firstUse = m.Subgraphs.SelectMany(g => g.Operators).Select(o => m.CodeOf(o)).Distinct().ToList();
            Assert.Equal(firstUse, used.Select(u => u.Code).ToList());
            foreach (var (code, operators) in used)
                Assert.Equal(m.Subgraphs.SelectMany(g => g.Operators).Count(o => ReferenceEquals(m.CodeOf(o), code)), operators);
        }

        [Fact]
        public void The_fuzzers_megabyte_custom_name_mutant_gives_only_accepted_or_coded_outcomes()
        {
            var mutant = LongRunFactory.Create(6587);
            Assert.Contains("CUSTOM '1048576' chars", mutant.Description);
            var result = McuAi.Fuzz.Harness.Consumers.Run(mutant);
            var runs = result.Runs.ToDictionary(r => r.Consumer);
            Assert.All(result.Runs, r => Assert.True(r.Outcome is Outcome.Accepted or Outcome.Coded or Outcome.Skipped, $"{r.Consumer}: {r.Key} {r.Detail}"));
            // The planner and the simplification pipeline take the unknown custom op (assumed op data), as before the fix.
            Assert.Equal(Outcome.Accepted, runs["plan"].Outcome);
            Assert.Equal(Outcome.Accepted, runs["simplify"].Outcome);
            Assert.Equal(DiagnosticCodes.InterpreterUnsupportedOp, runs["run"].Code);
            Assert.Null(result.Inconsistency);
        }

        [Fact]
        public void The_long_runs_rewired_lstm_input_mutant_is_refused_by_the_quantizer_with_a_code()
        {
            // Before (long fuzz run, seed 20261205, mutant 473550): the subgraph's inputs redirected to another vector
            // left the LSTM's input without quantization parameters: KeyNotFoundException in the quantizer.
            var mutant = LongRunFactory.Create(473550);
            Assert.Contains("redirect: SubGraph field 1", mutant.Description);
            var result = McuAi.Fuzz.Harness.Consumers.Run(mutant);
            Assert.All(result.Runs, r => Assert.True(r.Outcome is Outcome.Accepted or Outcome.Coded or Outcome.Skipped, $"{r.Consumer}: {r.Key} {r.Detail}"));
            Assert.Equal(Outcome.Coded, result.Runs.Single(r => r.Consumer == "quantize").Outcome);
        }

        [Theory]
        [InlineData(478585)]
        [InlineData(849573)]
        [InlineData(895593)]
        [InlineData(920779)]
        public void The_long_runs_tensors_of_tens_of_thousands_of_dimensions_are_refused_by_the_reader(long iteration)
        {
            // Before (long fuzz run, seed 20261205): a tensor of 32,768 or 65,536 dimensions listed by hundreds of
            // operator slots; analysis and its reports wrote every dimension per row: 682 MB to 1.5 GB, up to 4.8 s.
            var runs = Replay(iteration);
            Assert.Equal(DiagnosticCodes.InvalidShape, runs["read"].Code);
            Assert.Contains("dimensions; McuAi.Build reads tensors of at most 16", runs["read"].Detail);
            Assert.All(runs.Values, r => Assert.True(r.Outcome is Outcome.Accepted or Outcome.Coded or Outcome.Skipped, $"{r.Consumer}: {r.Key} {r.Detail}"));
        }

        [Fact]
        public void A_shape_of_more_than_8_dimensions_is_shown_cut_in_the_text_and_markdown_reports()
        {
            // Ranks 9 to 16 are read; the people's reports show 8 dimensions and the rank (the JSON report keeps them all).
            var m = ModelReader.ReadFile(SharedData.ModelPath("hello_world_float"));
            var input = m.MainSubgraph.Tensors[m.MainSubgraph.Inputs[0]];
            input.Shape = Enumerable.Repeat(1, 12).ToArray();
            byte[] bytes = ModelWriter.Write(m);
            var report = McuAi.Reports.ModelReport.Create(ModelReader.Read(bytes, "m.tflite"), bytes, "m.tflite", new AnalysisOptions());
            Assert.Contains("[1, 1, 1, 1, 1, 1, 1, 1, … (12 dimensions)]", McuAi.Reports.ReportMarkdown.Render(report, "report.svg"));
            Assert.Contains("[1,1,1,1,1,1,1,1,… (12 dimensions)]", McuAi.Reports.ReportText.Render(report));
        }

        [Fact]
        public void The_long_runs_int16_conv_shift_beyond_32_bits_mutant_is_refused_by_the_c_backend_with_a_code()
        {
            // Before (long fuzz run, seed 20261205, mutant 918000: a scale of 2139095039): the int16 convolution's
            // shift did not fit the C kernels' sbyte, OverflowException; now MCUAI6002 as for the int8 kernels.
            Assert.Equal(DiagnosticCodes.CBackendLoweringFailed, Replay(918000)["c"].Code);
        }

        [Fact]
        public void The_long_runs_svdf_without_input_mutant_is_refused_by_simplification_naming_the_file()
        {
            // Before (long fuzz run, seed 20261205, mutant 554400: an SVDF whose input was dropped): the simplification
            // pipeline's before/after figures analysed the model without its file name, so MCUAI1011 named no file.
            var simplify = Replay(554400)["simplify"];
            Assert.Equal(Outcome.Coded, simplify.Outcome);
            Assert.Equal(DiagnosticCodes.InvalidOperator, simplify.Code);
        }

        [Fact]
        public void The_long_runs_huge_batch_mutant_is_refused_by_the_self_test_before_its_vectors_are_made()
        {
            // Before (long fuzz run, seed 20261205, mutant 617950: a 3 KB TRANSPOSE_CONV model with a batch of 4,194,304):
            // the self-test made its vectors and their C text, 691 MB; now its size is checked first (MCUAI6003).
            var c = Replay(617950)["c"];
            Assert.Equal(DiagnosticCodes.SelfTestInvalid, c.Code);
            Assert.Contains("--self-test 0", c.Detail);
        }

        [Fact]
        public void The_long_runs_int8_zero_point_of_2_to_the_24_mutant_is_refused_by_the_c_backend_with_a_code()
        {
            // Before (long fuzz run, seed 20261205, mutant 669050: an int8 output's zero point of 16,777,216): the C
            // backend's output-stage packing threw ArgumentOutOfRangeException; now MCUAI6002.
            var runs = Replay(669050);
            Assert.Equal(DiagnosticCodes.CBackendLoweringFailed, runs["c"].Code);
            Assert.All(runs.Values, r => Assert.True(r.Outcome is Outcome.Accepted or Outcome.Coded or Outcome.Skipped, $"{r.Consumer}: {r.Key} {r.Detail}"));
        }

        [Fact]
        public void The_long_runs_operator_writing_a_constant_mutant_is_refused_by_the_c_backend_with_a_code()
        {
            // Before (long fuzz run, seed 20261205, mutant 712150: an operator's output redirected to a weight tensor):
            // the C emitter found no place for the output, KeyNotFoundException; now MCUAI6002.
            var runs = Replay(712150);
            Assert.Equal(DiagnosticCodes.CBackendLoweringFailed, runs["c"].Code);
            Assert.Contains("constant data", runs["c"].Detail);
        }

        /// <summary>The mutants of the long run (seed 20261205), made as the fuzzer made them.</summary>
        private static MutantFactory LongRunFactory => new(SeedModel.LoadFolder(SharedData.ModelsDir), 20261205);

        /// <summary>Every consumer's run of the long run's mutant <paramref name="iteration"/>, by consumer.</summary>
        private static System.Collections.Generic.Dictionary<string, McuAi.Fuzz.Harness.ConsumerRun> Replay(long iteration) =>
            McuAi.Fuzz.Harness.Consumers.Run(LongRunFactory.Create(iteration)).Runs.ToDictionary(r => r.Consumer);
    }
}
