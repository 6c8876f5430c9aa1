using System;
using System.IO;
using System.Linq;
using System.Text;
using McuAi.Compiler;
using McuAi.Diagnostics;
using McuAi.Simplification;
using McuAi.Tests.CodeGen;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Fuzz
{
    /// <summary>
    /// Issue 10 §C for the consumers main added after the first fuzzing round: the hostile models the fuzzer found
    /// in the C backend (Runtime="c") and the simplification steps (channel pruning, 4-bit weights, their report).
    /// Each crashed, ran for seconds or printed a control character before its fix.
    /// </summary>
    public class HostileSimplificationTests
    {
        private static Model Load(string name) => ModelReader.ReadFile(SharedData.ModelPath(name));

        private static Operator First(Model m, BuiltinOperator op) => m.MainSubgraph.Operators.First(o => m.CodeOf(o).Op == op);

        /// <summary>The model written to a file of a temporary folder, as the simplification pipeline reads it.</summary>
        private static string Write(TempDir temp, Model model)
        {
            string path = Path.Combine(temp.Path, "hostile.tflite");
            File.WriteAllBytes(path, ModelWriter.Write(model));
            return path;
        }

        [Fact]
        public void A_rescale_beyond_32_bit_shifts_is_MCUAI6002_in_the_C_backend()
        {
            // Before: OverflowException (a shift of 131 cast to the kernel's int8 field). A tiny output scale makes the
            // convolution's multiplier 2^131: the C kernels' shifts are defined up to 31 only.
            var m = Load("mlperf_ic_int8");
            var conv = First(m, BuiltinOperator.CONV_2D);
            m.MainSubgraph.Tensors[conv.Outputs[0]].Quantization!.Scale = new[] { 1e-38f };
            var read = ModelReader.Read(ModelWriter.Write(m), "hostile.tflite");
            var e = Assert.Throws<McuAiException>(() => CModelCompiler.Compile(read, "m", "hostile.tflite"));
            Assert.Equal(DiagnosticCodes.CBackendLoweringFailed, e.Code);
            Assert.Equal("hostile.tflite", e.File);
            Assert.Contains("beyond the 32-bit shifts", e.Message);
        }

        [Fact]
        public void A_constant_model_input_that_no_operator_reads_is_MCUAI6002_in_the_C_backend()
        {
            // Before: KeyNotFoundException while emitting the input's pointer: constant arrays are made for what layers read.
            var m = Load("hello_world_int8");
            var g = m.MainSubgraph;
            var input = g.Tensors[g.Inputs[0]];
            m.Buffers.Add(new McuAi.TfLite.Buffer { Data = new byte[16], HasDataField = true });
            g.Tensors.Add(new Tensor { Name = "unused", Type = input.Type, Shape = new[] { 16 }, Buffer = (uint)(m.Buffers.Count - 1), Quantization = input.Quantization });
            g.Inputs = g.Inputs.Concat(new[] { g.Tensors.Count - 1 }).ToArray();
            var read = ModelReader.Read(ModelWriter.Write(m), "hostile.tflite");
            var e = Assert.Throws<McuAiException>(() => CModelCompiler.Compile(read, "m", "hostile.tflite"));
            Assert.Equal(DiagnosticCodes.CBackendLoweringFailed, e.Code);
            Assert.Contains("a constant that no operator reads", e.Message);
        }

        [Fact]
        public void A_filter_with_more_scales_than_channels_is_no_4_bit_candidate()
        {
            // Before: IndexOutOfRangeException in the 4-bit conversion (64 scales shared onto a filter of 8 channels).
            var m = Load("person_detection_int8");
            var dw = First(m, BuiltinOperator.DEPTHWISE_CONV_2D);
            int index = m.MainSubgraph.Operators.IndexOf(dw);
            Assert.Contains(index, Int4Weights.Candidates(m));
            var filter = m.MainSubgraph.Tensors[dw.Inputs[1]];
            int channels = filter.Shape[3];
            filter.Quantization!.Scale = Enumerable.Repeat(filter.Quantization.Scale[0], channels * 8).ToArray();
            filter.Quantization.ZeroPoint = new long[channels * 8];
            var read = ModelReader.Read(ModelWriter.Write(m), "hostile.tflite");
            Assert.DoesNotContain(index, Int4Weights.Candidates(read));
            Int4Weights.Convert(read, Int4Weights.Candidates(read));
        }

        [Fact]
        public void A_layer_whose_input_has_no_scale_keeps_its_8_bit_filter()
        {
            // Before: NullReferenceException in the 4-bit conversion, which requantizes the bias to the input's scale.
            var m = Load("hello_world_int8");
            var fc = First(m, BuiltinOperator.FULLY_CONNECTED);
            int index = m.MainSubgraph.Operators.IndexOf(fc);
            Assert.Contains(index, Int4Weights.Candidates(m));
            m.MainSubgraph.Tensors[fc.Inputs[0]].Quantization = null;
            var read = ModelReader.Read(ModelWriter.Write(m), "hostile.tflite");
            Assert.DoesNotContain(index, Int4Weights.Candidates(read));

            using var temp = new TempDir();
            string path = Write(temp, read);
            var result = SimplificationPipeline.Run(new SimplificationRequest { ModelPath = path, Settings = new SimplificationSettings { WeightBits = WeightBitsMode.Four } });
            var converted = ModelReader.Read(result.ModelBytes, path);
            Assert.Equal(TensorType.INT8, converted.MainSubgraph.Tensors[converted.MainSubgraph.Operators[index].Inputs[1]].Type);
        }

        [Fact]
        public void Channel_pruning_does_not_list_the_channels_of_a_huge_activation_it_keeps()
        {
            // Before: 769 MB and 3.7 s, every index of a 2^26-wide activation listed to find that none goes.
            var m = Load("hello_world_int8");
            var fc = First(m, BuiltinOperator.FULLY_CONNECTED);
            m.MainSubgraph.Tensors[fc.Outputs[0]].Shape = new[] { 1, 1 << 26 };
            var read = ModelReader.Read(ModelWriter.Write(m), "hostile.tflite");
            long before = GC.GetAllocatedBytesForCurrentThread();
            var result = ChannelPruner.Prune(read, new ChannelPruningOptions { Ratio = 0.5 }, file: "hostile.tflite");
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 64L << 20, $"channel pruning allocated {allocated:N0} bytes for a model of {ModelWriter.Write(read).Length:N0}");
            Assert.Equal(1 << 26, result.Model.MainSubgraph.Tensors[fc.Outputs[0]].Shape[1]);
        }

        [Fact]
        public void Model_strings_in_the_simplification_report_are_escaped()
        {
            // Before: a tensor name's ESC sequences and direction overrides reached the report's Markdown as they were.
            const string Evil = "\u001b[31mred\u001b[0m\u001b]0;title\u0007 \u202eevil\u202c | `x` \n# heading";
            var m = Load("hello_world_float");
            foreach (var op in m.MainSubgraph.Operators.Where(o => m.CodeOf(o).Op == BuiltinOperator.FULLY_CONNECTED))
                m.MainSubgraph.Tensors[op.Outputs[0]].Name = Evil;
            using var temp = new TempDir();
            var result = SimplificationPipeline.Run(new SimplificationRequest
            {
                ModelPath = Write(temp, m),
                Settings = new SimplificationSettings { Channels = new ChannelPruningOptions { Ratio = 0.5 } },
            });
            var md = new StringBuilder();
            new SimplificationReportSection(result.RecordJson).WriteMarkdown(md);
            string text = md.ToString();
            Assert.Contains("red", text);
            Assert.DoesNotContain(text, c => c != '\n' && MessageText.IsUnsafe(c));
            Assert.DoesNotContain("\n# heading", text);
        }
    }
}
