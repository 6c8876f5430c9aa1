using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using McuAi.Tests.CodeGen;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.RuntimeC
{
    /// <summary>
    /// The C runtime's int8 CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED kernels give TFLM's bytes (the
    /// interpreter's) on random layers, in all three builds: host portable path, host DSP path through the
    /// emulated intrinsics, and the Cortex-M4 (assembly inner loops) under QEMU; the M4 also at -O0, where the
    /// DSP path runs its C intrinsics instead of the assembly.
    /// </summary>
    public class Int8KernelExactnessTests
    {
        private static readonly string[] Headers = { "mcuai_conv_s8.h", "mcuai_depthwise_s8.h" };
        /// <summary>The kernels' sources and the ones they call (as a generated model gets them).</summary>
        private static readonly string[] Kernels = McuAi.Compiler.CRuntimeLibrary.FilesFor(new[] { "mcuai_conv_s8", "mcuai_depthwise_s8" })
            .Select(f => f.RelativePath).Where(n => n.EndsWith(".c", StringComparison.Ordinal)).ToArray();

        /// <summary>The same seeded cases for every build.</summary>
        private static IReadOnlyList<KernelCase> Cases()
        {
            var rng = new Random(20260821);
            var cases = new List<KernelCase>();
            for (int i = 0; i < 40; i++) cases.Add(Int8KernelCases.Conv(rng, $"conv{i}"));
            // The input layers of the models (one or three input channels: windows gathered by rows) and pointwise
            // layers with few channels (the register-resident path), scaled down.
            var shapes = new Int8KernelCases.ConvShape[]
            {
                new(49, 10, 1, 16, 10, 4, 2, Padding.SAME),   // mlperf_kws_int8 layer 0
                new(49, 40, 1, 8, 10, 8, 2, Padding.SAME),    // micro_speech_int8 layer 0
                new(15, 13, 3, 8, 3, 3, 2, Padding.SAME),     // mlperf_vww_int8 layer 0
                new(9, 11, 3, 16, 3, 3, 1, Padding.SAME),     // mlperf_ic_int8 layer 0
                new(7, 9, 8, 16, 1, 1, 1, Padding.SAME),      // person_detection_int8 layer 2
                new(6, 5, 12, 5, 1, 1, 1, Padding.VALID),
                new(6, 6, 16, 32, 1, 1, 1, Padding.SAME),
                new(3, 3, 64, 24, 1, 1, 1, Padding.SAME),     // 9 pixels: two blocks and one pixel
                new(2, 5, 32, 7, 1, 1, 2, Padding.VALID),     // 3 pixels
            };
            for (int i = 0; i < shapes.Length; i++) cases.Add(Int8KernelCases.Conv(rng, $"model_conv{i}", shapes[i]));
            for (int i = 0; i < 40; i++) cases.Add(Int8KernelCases.Depthwise(rng, $"dw{i}"));
            for (int i = 0; i < 24; i++) cases.Add(Int8KernelCases.Depthwise(rng, $"dw3x3_{i}", mobileNet: true));
            for (int i = 0; i < 12; i++) cases.Add(Int8KernelCases.Depthwise(rng, $"dwconv{i}", asConv: true));
            for (int i = 0; i < 16; i++) cases.Add(Int8KernelCases.FullyConnected(rng, $"fc{i}"));
            return cases;
        }

        private static void RunAll(CTarget target, string optimization = "-O2")
        {
            var cases = Cases();
            // Both output stages must have run for the test to mean anything.
            Assert.Contains(cases, c => c.FastRescale);
            Assert.Contains(cases, c => !c.FastRescale);
            // And the depthwise form for left shifts (MCUAI_RESCALE_LEFT), in the 3x3 assembly loop and the C loops.
            Assert.Contains(cases, c => c.Name.StartsWith("dw3x3_", StringComparison.Ordinal) && c.Name.EndsWith(" fast left", StringComparison.Ordinal));
            Assert.Contains(cases, c => c.Name.StartsWith("dw", StringComparison.Ordinal) && !c.Name.StartsWith("dw3x3_", StringComparison.Ordinal) && c.Name.EndsWith(" fast left", StringComparison.Ordinal));
            using var temp = new TempDir();
            string program = KernelTestProgram.Write(Path.Combine(temp.Path, "kernels_test.c"), cases, Headers);
            var sources = Kernels.Select(k => Path.Combine(CRuntimeBuild.RuntimeDir, k)).Append(program);
            string output = CRuntimeBuild.BuildAndRun(target, temp.Path, sources, optimization: optimization);
            var wrong = output.Split('\n').Where(l => l.StartsWith("case ", StringComparison.Ordinal) || l.StartsWith("  ", StringComparison.Ordinal)).ToList();
            Assert.True(wrong.Count == 0, $"{target} {optimization}: wrong outputs\n{string.Join("\n", wrong)}");
            Assert.Contains("failures 0", output);
        }

        [RequiresToolFact("gcc")]
        public void Host_portable_path_gives_tflm_bytes() => RunAll(CTarget.HostPortable);

        [RequiresToolFact("gcc")]
        public void Host_dsp_path_with_emulated_intrinsics_gives_tflm_bytes() => RunAll(CTarget.HostDspEmulated);

        [RequiresToolFact("arm-none-eabi-gcc", "qemu-system-arm")]
        public void Cortex_m4_assembly_path_gives_tflm_bytes() => RunAll(CTarget.CortexM4);

        [RequiresToolFact("arm-none-eabi-gcc", "qemu-system-arm")]
        public void Cortex_m4_intrinsics_path_without_optimization_gives_tflm_bytes() => RunAll(CTarget.CortexM4, "-O0");
    }
}
