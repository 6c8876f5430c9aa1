using System;
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
    /// A model with block-sparse layers gets the sparse kernel of the block sizes its layers use only (one file pair per
    /// block size), and where every such layer takes the fast output stage without clamp, its image links no C loop of four
    /// pixels beside the assembly one: the flash goal of mlperf_vww_int8 (issue 9) depends on both.
    /// </summary>
    public class SparseKernelSelectionTests
    {
        private static readonly string[] s_allBlocks = { "4", "8", "16" };

        [Fact]
        public void Only_the_block_sizes_the_layers_use_are_copied()
        {
            string path = SharedData.ModelPath("mlperf_vww_int8");
            var model = ModelReader.ReadFile(path);
            var program = CModelCompiler.Compile(model, "vww", path).Program;
            var used = program.Layers.Select(l => ConvRowsForm.SparseBlockOf(l.Function)).OfType<int>().Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .ToHashSet(StringComparer.Ordinal);
            // mlperf_vww_int8's pruned layers take blocks of 4 (six layers) and 16 (one): not every size, so a copied
            // unused size shows.
            Assert.Equal(new[] { "16", "4" }, used.OrderBy(b => b, StringComparer.Ordinal));
            var files = ModelCodeGenerator.Generate(model, ReadOnlyMemory<byte>.Empty, new GenerationOptions { Symbol = "vww", Runtime = ModelRuntime.C }, path)
                .Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal);
            foreach (string block in s_allBlocks)
            {
                bool copied = files.Contains($"mcuai_sparse_conv_s8_b{block}.c");
                Assert.True(copied == used.Contains(block), $"blocks of {block}: used {used.Contains(block)}, copied {copied}");
                Assert.Equal(copied, files.Contains($"mcuai_sparse_conv_s8_b{block}.h"));
            }
            Assert.DoesNotContain("mcuai_sparse_conv_s8.c", files);
        }

        [RequiresToolFact("arm-none-eabi-gcc", "arm-none-eabi-nm", "qemu-system-arm")]
        public async Task The_image_links_one_assembly_loop_per_used_block_size_and_no_unused_C_loop()
        {
            string path = SharedData.ModelPath("mlperf_vww_int8");
            var model = ModelReader.ReadFile(path);
            var sparse = CModelCompiler.Compile(model, "vww", path).Program.Layers.Where(l => ConvRowsForm.SparseBlockOf(l.Function) is not null).ToList();
            int blocks = sparse.Select(l => ConvRowsForm.SparseBlockOf(l.Function)).Distinct().Count();
            // Every sparse layer of the model has the fast output stage without clamp: each calls its kernel's _fast entry.
            Assert.All(sparse, l => Assert.EndsWith("_fast", l.Function, StringComparison.Ordinal));

            var run = await ModelProgram.RunAsync(new[] { ("vww", model) }, CTarget.CortexM4, selfTestVectors: 1);
            string failures = run.Failures(new[] { "vww" });
            Assert.True(failures.Length == 0, failures);
            // channels4_sparse_fast: the assembly loop of one block size (a static function per kernel file).
            Assert.Equal(blocks, run.Count("channels4_sparse_fast"));
            Assert.Equal(0, run.Count("channels4_sparse"));
            // The exact output stage, called by the C loops of every int8 weighted kernel: one copy.
            Assert.Equal(1, run.Count("mcuai_rescale_exact_clamped"));
        }
    }
}
