using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Analysis;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.Fuzz.Flex;
using McuAi.Interpreter;
using McuAi.Memory;
using McuAi.Reports;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Fuzz
{
    /// <summary>
    /// Issue 10 §C, the hostile models the fuzzer found (uncoded crashes before): each is refused with one
    /// coded error by every consumer alike — analysis, the arena planner with CMSIS-NN kernels, code generation
    /// and the interpreter — because the reader validates once what all of them need.
    /// </summary>
    public class HostileModelTests
    {
        private const string FileName = "hostile.tflite";

        private static Model Load(string name) => ModelReader.ReadFile(SharedData.ModelPath(name));

        private static Operator First(Model m, BuiltinOperator op) => m.MainSubgraph.Operators.First(o => m.CodeOf(o).Op == op);

        /// <summary>Every consumer's code for the model's bytes ("accepted" when it took the model).</summary>
        private static Dictionary<string, string> Consumers(Model model)
        {
            byte[] bytes = ModelWriter.Write(model);
            var consumers = new (string Name, Action Run)[]
            {
                ("read", () => ModelReader.Read(bytes, FileName)),
                ("analyze", () => ModelReport.Create(ModelReader.Read(bytes, FileName), bytes, FileName)),
                ("plan", () => ArenaPlanner.Plan(ModelReader.Read(bytes, FileName), new ArenaOptions { Kernels = KernelSet.CmsisNn }, FileName)),
                ("generate", () => ModelCodeGenerator.Generate(ModelReader.Read(bytes, FileName), bytes, new GenerationOptions { Symbol = "m" }, FileName)),
                ("run", () =>
                {
                    var interpreter = new ModelInterpreter(ModelReader.Read(bytes, FileName), null, FileName);
                    interpreter.SetInputs(new byte[interpreter.InputBytes]);
                    interpreter.Invoke();
                }),
            };
            var codes = new Dictionary<string, string>();
            foreach (var (name, run) in consumers)
            {
                try
                {
                    run();
                    codes[name] = "accepted";
                }
                catch (McuAiException e)
                {
                    Assert.Equal(FileName, e.File);
                    codes[name] = e.Code;
                }
            }
            return codes;
        }

        private static void AllRefuse(Model model, string code)
        {
            var codes = Consumers(model);
            Assert.True(codes.Values.All(c => c == code), $"expected {code} from every consumer: " + string.Join(", ", codes.Select(c => $"{c.Key} {c.Value}")));
        }

        [Fact]
        public void Options_of_another_table_are_refused_by_every_consumer()
        {
            var m = Load("hello_world_int8");
            First(m, BuiltinOperator.FULLY_CONNECTED).BuiltinOptions = new OperatorOptions(OptionsSchema.ByName("Pool2DOptions"));
            AllRefuse(m, DiagnosticCodes.OptionsTableMismatch);
        }

        [Fact]
        public void Options_of_an_unknown_union_index_on_a_known_op_are_refused_by_every_consumer()
        {
            var m = Load("op_seanet_conv20");
            First(m, BuiltinOperator.CONV_2D).BuiltinOptions = OperatorOptions.Unknown(200, false, new RawOptionsTable(new byte[]?[] { new byte[] { 1, 0, 0, 0 } }));
            AllRefuse(m, DiagnosticCodes.OptionsTableMismatch);
        }

        [Fact]
        public void A_depthwise_stride_of_zero_is_refused_by_every_consumer()
        {
            // Before: DivideByZeroException in the CMSIS-NN arena terms (mcuai analyze --kernels cmsis-nn).
            var m = Load("person_detection_int8");
            First(m, BuiltinOperator.DEPTHWISE_CONV_2D).BuiltinOptions!.Set("stride_w", 0);
            AllRefuse(m, DiagnosticCodes.OptionOutOfRange);
        }

        [Fact]
        public void Convolution_options_that_are_absent_are_refused_by_every_consumer()
        {
            // Before: a NullReferenceException in the interpreter's convolution geometry.
            var m = Load("op_seanet_conv20");
            First(m, BuiltinOperator.CONV_2D).BuiltinOptions = null;
            AllRefuse(m, DiagnosticCodes.InvalidOperator);
        }

        [Theory]
        [InlineData("op_seanet_conv21")] // int16 activations (Conv2DInt16)
        [InlineData("mlperf_ic_int8")] // int8 (Conv2DKernel)
        public void A_convolution_input_of_depth_0_is_refused_by_the_interpreter_with_a_code(string model)
        {
            // Before (long fuzz run, seed 20261205, iterations 15395 and 57142): 0 input channels made 0 groups and a
            // DivideByZeroException in the interpreter's int16 convolution. The other consumers do not divide by it.
            var m = Load(model);
            var input = m.MainSubgraph.Tensors[First(m, BuiltinOperator.CONV_2D).Inputs[0]];
            input.Shape = input.Shape.ToArray();
            input.Shape[3] = 0;
            var codes = Consumers(m);
            Assert.True(codes["run"] == DiagnosticCodes.InvalidOperator || codes["read"] != "accepted", string.Join(", ", codes.Select(c => $"{c.Key} {c.Value}")));
        }

        [Fact]
        public void A_rank_0_tensor_where_the_op_indexes_dimensions_is_refused_by_every_consumer()
        {
            var m = Load("hello_world_int8");
            var weights = m.MainSubgraph.Tensors[First(m, BuiltinOperator.FULLY_CONNECTED).Inputs[1]];
            weights.Shape = Array.Empty<int>();
            m.Buffers[(int)weights.Buffer].Data = new byte[1];
            AllRefuse(m, DiagnosticCodes.InvalidOperator);
        }

        [Fact]
        public void A_zero_point_beyond_32_bits_is_refused_by_every_consumer()
        {
            // Before: OverflowException in the interpreter's runtime tensor.
            var m = Load("mlperf_ic_int8");
            m.MainSubgraph.Tensors.First(t => t.IsQuantized && t.Quantization!.ZeroPoint.Length > 0).Quantization!.ZeroPoint[0] = 1L << 40;
            AllRefuse(m, DiagnosticCodes.InvalidQuantization);
        }

        [Fact]
        public void A_bias_buffer_larger_than_its_shape_is_refused_by_every_consumer()
        {
            // Before: analyze accepted it and run failed with "Destination is too short".
            var m = Load("mlperf_ic_int8");
            var bias = m.MainSubgraph.Tensors[First(m, BuiltinOperator.CONV_2D).Inputs[2]];
            var data = m.Buffers[(int)bias.Buffer].Data.ToArray();
            m.Buffers[(int)bias.Buffer].Data = data.Concat(new byte[16]).ToArray();
            AllRefuse(m, DiagnosticCodes.BufferSizeMismatch);
        }

        [Fact]
        public void A_dimension_of_2_to_the_30_is_refused_or_bounded_with_a_code()
        {
            // Before: an overflow in the interpreter's activation plan. One 1 GiB activation fits the shape rules
            // but not the interpreter's stated memory; the other consumers report on it.
            var m = Load("hello_world_int8");
            var op = First(m, BuiltinOperator.FULLY_CONNECTED);
            m.MainSubgraph.Tensors[op.Outputs[0]].Shape = new[] { 1 << 30 };
            var codes = Consumers(m);
            Assert.Equal(DiagnosticCodes.InterpreterLimit, codes["run"]);
            Assert.All(codes.Where(c => c.Key != "run"), c => Assert.True(c.Value is "accepted" || c.Value.StartsWith("MCUAI", StringComparison.Ordinal)));
        }

        public static IEnumerable<object[]> SignalParameters() => new[]
        {
            new object[] { "SignalWindow", "shift", long.MaxValue },
            new object[] { "SignalWindow", "shift", 32L },
            new object[] { "SignalPCAN", "snr_shift", -1L },
            new object[] { "SignalEnergy", "start_index", 1000L },
            new object[] { "SignalFilterBankSpectralSubtraction", "smoothing_bits", 64L },
            new object[] { "SignalRfft", "fft_length", 0L },
        };

        [Theory]
        [MemberData(nameof(SignalParameters))]
        public void A_signal_op_parameter_out_of_range_is_refused_by_every_consumer(string op, string key, long value)
        {
            // Before: analyze and generate accepted malformed Signal options that run refused.
            var m = Load("audio_preprocessor_int8");
            var target = m.MainSubgraph.Operators.First(o => m.CodeOf(o).CustomCode == op);
            var map = (FlexMapNode)FlexNode.From(new McuAi.FlatBuffers.FlexBuffer(target.CustomOptions!.Value).Root);
            int i = map.Entries.FindIndex(e => e.Key == key);
            map.Entries[i] = (key, FlexScalar.Int(value));
            target.CustomOptions = FlexWriter.Write(map);
            AllRefuse(m, DiagnosticCodes.InvalidCustomOptions);
        }

        [Fact]
        public void A_filter_bank_of_2_to_the_31_channels_is_refused_by_the_interpreter_with_a_code()
        {
            // Before (long fuzz run, seed 20261205, mutant 346816): num_channels + 1 overflowed in the interpreter's Prepare.
            var m = Load("audio_preprocessor_int8");
            var target = m.MainSubgraph.Operators.First(o => m.CodeOf(o).CustomCode == "SignalFilterBank");
            var map = (FlexMapNode)FlexNode.From(new McuAi.FlatBuffers.FlexBuffer(target.CustomOptions!.Value).Root);
            int i = map.Entries.FindIndex(e => e.Key == "num_channels");
            map.Entries[i] = ("num_channels", FlexScalar.Int(int.MaxValue));
            target.CustomOptions = FlexWriter.Write(map);
            var codes = Consumers(m);
            Assert.Equal(DiagnosticCodes.InvalidOperator, codes["run"]);
            Assert.All(codes.Values, c => Assert.True(c is "accepted" || c.StartsWith("MCUAI", StringComparison.Ordinal)));
        }

        [Fact]
        public void A_missing_signal_op_parameter_is_refused_by_every_consumer()
        {
            var m = Load("audio_preprocessor_int8");
            var target = m.MainSubgraph.Operators.First(o => m.CodeOf(o).CustomCode == "SignalFilterBankLog");
            var map = (FlexMapNode)FlexNode.From(new McuAi.FlatBuffers.FlexBuffer(target.CustomOptions!.Value).Root);
            map.Entries.RemoveAll(e => e.Key == "output_scale");
            target.CustomOptions = FlexWriter.Write(map);
            AllRefuse(m, DiagnosticCodes.InvalidCustomOptions);
        }

        [Fact]
        public void Subgraphs_calling_themselves_are_refused_by_every_consumer()
        {
            var m = Load("hello_world_int8");
            var code = new OperatorCode { DeprecatedBuiltinCode = 127, BuiltinCode = (int)BuiltinOperator.CALL_ONCE };
            m.OperatorCodes.Add(code);
            var options = new OperatorOptions(OptionsSchema.ByName("CallOnceOptions"));
            options.Set("init_subgraph_index", 0);
            m.MainSubgraph.Operators.Insert(0, new Operator { OpcodeIndex = (uint)(m.OperatorCodes.Count - 1), BuiltinOptions = options });
            AllRefuse(m, DiagnosticCodes.GraphOrder);
        }
    }
}
