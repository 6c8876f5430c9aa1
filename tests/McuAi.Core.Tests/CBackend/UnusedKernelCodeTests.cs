using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using McuAi.CodeGen;
using McuAi.Compiler;
using McuAi.Compiler.Lowerings;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.CBackend
{
    /// <summary>
    /// A model compiles and links only the kernel code its layers use: the block-sparse kernel of the block sizes its
    /// layers use (one file pair per size), and, where its layers take the fast output stage without clamp (or the DSP
    /// path of the depthwise kernel), not the C loops that only other layers need. The flash goal of mlperf_vww_int8
    /// (issue 9: code and read-only data at most 0.25x TFLM's) depends on it.
    /// </summary>
    public class UnusedKernelCodeTests
    {
        private static readonly int[] s_allBlocks = { 4, 8, 16 };

        [Fact]
        public void Only_the_sparse_block_sizes_the_layers_use_are_copied()
        {
            string path = SharedData.ModelPath("mlperf_vww_int8");
            var model = ModelReader.ReadFile(path);
            var program = CModelCompiler.Compile(model, "vww", path).Program;
            var used = program.Layers.Select(l => ConvRowsForm.SparseBlockOf(l.Kernel)).OfType<int>().ToHashSet();
            // mlperf_vww_int8's pruned layers take blocks of 4 (six layers) and 16 (one): not every size, so a copied
            // unused size shows.
            Assert.Equal(new[] { 4, 16 }, used.OrderBy(b => b));
            var files = ModelCodeGenerator.Generate(model, ReadOnlyMemory<byte>.Empty, new GenerationOptions { Symbol = "vww", Runtime = ModelRuntime.C }, path)
                .Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal);
            foreach (int block in s_allBlocks)
            {
                string kernel = ConvRowsForm.SparseKernel(block);
                Assert.True(files.Contains(kernel + ".c") == used.Contains(block), $"blocks of {block}: used {used.Contains(block)}, copied {files.Contains(kernel + ".c")}");
                Assert.Equal(files.Contains(kernel + ".c"), files.Contains(kernel + ".h"));
            }
        }

        [RequiresToolFact("arm-none-eabi-gcc", "arm-none-eabi-nm", "qemu-system-arm")]
        public async Task The_image_links_one_assembly_loop_per_used_block_size_and_no_unused_C_loop()
        {
            string path = SharedData.ModelPath("mlperf_vww_int8");
            var model = ModelReader.ReadFile(path);
            var layers = CModelCompiler.Compile(model, "vww", path).Program.Layers;
            var sparse = layers.Where(l => ConvRowsForm.SparseBlockOf(l.Kernel) is not null).ToList();
            // Every convolution of the model has the fast output stage without clamp (each calls its kernel's _fast entry),
            // every depthwise layer the DSP path's shape (mcuai_depthwise_s8_dsp).
            Assert.All(layers.Where(l => l.Kernel == "mcuai_conv_s8" || sparse.Contains(l)), l => Assert.EndsWith("_fast", l.Function, StringComparison.Ordinal));
            Assert.All(layers.Where(l => l.Kernel == "mcuai_depthwise_s8"), l => Assert.Equal("mcuai_depthwise_s8_dsp", l.Function));

            var run = await ModelProgram.RunAsync(new[] { ("vww", model) }, CTarget.CortexM4, selfTestVectors: 1);
            string failures = run.Failures(new[] { "vww" });
            Assert.True(failures.Length == 0, failures);
            // channels4_sparse_fast: the assembly loop of one block size (a static function per kernel file).
            Assert.Equal(sparse.Select(l => l.Kernel).Distinct().Count(), run.Count("channels4_sparse_fast"));
            // The C loops of four pixels (dense and sparse), the depthwise plain loop and the depthwise code for left-shifted
            // channels (MCUAI_RESCALE_LEFT) serve other layers only.
            foreach (string loop in new[] { "channels4_sparse", "channels4", "depthwise_plain", "pixel_groups_3x3_masked", "shift_stream_left" })
                Assert.True(run.Count(loop) == 0, $"{loop} is linked");
            Assert.Equal(1, run.Count("channels4_asm"));
            // The exact output stage, called by the C loops of every int8 weighted kernel: one copy.
            Assert.Equal(1, run.Count("mcuai_rescale_exact_clamped"));
        }
    }
}
