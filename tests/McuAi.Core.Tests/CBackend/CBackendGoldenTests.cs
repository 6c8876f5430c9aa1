using System.Threading.Tasks;
using McuAi.Tests.CodeGen;
using Xunit;

namespace McuAi.Tests.CBackend
{
    [CollectionDefinition(Name)]
    public sealed class CBackendCollection : ICollectionFixture<CBackendBuilds>
    {
        public const string Name = "C backend builds";
    }

    /// <summary>
    /// Every supported model, compiled to C (Runtime="c"), built with the strict flags and run on TFLM's golden
    /// vectors: integer outputs byte-identical, float outputs within 1e-5 of the largest magnitude. Three builds:
    /// the host's portable path, the host's DSP path (intrinsics emulated), and a Cortex-M4 image under QEMU.
    /// </summary>
    [Collection(CBackendCollection.Name)]
    public class CBackendGoldenTests
    {
        private readonly CBackendBuilds _builds;

        public CBackendGoldenTests(CBackendBuilds builds) => _builds = builds;

        [RequiresToolTheory("gcc")]
        [MemberData(nameof(CBackendModels.SupportedRows), MemberType = typeof(CBackendModels))]
        public async Task Host_portable_build_matches_TFLM(string model) => await Check(model, CTarget.Host);

        [RequiresToolTheory("gcc")]
        [MemberData(nameof(CBackendModels.SupportedRows), MemberType = typeof(CBackendModels))]
        public async Task Host_DSP_emulated_build_matches_TFLM(string model) => await Check(model, CTarget.HostDsp);

        [RequiresToolTheory("arm-none-eabi-gcc", "qemu-system-arm")]
        [MemberData(nameof(CBackendModels.SupportedRows), MemberType = typeof(CBackendModels))]
        public async Task CortexM4_under_QEMU_matches_TFLM(string model) => await Check(model, CTarget.CortexM4);

        private async Task Check(string model, CTarget target)
        {
            var run = await _builds.Run(model, target);
            Assert.True(run.Passed, $"{model} on {target}: {run.Detail}");
        }
    }
}
