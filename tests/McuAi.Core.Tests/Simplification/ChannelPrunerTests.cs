using System;
using System.Linq;
using McuAi.Analysis;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.Quantization;
using McuAi.Simplification;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;
using McuAi.Tests.Quantization;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Simplification
{
    public class ChannelPrunerTests
    {
        private readonly ITestOutputHelper _output;

        public ChannelPrunerTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData("hello_world_float")]
        [InlineData("mlperf_ic_float")]
        [InlineData("mlperf_vww_float")]
        [InlineData("mlperf_kws_float")]
        [InlineData("mlperf_ic_int8")]
        [InlineData("person_detection_int8")]
        public void PrunedModelIsAnOrdinarySmallerModelThatRuns(string name)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            var result = ChannelPruner.Prune(model, new ChannelPruningOptions { Ratio = 0.3 }, file: name);
            foreach (var s in result.Spaces) _output.WriteLine($"{s.Name}: {s.Before} -> {s.After} [{string.Join(",", s.Producers)}] {s.KeptBecause}");
            byte[] bytes = ModelWriter.Write(result.Model);
            var pruned = ModelReader.Read(bytes, name);
            var before = ModelAnalyzer.Analyze(model, new AnalysisOptions { PointerSize = 4 });
            var after = ModelAnalyzer.Analyze(pruned, new AnalysisOptions { PointerSize = 4 });
            _output.WriteLine($"{name}: MACs {before.TotalMacs:N0} -> {after.TotalMacs:N0}, weights {before.WeightBytes:N0} -> {after.WeightBytes:N0}, arena {before.ArenaBytes:N0} -> {after.ArenaBytes:N0}");
            Assert.Equal(before.Warnings.Count(w => w.Severity == DiagnosticSeverity.Error), after.Warnings.Count(w => w.Severity == DiagnosticSeverity.Error));
            Assert.True(after.TotalMacs < before.TotalMacs);
            Assert.True(after.WeightBytes < before.WeightBytes);
            Assert.True(result.ChannelsAfter < result.ChannelsBefore);
            var interpreter = new ModelInterpreter(pruned, new InterpreterOptions { AllowHybrid = true }, name);
            interpreter.SetInputs(new byte[interpreter.InputBytes]);
            interpreter.Invoke();
        }

        /// <summary>
        /// Channels that compute nothing (their filter rows and biases zero in every producer of their space) are
        /// exactly the ones the L1 criterion removes, and removing them leaves the model's outputs unchanged (up to float
        /// summation order): the rewrite of filters, biases, depthwise filters, residual ADDs and shapes is right. After
        /// a depthwise convolution such a channel is a constant (its bias), which bias compensation folds into the next
        /// pointwise layer, so MobileNets need the calibration data too.
        /// </summary>
        [Theory]
        [InlineData("mlperf_ic_float", 0.0, 255.0)]
        [InlineData("mlperf_vww_float", 0.0, 1.0)]
        [InlineData("mlperf_kws_float", -30.0, 30.0)]
        public void RemovingChannelsThatComputeNothingKeepsTheOutputs(string name, double lo, double hi)
        {
            var original = ModelReader.ReadFile(SharedData.ModelPath(name));
            var options = new ChannelPruningOptions { Ratio = 0.3 };
            var plan = ChannelPruner.Prune(original, options, file: name);
            var model = ModelCopier.Copy(original);
            int zeroed = 0;
            foreach (var space in plan.Spaces.Where(s => s.After < s.Before))
            {
                // Every third channel from 1 on, as many as the ratio removes: removed and kept channels interleave.
                var dead = Enumerable.Range(0, space.Before).Where(c => c % 3 == 1).Take(space.Before - space.After).ToList();
                if (dead.Count < space.Before - space.After) dead.AddRange(Enumerable.Range(0, space.Before).Except(dead).Take(space.Before - space.After - dead.Count));
                foreach (int producer in space.Producers) ZeroOutputChannels(model, producer, dead);
                zeroed += dead.Count;
            }
            var data = SyntheticData.Uniform(model, 8, lo, hi, seed: 5);
            var result = ChannelPruner.Prune(model, options, data, file: name);
            Assert.Equal(plan.ChannelsAfter, result.ChannelsAfter);
            var pruned = ModelReader.Read(ModelWriter.Write(result.Model), name);

            var reference = new ModelInterpreter(model, new InterpreterOptions { AllowHybrid = true });
            var candidate = new ModelInterpreter(pruned, new InterpreterOptions { AllowHybrid = true });
            double worst = 0;
            foreach (var sample in SyntheticData.Uniform(model, 4, lo, hi, seed: 6).Samples)
            {
                var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(sample[0].AsSpan()).ToArray();
                reference.SetInputs(bytes);
                candidate.SetInputs(bytes);
                reference.Invoke();
                candidate.Invoke();
                var a = reference.Output(0).As<float>().ToArray();
                var b = candidate.Output(0).As<float>().ToArray();
                double scale = a.Max(v => Math.Abs(v));
                worst = Math.Max(worst, a.Zip(b, (x, y) => Math.Abs(x - y)).Max() / scale);
            }
            _output.WriteLine($"{name}: {zeroed} dead channels removed ({result.CompensatedLayers} biases compensated); largest output difference {worst:E2} of the largest output");
            Assert.True(worst < 1e-4, $"outputs differ by {worst:E2}");
        }

        private static void ZeroOutputChannels(Model model, int producer, System.Collections.Generic.IReadOnlyList<int> channels)
        {
            var g = model.MainSubgraph;
            var op = g.Operators[producer];
            var filter = g.Tensors[op.Inputs[1]];
            var data = model.DataOf(filter).ToArray();
            int rowBytes = (int)(data.Length / filter.Shape[0]);
            foreach (int c in channels) Array.Clear(data, c * rowBytes, rowBytes);
            model.Buffers.Add(new McuAi.TfLite.Buffer { Data = data, HasDataField = true });
            filter.Buffer = (uint)(model.Buffers.Count - 1);
            if (op.Inputs.Length < 3 || op.Inputs[2] < 0) return;
            var bias = g.Tensors[op.Inputs[2]];
            var b = model.DataOf(bias).ToArray();
            foreach (int c in channels) Array.Clear(b, c * 4, 4);
            model.Buffers.Add(new McuAi.TfLite.Buffer { Data = b, HasDataField = true });
            bias.Buffer = (uint)(model.Buffers.Count - 1);
        }
    }
}
