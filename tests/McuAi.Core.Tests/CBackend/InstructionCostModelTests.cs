using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using McuAi.Compiler;
using McuAi.Compiler.Cost;
using McuAi.Runtime.C.Bench;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.CBackend
{
    /// <summary>
    /// The build-time instruction estimates (<see cref="InstructionCostModel"/>, <see cref="KernelCostTable"/>) against
    /// instructions counted under QEMU: every golden model's whole invoke, and each large layer of the four vision and
    /// keyword models measured alone (the bench's per-layer firmware, <see cref="LayerBench"/>). Also the choice that
    /// Optimize="speed" makes with them between a pruned filter's dense and block-sparse kernels.
    /// </summary>
    [Collection(CBackendCollection.Name)]
    public class InstructionCostModelTests
    {
        /// <summary>Largest relative error of a model's estimated instructions per invoke.</summary>
        private const double ModelTolerance = 0.10;

        /// <summary>Largest relative error of a layer that takes at least <see cref="LargeLayerShare"/> of its model's instructions.</summary>
        private const double LayerTolerance = 0.15;
        private const double LargeLayerShare = 0.05;

        private readonly CBackendBuilds _builds;
        private readonly ITestOutputHelper _output;

        public InstructionCostModelTests(CBackendBuilds builds, ITestOutputHelper output)
        {
            _builds = builds;
            _output = output;
        }

        [Fact]
        public void Every_row_of_the_table_has_a_non_negative_coefficient_per_term_and_every_golden_model_is_estimated()
        {
            foreach (var (key, coefficients) in KernelCostTable.Coefficients)
            {
                Assert.True(coefficients.Length == CostTerms.Count, $"{key}: {coefficients.Length} coefficients for {CostTerms.Count} terms");
                Assert.All(coefficients, c => Assert.True(c >= 0 && double.IsFinite(c), $"{key}: coefficient {c}"));
            }
            foreach (string model in CBackendModels.Supported)
            {
                var program = CModels.Compile(model).Program;
                foreach (var layer in program.Layers)
                    Assert.True(InstructionCostModel.Estimate(layer, program) is > 0, $"{model}: layer of operator {layer.OperatorIndex} ({InstructionCostModel.KeyOf(layer)}) has no estimate");
            }
        }

        [RequiresToolFact("arm-none-eabi-gcc", "arm-none-eabi-size", "arm-none-eabi-nm", "qemu-system-arm")]
        public async Task Each_golden_models_estimate_is_within_10_percent_of_its_measured_instructions()
        {
            _output.WriteLine("| model | measured (QEMU, vector 1) | estimated | error |");
            _output.WriteLine("|---|---:|---:|---:|");
            var failures = new System.Collections.Generic.List<string>();
            foreach (string model in CBackendModels.Supported)
            {
                var m4 = await _builds.Run(model, CTarget.CortexM4);
                Assert.True(m4.Instructions is > 0, $"{model}: not measured: {m4.Detail}");
                long measured = m4.Instructions!.Value;
                long estimated = InstructionCostModel.Estimate(CModels.Compile(model).Program).Total!.Value;
                double error = (double)estimated / measured - 1;
                _output.WriteLine($"| {model} | {measured:N0} | {estimated:N0} | {Percent(error)} |");
                if (Math.Abs(error) > ModelTolerance) failures.Add($"{model}: estimated {estimated:N0}, measured {measured:N0} ({Percent(error)})");
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        [RequiresToolFact("arm-none-eabi-gcc", "qemu-system-arm")]
        public void Each_large_layer_is_estimated_within_15_percent_of_its_instructions_measured_alone()
        {
            var firmware = new CortexM4Firmware(SharedData.RepoRoot);
            var failures = new System.Collections.Generic.List<string>();
            _output.WriteLine("| model | operator | layer | measured alone | estimated | error |");
            _output.WriteLine("|---|---:|---|---:|---:|---:|");
            foreach (var (name, optimization) in new[]
            {
                ("mlperf_vww_int8", CompileOptimization.Speed), ("mlperf_vww_int8", CompileOptimization.Size), ("person_detection_int8", CompileOptimization.Speed),
                ("mlperf_ic_int8", CompileOptimization.Speed), ("mlperf_kws_int8", CompileOptimization.Speed),
            })
            {
                string path = SharedData.ModelPath(name);
                string work = Path.Combine(Path.GetTempPath(), "mcuai-cost-" + Guid.NewGuid().ToString("N"));
                try
                {
                    var layers = LayerBench.Run(firmware, ModelReader.ReadFile(path), path, optimization, work, LayerBench.GoldenInput(path));
                    long total = layers.Sum(l => l.Instructions ?? 0);
                    Assert.True(total > 0, $"{name}: no layer was measured");
                    foreach (var layer in layers.Where(l => l.Instructions >= LargeLayerShare * total))
                    {
                        long measured = layer.Instructions!.Value;
                        long estimated = layer.Estimate ?? 0;
                        double error = (double)estimated / measured - 1;
                        string label = $"{name} ({optimization.Name()})";
                        _output.WriteLine($"| {label} | {layer.Operator} | {layer.Op} {string.Join(" ", layer.Calls.Select(c => c.Key))} | {measured:N0} | {estimated:N0} | {Percent(error)} |");
                        if (Math.Abs(error) > LayerTolerance) failures.Add($"{label} operator {layer.Operator}: estimated {estimated:N0}, measured {measured:N0} ({Percent(error)})");
                    }
                }
                finally
                {
                    try { Directory.Delete(work, recursive: true); } catch (IOException) { }
                }
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        /// <summary>The kernel paths that only <see cref="CostCases"/> take (no model of ../shared does): each must have a row.</summary>
        private static readonly string[] s_costCasePaths =
        {
            "mcuai_max_pool_s8", "mcuai_max_pool_f32", "mcuai_mul_s8", "mcuai_mean_s8", "mcuai_lut8", "mcuai_lut8_f32", "mcuai_quantize_f32_s8",
            "mcuai_conv2d_s8", "mcuai_fully_connected_s8", "mcuai_gather:strided", "mcuai_depthwise_s8:dsp", "mcuai_depthwise_s8:plain",
            "mcuai_conv_s8:kxk:few", "mcuai_conv_s8:kxk:unaligned:few",
        };

        [Fact]
        public void Every_kernel_path_of_the_cost_cases_is_estimated()
        {
            var keys = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, model) in CostCases.All())
            {
                var program = CModelCompiler.Compile(model, "m", name + ".tflite").Program;
                foreach (var layer in program.Layers)
                {
                    keys.Add(InstructionCostModel.KeyOf(layer));
                    Assert.True(InstructionCostModel.Estimate(layer, program) is > 0, $"{name}: {InstructionCostModel.KeyOf(layer)} has no estimate");
                }
                Assert.NotNull(InstructionCostModel.Estimate(program).Total);
            }
            // The cases take the paths they are there for (a lowering that changed its kernel would leave a path unmeasured).
            Assert.Empty(s_costCasePaths.Except(keys));
        }

        [RequiresToolFact("arm-none-eabi-gcc", "qemu-system-arm")]
        public void Each_cost_case_is_estimated_within_15_percent_of_its_instructions_measured_alone()
        {
            var firmware = new CortexM4Firmware(SharedData.RepoRoot);
            string work = Path.Combine(Path.GetTempPath(), "mcuai-cost-" + Guid.NewGuid().ToString("N"));
            try
            {
                var layers = McuAi.Runtime.C.Bench.Program.MeasureCostCases(firmware, work);
                var names = CostCases.All().Select(c => c.Name).ToList();
                Assert.Equal(names.Count, layers.Count);
                var failures = new System.Collections.Generic.List<string>();
                _output.WriteLine("| case | kernel path | measured alone | estimated | error |");
                _output.WriteLine("|---|---|---:|---:|---:|");
                foreach (var layer in layers)
                {
                    Assert.True(layer.Instructions is > 0, $"{names[layer.Operator]}: not measured ({layer.Note})");
                    long measured = layer.Instructions!.Value;
                    long? estimated = layer.Estimate;
                    double error = (double)(estimated ?? 0) / measured - 1;
                    _output.WriteLine($"| {names[layer.Operator]} | {string.Join(" ", layer.Calls.Select(c => c.Key))} | {measured:N0} | {estimated:N0} | {Percent(error)} |");
                    if (estimated is null || Math.Abs(error) > LayerTolerance)
                        failures.Add($"{names[layer.Operator]}: estimated {estimated?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"}, measured {measured:N0} ({Percent(error)})");
                }
                Assert.True(failures.Count == 0, string.Join("\n", failures));
            }
            finally
            {
                try { Directory.Delete(work, recursive: true); } catch (IOException) { }
            }
        }

        /// <summary>
        /// Optimize="speed" takes the block-sparse form only where the cost model estimates it no slower than dense:
        /// its sparse layers are some of those "size" makes sparse, its estimated instructions are not more, and on some
        /// pruned model it keeps a filter dense that size stores sparse (mlperf_vww_int8, mostly zero blocks, is all
        /// sparse either way since the sparse kernel runs the dense driver).
        /// </summary>
        [Fact]
        public void Speed_keeps_a_pruned_filter_dense_where_the_sparse_kernel_is_estimated_slower()
        {
            var models = SimplifiedModels.All.Where(m => m.Symbol.EndsWith("_sp50", StringComparison.Ordinal) || m.Symbol.EndsWith("_sp75", StringComparison.Ordinal))
                .Append(("mlperf_vww_int8", ModelReader.ReadFile(SharedData.ModelPath("mlperf_vww_int8"))));
            bool keptDense = false;
            foreach (var (symbol, model) in models)
            {
                var speed = CModelCompiler.Compile(model, symbol, symbol + ".tflite", CompileOptimization.Speed).Program;
                var size = CModelCompiler.Compile(model, symbol, symbol + ".tflite", CompileOptimization.Size).Program;
                var sparseSpeed = speed.Layers.Where(l => McuAi.Compiler.Lowerings.ConvRowsForm.SparseBlockOf(l.Kernel) is not null).Select(l => l.OperatorIndex).ToList();
                var sparseSize = size.Layers.Where(l => McuAi.Compiler.Lowerings.ConvRowsForm.SparseBlockOf(l.Kernel) is not null).Select(l => l.OperatorIndex).ToHashSet();
                Assert.True(sparseSpeed.All(sparseSize.Contains), $"{symbol}: speed made operators sparse that size does not");
                Assert.True(InstructionCostModel.Estimate(speed).Total <= InstructionCostModel.Estimate(size).Total, $"{symbol}: speed is estimated slower than size");
                _output.WriteLine($"{symbol}: sparse layers speed {sparseSpeed.Count}, size {sparseSize.Count}");
                keptDense |= sparseSpeed.Count < sparseSize.Count;
            }
            Assert.True(keptDense, "speed kept every sparse layer of every pruned model");
        }

        private static string Percent(double error) => (error * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";
    }
}
