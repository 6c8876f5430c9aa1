using System;
using System.Linq;
using System.Threading.Tasks;
using McuAi.Tests.CodeGen;
using McuAi.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.CBackend
{
    /// <summary>
    /// The C backend's measured figures next to TFLM's (golden.json cortex_m4): instructions per invoke (vector 1, QEMU
    /// -icount), RAM (activations + scratch + state) and flash without weights. Printed as a table for docs/c-backend.md;
    /// asserted only where the issue sets a hard bound (RAM at most TFLM's minimum arena).
    /// </summary>
    [Collection(CBackendCollection.Name)]
    public class CBackendFiguresTests
    {
        private readonly CBackendBuilds _builds;
        private readonly ITestOutputHelper _output;

        public CBackendFiguresTests(CBackendBuilds builds, ITestOutputHelper output)
        {
            _builds = builds;
            _output = output;
        }

        [RequiresToolFact("gcc", "arm-none-eabi-gcc", "qemu-system-arm")]
        public async Task Figures_against_TFLM_on_the_Cortex_M4()
        {
            _output.WriteLine("| model | host | DSP (emulated) | M4 (QEMU) | instructions | per MAC | TFLM ref | TFLM CMSIS-NN | × CMSIS-NN | RAM | TFLM min arena | RAM / TFLM | flash w/o weights | TFLM flash w/o model | weights |");
            _output.WriteLine("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (string model in CBackendModels.Supported)
            {
                var host = await _builds.Run(model, CTarget.Host);
                var dsp = await _builds.Run(model, CTarget.HostDsp);
                var m4 = await _builds.Run(model, CTarget.CortexM4);
                long ram = CModels.RamBytes(model);
                string Exact(CTargetRun r) => r.Passed ? (model.EndsWith("_float", StringComparison.Ordinal) ? "within 1e-5" : "exact") : "FAIL";
                var compiled = CModels.Compile(model);
                long macs = compiled.Program.Model.MainSubgraph.Operators.Sum(op => McuAi.Analysis.MacCounter.Count(compiled.Program.Model, compiled.Program.Model.MainSubgraph, op));
                string perMac = macs > 0 ? ((double)(m4.Instructions ?? 0) / macs).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "-";
                string figures = $"| {model} | {Exact(host)} | {Exact(dsp)} | {Exact(m4)} | {m4.Instructions:N0} | {perMac} | ";
                if (!SharedData.Golden(model).TryGetProperty("cortex_m4", out var m4Golden) || !m4Golden.TryGetProperty("ref", out var reference))
                {
                    // TFLM was not measured on the M4 for this model (the single-op models).
                    _output.WriteLine(figures + $"- | - | - | {ram:N0} | - | - | {m4.Image?.FlashWithoutWeights:N0} | - | {m4.Image?.WeightBytes:N0} |");
                    continue;
                }
                var cmsis = m4Golden.GetProperty("cmsis_nn");
                long refInstructions = reference.GetProperty("invoke_instructions").GetInt64();
                long cmsisInstructions = cmsis.GetProperty("invoke_instructions").GetInt64();
                long tflmArena = reference.GetProperty("min_arena_bytes").GetInt64();
                long tflmFlash = reference.GetProperty("flash_bytes_without_model").GetInt64();
                _output.WriteLine(figures + $"{refInstructions:N0} | {cmsisInstructions:N0} | " +
                    $"{(double)(m4.Instructions ?? 0) / cmsisInstructions:0.00} | {ram:N0} | {tflmArena:N0} | {(double)ram / tflmArena:0.000} | " +
                    $"{m4.Image?.FlashWithoutWeights:N0} | {tflmFlash:N0} | {m4.Image?.WeightBytes:N0} |");
                Assert.True(ram <= tflmArena, $"{model}: the C runtime's RAM {ram} exceeds TFLM's minimum arena {tflmArena}");
            }
        }
    }
}
