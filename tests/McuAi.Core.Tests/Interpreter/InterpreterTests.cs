using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Interpreter
{
    /// <summary>The executor on the shared models: bad input, hybrid models, clones, observers, robustness.</summary>
    public class InterpreterTests
    {
        private readonly ITestOutputHelper _output;

        public InterpreterTests(ITestOutputHelper output) => _output = output;

        private static ModelInterpreter Load(string name, InterpreterOptions? options = null) =>
            new(ModelReader.ReadFile(SharedData.ModelPath(name)), options, name + ".tflite");

        [Fact]
        public void Wrong_input_size_is_MCUAI1009_naming_the_expected_sizes()
        {
            var interpreter = Load("mlperf_kws_int8");
            var e = Assert.Throws<McuAiException>(() => interpreter.SetInputs(new byte[10]));
            Assert.Equal(DiagnosticCodes.InputSizeMismatch, e.Code);
            Assert.Contains("490 bytes", e.Message);
            Assert.Equal("mlperf_kws_int8.tflite", e.File);
        }

        [Fact]
        public void Unimplemented_custom_op_is_MCUAI1010_naming_index_and_op()
        {
            // The Signal ops of this model are implemented; turn its first op into one that is not (SignalFramer).
            var model = ModelReader.ReadFile(SharedData.ModelPath("audio_preprocessor_int8"));
            model.CodeOf(model.MainSubgraph.Operators[0]).CustomCode = "SignalFramer";
            var e = Assert.Throws<McuAiException>(() => new ModelInterpreter(model, null, "audio_preprocessor_int8.tflite"));
            Assert.Equal(DiagnosticCodes.InterpreterUnsupportedOp, e.Code);
            Assert.Contains("operator 0 (CUSTOM:SignalFramer)", e.Message);
        }

        [Fact]
        public void Hybrid_model_is_refused_unless_allowed()
        {
            var e = Assert.Throws<McuAiException>(() => Load("mlperf_kws_float"));
            Assert.Equal(DiagnosticCodes.HybridModel, e.Code);
            Assert.Contains("operator 0 (CONV_2D)", e.Message);
        }

        [Fact]
        public void Allowed_hybrid_model_runs_in_float_with_a_warning_and_agrees_with_its_int8_twin()
        {
            var hybrid = Load("mlperf_kws_float", new InterpreterOptions { AllowHybrid = true });
            var warning = Assert.Single(hybrid.Warnings);
            Assert.Equal(DiagnosticCodes.HybridModel, warning.Code);
            Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
            Assert.Contains("TFLM cannot run it", warning.Message);

            // Feed the int8 twin's golden inputs, dequantized, to the hybrid model. The random vectors drive the
            // twin's first layer into saturation, so compare that layer within the twin's range; the
            // real-zero vector must give the same class.
            var twin = Load("mlperf_kws_int8");
            var input = twin.Input(0);
            var firstOutput = twin.Tensor(twin.Model.MainSubgraph.Operators[0].Outputs[0]);
            double top = (127 - firstOutput.ZeroPoint) * firstOutput.Scale;
            int k = 0;
            foreach (var (bytes, expected, _) in SharedData.Vectors("mlperf_kws_int8"))
            {
                var real = bytes.Select(b => ((sbyte)b - input.ZeroPoint) * input.Scale).ToArray();
                var hybridFirst = new FirstOutput();
                hybrid.SetInputs(System.Runtime.InteropServices.MemoryMarshal.AsBytes(real.AsSpan()));
                hybrid.Invoke(hybridFirst);
                var twinFirst = new FirstOutput();
                twin.SetInputs(bytes);
                twin.Invoke(twinFirst);
                double worst = hybridFirst.Values.Zip(twinFirst.Values, (h, t) => Math.Abs(Math.Min(h, top) - t)).Max();
                _output.WriteLine($"vector {k}: first layer differs by at most {worst:F3} of a range of {top:F2}");
                Assert.True(worst < 0.05 * top, $"vector {k}: the first layer differs by {worst} (range {top})");
                var probabilities = OutputSummary.Of(hybrid.Output(0)).Values;
                Assert.InRange(probabilities.Sum(), 0.999, 1.001);
                if (k == 0) Assert.Equal(OutputSummary.Of(twin.Output(0)).ArgMax, OutputSummary.Of(hybrid.Output(0)).ArgMax);
                k++;
            }
        }

        private sealed class FirstOutput : IInvokeObserver
        {
            public double[] Values { get; private set; } = Array.Empty<double>();

            public void OnOperatorEvaluated(int operatorIndex, IReadOnlyList<RuntimeTensor> outputs)
            {
                if (operatorIndex == 0) Values = OutputSummary.Of(outputs[0]).Values;
            }
        }

        [Fact]
        public void Clones_run_in_parallel_with_identical_results()
        {
            var interpreter = Load("mlperf_ic_int8");
            var vectors = SharedData.Vectors("mlperf_ic_int8").ToList();
            var results = new byte[vectors.Count][];
            Parallel.For(0, vectors.Count, i =>
            {
                var clone = interpreter.Clone();
                clone.SetInputs(vectors[i].Input);
                clone.Invoke();
                results[i] = clone.GetOutputs();
            });
            for (int i = 0; i < vectors.Count; i++) Assert.Equal(vectors[i].Output, results[i]);
        }

        [Fact]
        public void Observer_sees_every_operator_in_order_while_its_outputs_are_valid()
        {
            var interpreter = Load("mlperf_vww_int8");
            var (input, expected, _) = SharedData.Vectors("mlperf_vww_int8").Last();
            var observer = new Recorder();
            interpreter.SetInputs(input);
            interpreter.Invoke(observer);
            Assert.Equal(Enumerable.Range(0, interpreter.PreparedOps.Count), observer.Indices);
            Assert.Equal(expected, observer.LastOutput);
            Assert.Equal(expected, interpreter.GetOutputs());
        }

        private sealed class Recorder : IInvokeObserver
        {
            public List<int> Indices { get; } = new();
            public byte[] LastOutput { get; private set; } = Array.Empty<byte>();

            public void OnOperatorEvaluated(int operatorIndex, IReadOnlyList<RuntimeTensor> outputs)
            {
                Indices.Add(operatorIndex);
                LastOutput = outputs[0].Data.ToArray();
            }
        }

        [Fact]
        public void Prepared_ops_know_their_index_and_name()
        {
            var interpreter = Load("person_detection_int8");
            Assert.Equal("DEPTHWISE_CONV_2D", interpreter.PreparedOps[0].OpName);
            Assert.Equal(interpreter.PreparedOps.Count - 1, interpreter.PreparedOps.Last().OperatorIndex);
            Assert.Equal("SOFTMAX", interpreter.PreparedOps.Last().OpName);
        }

        [Fact]
        public void Repeated_invocations_give_the_same_outputs()
        {
            var interpreter = Load("mlperf_ic_float");
            var (input, _, _) = SharedData.Vectors("mlperf_ic_float").Last();
            interpreter.SetInputs(input);
            interpreter.Invoke();
            var first = interpreter.GetOutputs();
            interpreter.SetInputs(input);
            interpreter.Invoke();
            Assert.Equal(first, interpreter.GetOutputs());
        }

        public static IEnumerable<object[]> Models => SharedData.AllModels();

        /// <summary>Every shared model either runs on zero inputs or is refused with a coded error; nothing crashes.</summary>
        [Theory]
        [MemberData(nameof(Models))]
        public void No_shared_model_crashes_the_interpreter(string name)
        {
            try
            {
                var interpreter = Load(name, new InterpreterOptions { AllowHybrid = true });
                interpreter.SetInputs(new byte[interpreter.InputBytes]);
                interpreter.Invoke();
                Assert.Equal(interpreter.OutputBytes, interpreter.GetOutputs().Length);
                _output.WriteLine($"{name}: ran");
            }
            catch (McuAiException e)
            {
                _output.WriteLine($"{name}: {e}");
                Assert.Contains(e.Code, new[] { DiagnosticCodes.InterpreterUnsupportedOp, DiagnosticCodes.UnsupportedType });
                Assert.Contains("operator ", e.Message);
            }
        }
    }
}
