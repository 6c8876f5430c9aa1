using System;
using System.Linq;
using System.Threading.Tasks;
using McuAi.CodeGen;
using Xunit;

namespace McuAi.Tests.CBackend
{
    /// <summary>
    /// Every op case of <see cref="OpCases"/> compiled to C into ONE folder (kernel files shared between the models),
    /// linked into one program with its interpreter-made self-test, and run: on the host (portable and DSP-emulated
    /// paths) and on the Cortex-M4 under QEMU. Each model's self-test must report zero mismatches.
    /// </summary>
    public class CBackendOpTests
    {
        [RequiresToolFact("gcc")]
        public async Task Op_cases_match_the_interpreter_on_the_host() =>
            await RunAll(CTarget.Host);

        [RequiresToolFact("gcc")]
        public async Task Op_cases_match_the_interpreter_on_the_host_DSP_path() =>
            await RunAll(CTarget.HostDsp);

        [RequiresToolFact("arm-none-eabi-gcc", "qemu-system-arm")]
        public async Task Op_cases_match_the_interpreter_on_the_Cortex_M4() =>
            await RunAll(CTarget.CortexM4);

        [Fact]
        public void Models_in_one_folder_share_the_kernel_files_byte_for_byte()
        {
            var cases = OpCases.All();
            var files = cases.SelectMany(c => ModelCodeGenerator.Generate(c.Build(), ReadOnlyMemory<byte>.Empty,
                new GenerationOptions { Symbol = c.Symbol, Runtime = ModelRuntime.C }, c.Symbol + ".tflite"))
                .Where(f => f.RelativePath.StartsWith("mcuai_", StringComparison.Ordinal)).ToList();
            Assert.True(files.Count > files.Select(f => f.RelativePath).Distinct().Count(), "some kernel file should be used by several cases");
            foreach (var group in files.GroupBy(f => f.RelativePath))
                Assert.All(group, f => Assert.Equal(group.First().Content, f.Content));
        }

        private static async Task RunAll(CTarget target)
        {
            var cases = OpCases.All();
            var run = await ModelProgram.RunAsync(cases.Select(c => (c.Symbol, c.Build())).ToList(), target);
            string failures = run.Failures(cases.Select(c => c.Symbol));
            Assert.True(failures.Length == 0, failures);
        }
    }
}
