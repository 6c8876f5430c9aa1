using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Analysis;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.Quantization;
using McuAi.Simplification;
using McuAi.TfLite;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Simplification.Mnist
{
    /// <summary>
    /// Real accuracy on real digits: a small CNN trained here on 3,000 MNIST digits, written as a float .tflite, then
    /// quantized, pruned and given 4-bit weights by McuAi.Build; top-1 accuracy is measured against the labels of 1,000
    /// held-out digits, and every produced model must pass the TFLM checks (resolver, op versions, arena).
    /// </summary>
    public class MnistEvidenceTests
    {
        private readonly ITestOutputHelper _output;

        public MnistEvidenceTests(ITestOutputHelper output) => _output = output;

        private static Lazy<(SmallCnn Network, byte[] Bytes)> s_trained => SmallCnn.Trained;

        private static Model Read(byte[] bytes) => ModelReader.Read(bytes, "mnist_cnn.tflite");

        private static CalibrationData Images(Model model, IEnumerable<float[]> images) =>
            CalibrationData.FromSamples(images.Select(i => new[] { i }), model, "mnist");

        /// <summary>Top-1 accuracy against the labels of the held-out digits.</summary>
        private static double Accuracy(Model model)
        {
            var digits = MnistDigits.Subset;
            var outputs = QuantizationValidator.Run(model, Images(model, digits.TestImages), new QuantizationOptions(), null, "accuracy", null);
            int right = 0;
            for (int s = 0; s < outputs.Length; s++)
            {
                var p = outputs[s][0];
                int best = 0;
                for (int k = 1; k < p.Length; k++) if (p[k] > p[best]) best = k;
                if (best == digits.TestLabels[s]) right++;
            }
            return (double)right / outputs.Length;
        }

        private static CalibrationData Calibration(Model model) => Images(model, MnistDigits.Subset.TrainImages.Take(200));

        [Fact]
        public void TheCnnWrittenWithTheProjectsWriterComputesWhatItsTrainerComputesAndLearnedTheDigits()
        {
            var (network, bytes) = s_trained.Value;
            var model = Read(bytes);
            var interpreter = new ModelInterpreter(model);
            double worst = 0;
            foreach (var image in MnistDigits.Subset.TestImages.Take(50))
            {
                image.AsSpan().CopyTo(interpreter.Input(0).As<float>());
                interpreter.Invoke();
                var expected = network.Predict(image);
                var actual = interpreter.Output(0).As<float>().ToArray();
                worst = Math.Max(worst, expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max());
            }
            double accuracy = Accuracy(model);
            _output.WriteLine($"float CNN: {bytes.Length:N0} bytes, held-out top-1 {accuracy:P1}, largest difference to the trainer {worst:E1}");
            Assert.True(worst < 1e-4, $"interpreter and trainer differ by {worst}");
            Assert.True(accuracy >= 0.90, $"accuracy {accuracy:P1}");
        }

        [Fact]
        public void AccuracySizeMacsAndArenaBeforeAndAfterEachStep()
        {
            var (_, floatBytes) = s_trained.Value;
            var floatModel = Read(floatBytes);
            double floatAccuracy = Accuracy(floatModel);
            var rows = new List<(string Name, byte[] Bytes, double Accuracy)> { ("float", floatBytes, floatAccuracy) };

            byte[] Int8(byte[] bytes) => Quantizer.Quantize(bytes, "mnist", m => Calibration(m), new QuantizationOptions()).ModelBytes;
            byte[] int8 = Int8(floatBytes);
            rows.Add(("int8", int8, Accuracy(Read(int8))));
            var int8Model = Read(int8);
            byte[] int4 = ModelWriter.Write(Int4Weights.Convert(int8Model, Int4Weights.Candidates(int8Model)).Model);
            rows.Add(("int8 + 4-bit weights (all layers)", int4, Accuracy(Read(int4))));

            foreach (var criterion in new[] { PruneCriterion.L1, PruneCriterion.Activation })
                foreach (double ratio in new[] { 0.1, 0.2, 0.3, 0.4, 0.5 })
                {
                    var pruned = ChannelPruner.Prune(floatModel, new ChannelPruningOptions { Ratio = ratio, Criterion = criterion }, Calibration(floatModel)).Model;
                    byte[] prunedBytes = ModelWriter.Write(pruned);
                    rows.Add(($"channels {ratio:0.0} ({criterion})", prunedBytes, Accuracy(pruned)));
                    if (criterion == PruneCriterion.Activation)
                        rows.Add(($"channels {ratio:0.0} ({criterion}) + int8", Int8(prunedBytes), Accuracy(Read(Int8(prunedBytes)))));
                }
            foreach (double ratio in new[] { 0.3, 0.5 })
            {
                var ranked = ChannelPruner.Prune(floatModel, new ChannelPruningOptions { Ratio = ratio, MaxLayerRatio = 0.75 }, Calibration(floatModel)).Model;
                rows.Add(($"channels {ratio:0.0} (L1, per-layer cap 0.75)", ModelWriter.Write(ranked), Accuracy(ranked)));
            }
            foreach (bool global in new[] { false, true })
                foreach (double sparsity in new[] { 0.3, 0.5, 0.7 })
                {
                    var sparse = MagnitudePruner.Prune(floatModel, new WeightPruningOptions { Sparsity = sparsity, Global = global }).Model;
                    byte[] sparseInt8 = Int8(ModelWriter.Write(sparse));
                    rows.Add(($"sparsity {sparsity:0.0} ({(global ? "global" : "per layer")}, block 4) + int8", sparseInt8, Accuracy(Read(sparseInt8))));
                }

            _output.WriteLine("| model | flash (bytes) | weights (bytes) | MACs | arena Cortex-M reference (bytes) | arena Cortex-M CMSIS-NN (bytes) | held-out top-1 | TFLM checks |");
            _output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
            foreach (var (name, bytes, accuracy) in rows)
            {
                var analysis = ModelAnalyzer.Analyze(Read(bytes), new AnalysisOptions { PointerSize = 4, ModelSizeBytes = bytes.Length });
                var errors = analysis.Warnings.Where(w => w.Severity == DiagnosticSeverity.Error).ToList();
                var cmsis = ModelAnalyzer.Analyze(Read(bytes), new AnalysisOptions { PointerSize = 4, Kernels = McuAi.Memory.KernelSet.CmsisNn });
                _output.WriteLine($"| {name} | {bytes.Length:N0} | {analysis.WeightBytes:N0} | {analysis.TotalMacs:N0} | {analysis.ArenaBytes:N0} | {cmsis.ArenaBytes:N0} | {accuracy:P1} | {(errors.Count == 0 ? "pass: " + string.Join(", ", analysis.ResolverMethods) : errors[0].Message)} |");
                Assert.Empty(errors);
            }

            double Of(string name) => rows.Single(r => r.Name == name).Accuracy;
            Assert.True(floatAccuracy >= 0.90);
            Assert.True(Of("int8") >= floatAccuracy - 0.01, "int8 loses more than 1 point");
            Assert.True(Of("int8 + 4-bit weights (all layers)") >= floatAccuracy - 0.03, "4-bit loses more than 3 points");
            Assert.True(Of("channels 0.1 (Activation)") >= floatAccuracy - 0.02, "10 % of the channels cost more than 2 points");
            Assert.True(Of("channels 0.3 (Activation)") >= floatAccuracy - 0.10, "30 % of the channels cost more than 10 points");
        }
    }
}
