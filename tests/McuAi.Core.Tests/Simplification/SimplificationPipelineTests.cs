using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using McuAi.Data;
using McuAi.Diagnostics;
using McuAi.Quantization;
using McuAi.Simplification;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;
using McuAi.Tests.Quantization;
using McuAi.Tests.Simplification.Mnist;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Simplification
{
    /// <summary>The pipeline as the build runs it: cached, gated steps on the MNIST CNN and the shared models.</summary>
    public class SimplificationPipelineTests
    {
        private readonly ITestOutputHelper _output;

        public SimplificationPipelineTests(ITestOutputHelper output) => _output = output;

        private static string Folder()
        {
            string dir = Path.Combine(Path.GetTempPath(), "mcuai-simplify-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return dir;
        }

        /// <summary>The CNN written to a folder with calibration (200 training digits) and validation (300 held-out digits) .npy files.</summary>
        private static (string Model, string Calibration, string Validation) MnistFiles(string dir)
        {
            string model = Path.Combine(dir, "mnist_cnn.tflite");
            File.WriteAllBytes(model, SmallCnn.Trained.Value.Bytes);
            string Npy(string name, IEnumerable<float[]> images)
            {
                var list = images.ToList();
                string path = Path.Combine(dir, name);
                NpyFile.WriteFile(NpyArray.FromFloat32(list.SelectMany(i => i).ToArray(), list.Count, 28, 28, 1), path);
                return path;
            }
            return (model, Npy("calibration.npy", MnistDigits.Subset.TrainImages.Take(200)), Npy("validation.npy", MnistDigits.Subset.TestImages.Take(300)));
        }

        [Fact]
        public void PrunedQuantizedFourBitRunIsGatedRecordedAndCachedStepByStep()
        {
            string dir = Folder();
            var (model, calibration, validation) = MnistFiles(dir);
            SimplificationRequest Request(WeightBitsMode bits) => new()
            {
                ModelPath = model,
                CalibrationFiles = new[] { calibration },
                ValidationFiles = new[] { validation },
                Settings = new SimplificationSettings
                {
                    Channels = new ChannelPruningOptions { Ratio = 0.2 },
                    Quantization = new QuantizationOptions(),
                    WeightBits = bits,
                },
                Gates = new QualityGates { MinTop1Agreement = 0.95 },
                CacheFolder = Path.Combine(dir, "cache"),
            };
            var log = new List<string>();
            var first = SimplificationPipeline.Run(Request(WeightBitsMode.Auto), log.Add);
            foreach (var step in first.Steps) _output.WriteLine(SimplificationPipeline.Summary(step));

            Assert.False(first.FromCache);
            Assert.Equal(new[] { "channels", "quantization", "weight-bits" }, first.Steps.Select(s => s.Step));
            Assert.All(first.Steps, s => Assert.True(s.Accuracy!.Single().Top1Agreement >= 0.95));
            Assert.True(first.Steps[0].After!.Macs < first.Steps[0].Before!.Macs);
            Assert.True(first.Steps[2].After!.FlashBytes < first.Steps[2].Before!.FlashBytes);
            var final = ModelReader.Read(first.ModelBytes, "final");
            Assert.Contains(final.MainSubgraph.Tensors, t => t.Type == TensorType.INT4);
            Assert.True(File.Exists(first.ModelPath) && File.Exists(first.RecordPath) && File.Exists(first.QuantizationMetricsPath));
            using (var record = JsonDocument.Parse(first.RecordJson))
            {
                Assert.Equal(300, record.RootElement.GetProperty("validationSamples").GetInt32());
                Assert.Equal(3, record.RootElement.GetProperty("steps").GetArrayLength());
            }

            var again = SimplificationPipeline.Run(Request(WeightBitsMode.Auto));
            Assert.True(again.FromCache);
            Assert.Equal(first.ModelBytes, again.ModelBytes);
            Assert.Equal(first.RecordJson, again.RecordJson);

            // Only the last step's setting changed: pruning and quantization come from the cache.
            log.Clear();
            var four = SimplificationPipeline.Run(Request(WeightBitsMode.Four), log.Add);
            Assert.False(four.FromCache);
            Assert.Contains(log, l => l.Contains("channel pruning is up to date"));
            Assert.Contains(log, l => l.Contains("quantization is up to date"));
            Assert.Equal(first.Steps[1].After, four.Steps[1].After);
        }

        [Fact]
        public void AViolatedGateNamesTheStepItsFiguresAndTheCostliestLayerAndRecordsNothing()
        {
            string dir = Folder();
            var (model, calibration, validation) = MnistFiles(dir);
            var request = new SimplificationRequest
            {
                ModelPath = model,
                CalibrationFiles = new[] { calibration },
                ValidationFiles = new[] { validation },
                Settings = new SimplificationSettings { Channels = new ChannelPruningOptions { Ratio = 0.5 } },
                Gates = new QualityGates { MinTop1Agreement = 0.99 },
                CacheFolder = Path.Combine(dir, "cache"),
            };
            var e = Assert.Throws<McuAiException>(() => SimplificationPipeline.Run(request));
            _output.WriteLine(e.Message);
            Assert.Equal(DiagnosticCodes.AccuracyGateFailed, e.Code);
            Assert.Contains("after channel pruning", e.Message);
            Assert.Contains("top-1 agreement", e.Message);
            Assert.Contains("The costliest layer is '", e.Message);
            // The command line's words by default ...
            Assert.Contains("Lower --ratio, keep --max-layer-ratio at the ratio, try --criterion activation", e.Message);
            Assert.DoesNotContain("PruneRatio", e.Message);
            Assert.Empty(Directory.GetFiles(Path.Combine(dir, "cache"), "*.simplification-*.json"));
            // ... and the item metadata's in a build.
            request.Gates.Names = SettingNames.ItemMetadata;
            var again = Assert.Throws<McuAiException>(() => SimplificationPipeline.Run(request));
            Assert.Equal(DiagnosticCodes.AccuracyGateFailed, again.Code);
            Assert.Contains("Lower PruneRatio, keep PruneMaxLayerRatio at the ratio, try PruneCriterion=\"activation\"", again.Message);
            Assert.DoesNotContain("--", again.Message);
        }

        [Fact]
        public void FourBitsOfAFloatModelAndAutoWithoutAGateAreCodedErrors()
        {
            string path = SharedData.ModelPath("hello_world_float");
            var four = Assert.Throws<McuAiException>(() => SimplificationPipeline.Run(new SimplificationRequest
            {
                ModelPath = path,
                Settings = new SimplificationSettings { WeightBits = WeightBitsMode.Four },
            }));
            Assert.Equal(DiagnosticCodes.WeightBitsNeedInt8, four.Code);
            Assert.Contains("set --mode int8 or give an int8 model", four.Message);
            Assert.DoesNotContain("Quantize=", four.Message);
            var fourInABuild = Assert.Throws<McuAiException>(() => SimplificationPipeline.Run(new SimplificationRequest
            {
                ModelPath = path,
                Settings = new SimplificationSettings { WeightBits = WeightBitsMode.Four },
                Gates = new QualityGates { Names = SettingNames.ItemMetadata },
            }));
            Assert.Contains("set Quantize=\"int8\" or give an int8 model", fourInABuild.Message);
            Assert.DoesNotContain("--", fourInABuild.Message);

            var auto = Assert.Throws<McuAiException>(() => SimplificationPipeline.Run(new SimplificationRequest
            {
                ModelPath = SharedData.ModelPath("hello_world_int8"),
                Settings = new SimplificationSettings { WeightBits = WeightBitsMode.Auto },
            }));
            Assert.Equal(DiagnosticCodes.SimplificationOptionInvalid, auto.Code);

            var ratio = Assert.Throws<McuAiException>(() => SimplificationPipeline.Run(new SimplificationRequest
            {
                ModelPath = path,
                Settings = new SimplificationSettings { Channels = new ChannelPruningOptions { Ratio = 1.5 } },
            }));
            Assert.Equal(DiagnosticCodes.SimplificationOptionInvalid, ratio.Code);
        }

        [Fact]
        public void WeightPruningSaysItSavesNothingWithTflmAndDescribesTheSparseLayout()
        {
            var result = SimplificationPipeline.Run(new SimplificationRequest
            {
                ModelPath = SharedData.ModelPath("mlperf_kws_int8"),
                Settings = new SimplificationSettings { Sparsity = new WeightPruningOptions { Sparsity = 0.5, Block = 4 } },
            });
            var note = Assert.Single(result.Diagnostics);
            Assert.Equal(DiagnosticCodes.SparsityNoSavingWithTflm, note.Code);
            Assert.Equal(DiagnosticSeverity.Info, note.Severity);
            var step = Assert.Single(result.Steps);
            // The same tensors, the same MACs, the same arena: zeros in a dense format save nothing on TFLM.
            Assert.Equal(step.Before!.WeightBytes, step.After!.WeightBytes);
            Assert.Equal(step.Before.Macs, step.After.Macs);
            Assert.Equal(step.Before.ArenaBytes, step.After.ArenaBytes);
            var rows = step.Table!.Rows;
            Assert.All(rows, r => Assert.InRange((double)r[4], 0.45, 1.0));
            Assert.All(rows, r => Assert.True((long)r[8] < (long)r[7], "the sparse layout is smaller than the dense filter"));

            var md = new StringBuilder();
            new SimplificationReportSection(result.RecordJson).WriteMarkdown(md);
            Assert.Contains("### weight pruning", md.ToString());
            Assert.Contains("| operator | op | output | weights | sparsity |", md.ToString());
        }

        [Fact]
        public void SparseLayoutStoresOnlyNonZeroBlocksWithARowMajorBitmap()
        {
            var values = new sbyte[] { 0, 0, 0, 0, 1, 2, 0, 0, /* row 2 */ 0, 0, 0, 0, 0, 0, 0, 3 };
            var layout = SparseWeightLayout.Build(values, rowLength: 8, blockSize: 4);
            Assert.Equal(2, layout.Rows);
            Assert.Equal(2, layout.NonZeroBlocks);
            Assert.Equal(new byte[] { 0b1010 }, layout.Bitmap);
            Assert.Equal(new sbyte[] { 1, 2, 0, 0, 0, 0, 0, 3 }, layout.Values);
            Assert.False(layout.IsStored(0, 0));
            Assert.True(layout.IsStored(1, 1));
            Assert.Equal(16, layout.DenseBytes(8));
            Assert.Equal(1 + 8, layout.SparseBytes(8));
        }

        [Fact]
        public void ChannelCountsFollowTheMultipleTheMinimumAndThePerLayerCap()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mlperf_vww_float"));
            var four = ChannelPruner.Prune(model, new ChannelPruningOptions { Ratio = 0.3, Multiple = 4 });
            Assert.All(four.Spaces.Where(s => s.KeptBecause is null), s => Assert.True(s.After % 4 == 0 || s.After == s.Before, $"{s.Name}: {s.After}"));
            Assert.All(four.Spaces, s => Assert.True(s.After >= s.Before - (int)(0.3 * s.Before), $"{s.Name} lost more than the ratio"));

            var capped = ChannelPruner.Prune(model, new ChannelPruningOptions { Ratio = 0.3, MaxLayerRatio = 0.6, MinChannels = 8 });
            Assert.All(capped.Spaces, s => Assert.True(s.After >= Math.Min(8, s.Before) && s.After >= s.Before - (int)(0.6 * s.Before)));
            int removed = capped.ChannelsBefore - capped.ChannelsAfter;
            int prunable = capped.Spaces.Where(s => s.KeptBecause is null).Sum(s => s.Before);
            Assert.InRange(removed, (int)(0.3 * prunable) - 1, (int)(0.3 * prunable) + 1);
            // With a cap above the ratio the ranking spreads the removals unevenly.
            Assert.True(capped.Spaces.Where(s => s.KeptBecause is null).Select(s => (double)s.After / s.Before).Distinct().Count() > 2);
        }
    }
}
