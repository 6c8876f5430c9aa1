using System;
using System.Linq;
using McuAi.Analysis;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.Memory;
using McuAi.Quantization;
using McuAi.Simplification;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;
using McuAi.Tests.Quantization;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Simplification
{
    /// <summary>
    /// Channel pruning and 4-bit weights on the shared models, with synthetic inputs (the datasets are not in the
    /// repository): size, MACs, arena and agreement with the unpruned model, and TFLM acceptance of every produced
    /// model (no TFLM check fails, the resolver and arena constant are generated). The tables are docs/simplification.md's.
    /// </summary>
    public class SharedModelsTableTests
    {
        private readonly ITestOutputHelper _output;

        public SharedModelsTableTests(ITestOutputHelper output) => _output = output;

        private static (long Reference, long Cmsis, ModelAnalysis Analysis) Figures(Model model, long bytes)
        {
            var reference = ModelAnalyzer.Analyze(model, new AnalysisOptions { PointerSize = 4, ModelSizeBytes = bytes });
            var cmsis = ModelAnalyzer.Analyze(model, new AnalysisOptions { PointerSize = 4, Kernels = KernelSet.CmsisNn });
            return (reference.ArenaBytes, cmsis.ArenaBytes, reference);
        }

        /// <summary>TFLM acceptance as far as it can be judged here: no TFLM finding is an error, and generation (resolver, arena constant) succeeds.</summary>
        private static string Accepted(Model model, byte[] bytes, ModelAnalysis analysis)
        {
            Assert.DoesNotContain(analysis.Warnings, w => w.Severity == DiagnosticSeverity.Error && w.Code != DiagnosticCodes.HybridModel);
            var files = ModelCodeGenerator.Generate(model, bytes, new GenerationOptions { Symbol = "m" }, "m.tflite");
            Assert.Contains(files, f => f.RelativePath.EndsWith("_op_resolver.h", StringComparison.Ordinal));
            return analysis.IsHybrid ? "hybrid (TFLM refuses the input model too)" : $"yes ({analysis.ResolverMethods.Count} ops)";
        }

        [Theory]
        [InlineData("mlperf_ic_float", 0.0, 255.0)]
        [InlineData("mlperf_vww_float", 0.0, 1.0)]
        [InlineData("mlperf_kws_float", -30.0, 30.0)]
        [InlineData("hello_world_float", 0.0, 6.283)]
        public void ChannelPruningOfTheSharedFloatModels(string name, double lo, double hi)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            var calibration = SyntheticData.Uniform(model, 32, lo, hi, seed: 1);
            var probe = new AccuracyProbe(model, SyntheticData.Uniform(model, 32, lo, hi, seed: 2), classifier: false);
            long original = new System.IO.FileInfo(SharedData.ModelPath(name)).Length;
            var (ref0, cmsis0, a0) = Figures(model, original);
            _output.WriteLine($"| {name} | 0 | {original:N0} | {a0.TotalMacs:N0} | {ref0:N0} | {cmsis0:N0} | 1 | – | {Accepted(model, System.IO.File.ReadAllBytes(SharedData.ModelPath(name)), a0)} |");
            long lastMacs = a0.TotalMacs;
            foreach (double ratio in new[] { 0.1, 0.2, 0.3, 0.4, 0.5 })
            {
                var pruned = ChannelPruner.Prune(model, new ChannelPruningOptions { Ratio = ratio }, calibration).Model;
                byte[] bytes = ModelWriter.Write(pruned);
                var read = ModelReader.Read(bytes, name);
                var (arena, cmsis, analysis) = Figures(read, bytes.Length);
                var m = probe.Measure(read).Single();
                _output.WriteLine($"| {name} | {ratio:0.0} | {bytes.Length:N0} | {analysis.TotalMacs:N0} | {arena:N0} | {cmsis:N0} | {m.Cosine:F4} | {(m.Top1Agreement is { } t ? t.ToString("P0") : "–")} | {Accepted(read, bytes, analysis)} |");
                Assert.True(analysis.TotalMacs <= lastMacs);
                lastMacs = analysis.TotalMacs;
            }
        }

        [Theory]
        [InlineData("person_detection_int8", -1.0, 1.0)]
        [InlineData("mlperf_vww_int8", 0.0, 1.0)]
        [InlineData("mlperf_ic_int8", 0.0, 255.0)]
        [InlineData("mlperf_kws_int8", -30.0, 30.0)]
        public void FourBitWeightsOfTheSharedInt8Models(string name, double lo, double hi)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            long original = new System.IO.FileInfo(SharedData.ModelPath(name)).Length;
            var (ref0, cmsis0, a0) = Figures(model, original);
            var (int4, layers) = Int4Weights.Convert(model, Int4Weights.Candidates(model));
            byte[] bytes = ModelWriter.Write(int4);
            var read = ModelReader.Read(bytes, name);
            var (arena, cmsis, analysis) = Figures(read, bytes.Length);
            var probe = new AccuracyProbe(model, SyntheticData.Uniform(model, 32, lo, hi, seed: 2), classifier: true);
            var m = probe.Measure(read).Single();
            _output.WriteLine($"| {name} | {layers.Count} | {original:N0} → {bytes.Length:N0} | {ref0:N0} → {arena:N0} | {cmsis0:N0} → {cmsis:N0} | {m.Cosine:F4} | {m.Top1Agreement:P0} | {Accepted(read, bytes, analysis)} |");
            Assert.True(bytes.Length < original);
            // CMSIS-NN runs INT4 natively: no unpack buffer, so its arena stays within the depthwise s4 buffers of the int8 one.
            Assert.DoesNotContain(ArenaPlanner.Plan(read, new ArenaOptions { PointerSize = 4, Kernels = KernelSet.CmsisNn }).Tensors, t => t.Name.Contains("unpacked INT4"));
            Assert.True(arena >= ref0, "the reference kernels' unpack buffers cannot make the arena smaller");
        }
    }
}
