using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using McuAi.Compiler;
using McuAi.Compiler.Lowerings;
using McuAi.Diagnostics;
using McuAi.Simplification;
using McuAi.Tests.Interpreter.Kernels2;
using McuAi.TfLite;
using Xunit;
using Xunit.Abstractions;
using McuAi.Runtime.C.Bench;

namespace McuAi.Tests.CBackend
{
    /// <summary>
    /// The C backend on simplified models (<see cref="SimplifiedModels"/>): INT4 filters run on the packed kernels and
    /// pruned filters on the sparse one, byte-identical with the interpreter (bit-exact with TFLM) on the host's portable
    /// and DSP paths and on the Cortex-M4 under QEMU, where each model's flash and instructions per invoke are measured.
    /// Compiled with Optimize="size" (the flash-first choice), so that every pruned layer whose block-sparse form saves
    /// flash runs the sparse kernel; the default Optimize="speed" keeps the faster dense kernel where the cost model
    /// says so (<see cref="InstructionCostModelTests"/>).
    /// </summary>
    public class SimplifiedWeightsTests
    {
        private readonly ITestOutputHelper _output;

        public SimplifiedWeightsTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Int4_filters_take_the_packed_kernels_and_pruned_filters_the_sparse_one()
        {
            var sparseFunctions = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            foreach (var (symbol, model) in SimplifiedModels.All)
            {
                var program = CModelCompiler.Compile(model, symbol, symbol + ".tflite", CompileOptimization.Size).Program;
                var g = model.MainSubgraph;
                foreach (var layer in program.Layers)
                {
                    var op = g.Operators[layer.OperatorIndex];
                    if (op.Inputs.Length > 1 && op.Inputs[1] >= 0 && g.Tensors[op.Inputs[1]].Type == TensorType.INT4)
                        Assert.True(layer.Kernel is "mcuai_conv_s4" or "mcuai_depthwise_s4", $"{symbol}: INT4 operator {layer.OperatorIndex} lowered to {layer.Kernel}");
                }
                int int4Filters = g.Operators.Count(op => op.Inputs.Length > 1 && op.Inputs[1] >= 0 && g.Tensors[op.Inputs[1]].Type == TensorType.INT4);
                int sparse = program.Layers.Count(l => McuAi.Compiler.Lowerings.ConvRowsForm.SparseBlockOf(l.Kernel) is not null);
                if (symbol.EndsWith("_s4", StringComparison.Ordinal)) Assert.True(int4Filters > 0, $"{symbol} has no INT4 filter");
                if (symbol.EndsWith("_sp75", StringComparison.Ordinal) || symbol.EndsWith("_sparse", StringComparison.Ordinal))
                    Assert.True(sparse > 0, $"{symbol}: no layer took the sparse kernel");
                if (symbol.EndsWith("_int8", StringComparison.Ordinal) || symbol.EndsWith("_s4", StringComparison.Ordinal))
                    Assert.True(sparse == 0, $"{symbol}: an unpruned model took the sparse kernel");
                sparseFunctions.UnionWith(program.Layers.Where(l => McuAi.Compiler.Lowerings.ConvRowsForm.SparseBlockOf(l.Kernel) is not null).Select(l => l.Function));
            }
            // The runs below check every block size's kernel and both its entries: _fast (the assembly loop only) and the
            // general one (the C loop for the exact output stage or a clamp).
            foreach (int block in new[] { 4, 8, 16 })
            {
                Assert.Contains($"mcuai_sparse_conv_s8_b{block}", sparseFunctions);
                Assert.Contains($"mcuai_sparse_conv_s8_b{block}_fast", sparseFunctions);
            }
            _output.WriteLine("sparse kernel entries called: " + string.Join(", ", sparseFunctions.OrderBy(f => f, StringComparer.Ordinal)));
        }

