using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using McuAi.Interpreter;
using McuAi.Memory;
using McuAi.Quantization;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Quantization
{
    /// <summary>
    /// Our int8 quantization of mnist_lstm_float against the TF converter's twin mnist_lstm_int8, with the
    /// activation ranges read back from the twin's own parameters (its file records no min/max), so that
    /// weight, bias, state and graph quantization are compared apart from calibration. The two files
    /// number their tensors differently: tensors are matched by their role in the operators.
    /// </summary>
    public class LstmConverterTwinTests
    {
        private readonly ITestOutputHelper _output;

        public LstmConverterTwinTests(ITestOutputHelper output) => _output = output;

        /// <summary>Float-model tensor → twin tensor, by operator role (op k's inputs and outputs, in the same op sequence).</summary>
        private static Dictionary<int, int> MatchByRole(Model ours, Model twin)
        {
            var map = new Dictionary<int, int>();
            var g = ours.MainSubgraph;
            var t = twin.MainSubgraph;
            for (int k = 0; k < g.Operators.Count; k++)
            {
                var a = g.Operators[k];
                var b = t.Operators[k];
                for (int i = 0; i < Math.Min(a.Inputs.Length, b.Inputs.Length); i++)
                    if (a.Inputs[i] >= 0 && b.Inputs[i] >= 0) map[a.Inputs[i]] = b.Inputs[i];
                for (int i = 0; i < a.Outputs.Length; i++) map[a.Outputs[i]] = b.Outputs[i];
                for (int i = 0; i < Math.Min(a.Intermediates.Length, b.Intermediates.Length); i++) map[a.Intermediates[i]] = b.Intermediates[i];
            }
            return map;
        }

        /// <summary>The range an int8/int16 activation's parameters cover.</summary>
        private static TensorRange RangeOf(Tensor t)
        {
            double s = t.Quantization!.Scale[0];
            long zp = t.Quantization.ZeroPoint[0];
            return t.Type == TensorType.INT16 ? new TensorRange(-32768 * s, 32767 * s) : new TensorRange((-128 - zp) * s, (127 - zp) * s);
        }

        internal static (Model Ours, Model Twin, Dictionary<int, int> Map) QuantizeWithTwinRanges()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mnist_lstm_float"));
            var twin = ModelReader.ReadFile(SharedData.ModelPath("mnist_lstm_int8"));
            var map = MatchByRole(model, twin);
            var ranges = new Dictionary<int, TensorRange>();
            foreach (var (ours, theirs) in map)
            {
                var t = twin.MainSubgraph.Tensors[theirs];
                if (!model.IsConstant(model.MainSubgraph.Tensors[ours]) && t.Quantization is { Scale.Length: 1 } && t.Type is TensorType.INT8 or TensorType.INT16)
                    ranges[ours] = RangeOf(t);
            }
            ModelQuantizer.Quantize(model, ranges, new QuantizationOptions());
            return (model, twin, MatchByRole(model, twin));
        }

        [Fact]
        public void Same_graph_types_versions_and_state_parameters_as_the_converter()
        {
            var (ours, twin, map) = QuantizeWithTwinRanges();
            var g = ours.MainSubgraph;
            var t = twin.MainSubgraph;
            Assert.Equal(t.Operators.Select(op => twin.CodeOf(op).Op), g.Operators.Select(op => ours.CodeOf(op).Op));
            Assert.Equal(t.Operators.Select(op => twin.CodeOf(op).Version), g.Operators.Select(op => ours.CodeOf(op).Version));
            Assert.Equal(t.Tensors.Count, g.Tensors.Count);
            Assert.Equal(g.Tensors.Count, map.Count); // every tensor, intermediates included, has its counterpart
            foreach (var (mine, theirs) in map)
            {
                var a = g.Tensors[mine];
                var b = t.Tensors[theirs];
                Assert.True(a.Type == b.Type, $"'{a.Name}': {a.Type} vs the converter's {b.Type} ('{b.Name}')");
                Assert.Equal(a.IsVariable, b.IsVariable);
                if (ours.IsConstant(a)) continue;
                Assert.Equal(b.Quantization?.Scale, a.Quantization?.Scale);
                Assert.Equal(b.Quantization?.ZeroPoint, a.Quantization?.ZeroPoint);
            }
            var lstm = g.Operators[0];
            Assert.Equal(TensorType.INT16, g.Tensors[lstm.Inputs[19]].Type);
            Assert.Equal(1f / 4096, g.Tensors[lstm.Inputs[19]].Quantization!.Scale[0]); // 2^-12: the cell state stays within ±8
        }

        [Fact]
        public void Weights_biases_and_scales_equal_the_converters()
        {
            var (ours, twin, map) = QuantizeWithTwinRanges();
            int weights = 0, differing = 0, maxStep = 0, scales = 0, differingScales = 0, biases = 0, differingBiases = 0;
            foreach (var (mine, theirs) in map)
            {
                var a = ours.MainSubgraph.Tensors[mine];
                var b = twin.MainSubgraph.Tensors[theirs];
                if (!ours.IsConstant(a) || a.Quantization is not { Scale.Length: > 0 }) continue;
                scales++;
                if (!a.Quantization.Scale.SequenceEqual(b.Quantization!.Scale)) differingScales++;
                if (a.Type == TensorType.INT8)
                {
                    var x = MemoryMarshal.Cast<byte, sbyte>(ours.DataOf(a).Span).ToArray();
                    var y = MemoryMarshal.Cast<byte, sbyte>(twin.DataOf(b).Span).ToArray();
                    for (int i = 0; i < x.Length; i++)
                    {
                        weights++;
                        int step = Math.Abs(x[i] - y[i]);
                        if (step != 0) differing++;
                        maxStep = Math.Max(maxStep, step);
                    }
                }
                else if (a.Type == TensorType.INT32)
                {
                    var x = MemoryMarshal.Cast<byte, int>(ours.DataOf(a).Span).ToArray();
                    var y = MemoryMarshal.Cast<byte, int>(twin.DataOf(b).Span).ToArray();
                    for (int i = 0; i < x.Length; i++) { biases++; if (x[i] != y[i]) differingBiases++; }
                }
            }
            _output.WriteLine($"mnist_lstm: {weights} int8 weights, {differing} differ (max step {maxStep}); {scales} weight/bias scales, {differingScales} differ; {biases} biases, {differingBiases} differ");
            Assert.Equal(14, scales); // 8 gate weights + the FC's, 4 gate biases + the FC's
            Assert.Equal(0, differingScales);
            Assert.True(maxStep <= 1, $"a weight differs by {maxStep} steps");
            Assert.True(differing <= weights / 1000, $"{differing} of {weights} weights differ");
            Assert.Equal(0, differingBiases);
        }

        [Fact]
        public void Our_quantized_LSTM_runs_and_needs_the_arena_TFLM_measured_for_the_converters_twin()
        {
            var (ours, twin, _) = QuantizeWithTwinRanges();
            var interpreter = new ModelInterpreter(ours);
            var reference = new ModelInterpreter(twin);
            int agree = 0, vectors = 0;
            foreach (var (input, _, _) in SharedData.Vectors("mnist_lstm_int8"))
            {
                interpreter.ResetVariableTensors();
                reference.ResetVariableTensors();
                interpreter.SetInputs(input);
                reference.SetInputs(input);
                interpreter.Invoke();
                reference.Invoke();
                var a = interpreter.GetOutputs().Select(v => (sbyte)v).ToArray();
                var b = reference.GetOutputs().Select(v => (sbyte)v).ToArray();
                if (Array.IndexOf(a, a.Max()) == Array.IndexOf(b, b.Max())) agree++;
                vectors++;
            }
            Assert.Equal(vectors, agree);
            var golden = SharedData.Golden("mnist_lstm_int8");
            var plan = ArenaPlanner.Plan(ours, new ArenaOptions { PointerSize = 8 });
            Assert.Equal(golden.GetProperty("min_arena_bytes").GetInt64(), plan.ArenaBytes);
        }
    }
}