        /// <summary>The dense int8 kernels would misread packed nibbles: an INT4 form the packed kernels lack is MCUAI6001, never a fallback.</summary>
        [Fact]
        public void An_INT4_filter_on_a_grouped_convolution_is_MCUAI6001()
        {
            var int8 = new SingleOpModel(BuiltinOperator.CONV_2D, "Conv2DOptions", ("padding", Padding.VALID), ("stride_w", 1), ("stride_h", 1))
                .Input(TensorType.INT8, new[] { 1, 4, 4, 4 }, 0.05f, 1)
                .Constant(TensorType.INT8, new[] { 4, 3, 3, 2 }, OpCases.Values(72, 5)).PerChannel(new[] { 0.01f, 0.02f, 0.015f, 0.03f })
                .Absent()
                .Output(TensorType.INT8, new[] { 1, 2, 2, 4 }, 0.1f, 0).BuildModel();
            var int4 = Int4Weights.Convert(int8, Int4Weights.Candidates(int8)).Model;
            Assert.Equal(TensorType.INT4, int4.MainSubgraph.Tensors[int4.MainSubgraph.Operators[0].Inputs[1]].Type);
            var e = Assert.Throws<McuAiException>(() => CModelCompiler.Compile(int4, "grouped", "grouped.tflite"));
            Assert.Equal(DiagnosticCodes.CBackendUnsupportedOp, e.Code);
            Assert.Contains("INT4", e.Message);
            Assert.Contains("--runtime tflm", e.Message);
        }

        [Fact]
        public void The_sparse_form_is_chosen_only_where_it_stores_the_filter_in_at_most_three_quarters_of_its_bytes()
        {
            var dense = Enumerable.Range(0, 64 * 32).Select(i => (sbyte)(i % 7 - 3 == 0 ? 1 : i % 7 - 3)).ToArray();
            Assert.Null(SparseWeightsLowering.Choose(dense, 32));
            var pruned = (sbyte[])dense.Clone();
            for (int i = 0; i < pruned.Length; i++) if (i / 8 % 4 != 0) pruned[i] = 0; // 3 of every 4 blocks of 8 are zero
            var layout = SparseWeightsLowering.Choose(pruned, 32);
            Assert.NotNull(layout);
            Assert.Equal(8, layout!.BlockSize);
            Assert.Equal(pruned.Length / 4, layout.Values.Length);
            Assert.True(layout.SparseBytes(8) <= 0.75 * layout.DenseBytes(8));
        }

        [RequiresToolFact("gcc")]
        public async Task Simplified_models_match_the_interpreter_on_the_host() => await Run(CTarget.Host);

        [RequiresToolFact("gcc")]
        public async Task Simplified_models_match_the_interpreter_on_the_host_DSP_path() => await Run(CTarget.HostDsp);

        /// <summary>Also prints, per real model and form, flash and instructions per invoke (docs/simplification.md's table).</summary>
        [RequiresToolFact("arm-none-eabi-gcc", "arm-none-eabi-nm", "qemu-system-arm")]
        public async Task Simplified_models_match_the_interpreter_on_the_Cortex_M4_and_their_figures_are_measured()
        {
            var run = await Run(CTarget.CortexM4);
            _output.WriteLine("| model | form | weights (bytes) | model constants + params (bytes) | instructions per invoke | vs dense int8 |");
            _output.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (string name in SimplifiedModels.RealModels)
            {
                long dense = run.Results[name + "_int8"].Instructions;
                foreach (string variant in SimplifiedModels.Variants)
                {
                    string symbol = name + "_" + variant;
                    var model = SimplifiedModels.All.Single(m => m.Symbol == symbol).Model;
                    var program = CModelCompiler.Compile(model, symbol, symbol + ".tflite", CompileOptimization.Size).Program;
                    long weights = program.Constants.Where(c => c.IsModelData).Sum(c => (long)c.ByteSize);
                    long flash = run.BytesOf(symbol + "_", "_selftest", "_arena", "_state");
                    long instructions = run.Results[symbol].Instructions;
                    _output.WriteLine($"| {name} | {variant} | {weights:N0} | {flash:N0} | {instructions:N0} | {(double)instructions / dense:0.00}x |");
                    Assert.True(flash >= weights, $"{symbol}: the image holds fewer constant bytes ({flash}) than the program's weights ({weights})");
                }
            }
            // The INT4 and sparse kernels are mcuai_conv_s8's driver (mcuai_conv_run) with their own channel loops.
            foreach (string kernel in new[] { "mcuai_conv_run", "channels4_s4_asm", "channels4_s4", "channels1_s4", "mcuai_depthwise_s4",
                         "channels4_sparse_fast", "channels4_sparse", "channels1_sparse" })
                _output.WriteLine($"code of {kernel}: {(run.SymbolSizes.TryGetValue(kernel, out long n) ? n : 0):N0} bytes");
        }

        private static async Task<ModelProgramRun> Run(CTarget target)
        {
            var models = SimplifiedModels.All;
            var run = await ModelProgram.RunAsync(models, target, optimization: CompileOptimization.Size);
            string failures = run.Failures(models.Select(m => m.Symbol));
            Assert.True(failures.Length == 0, failures);
            return run;
        }
    }
}
