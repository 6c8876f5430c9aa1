using System;
using System.IO;
using System.Linq;
using McuAi.Build.Tests.Infrastructure;
using McuAi.Tests;
using Xunit;

namespace McuAi.Build.Tests
{
    /// <summary>Runtime="c" in a real build: items, shared kernels, CMake, self-test, and its diagnostics.</summary>
    [Collection(SdkCollection.Name)]
    public sealed class CRuntimeBuildTests
    {
        private readonly SdkFixture _sdk;

        public CRuntimeBuildTests(SdkFixture sdk) => _sdk = sdk;

        [RequiresToolFact("cmake", "gcc")]
        public void Models_compiled_to_C_build_with_CMake_share_their_kernels_and_pass_their_self_tests()
        {
            var p = new TestProject(_sdk, "c-runtime");
            p.AddModel("hello_world_int8", "models/sine.tflite");
            p.AddModel("mlperf_kws_int8", "models/kws.tflite");
            Directory.CreateDirectory(Path.Combine(p.Directory, "app"));
            File.WriteAllText(Path.Combine(p.Directory, "app", "CMakeLists.txt"), """
                cmake_minimum_required(VERSION 3.20)
                project(app C)
                include(${MCUAI_MODELS_CMAKE})
                add_executable(app main.c ${MCUAI_SOURCES})
                target_include_directories(app PRIVATE ${MCUAI_INCLUDE_DIRS})
                target_link_libraries(app PRIVATE ${MCUAI_LINK_LIBRARIES})
                """);
            File.WriteAllText(Path.Combine(p.Directory, "app", "main.c"), """
                #include <stdio.h>
                #include "mcuai_models.h"
                #include "sine_selftest.h"
                #include "kws_selftest.h"
                int main(void) { printf("selftests %d %d ram %d\n", sine_selftest(), kws_selftest(), (int)mcuai_arena_size_concurrent); return 0; }
                """);
            p.Write("""
                <McuAiModel Include="models/sine.tflite" Runtime="c" SelfTest="2" />
                <McuAiModel Include="models/kws.tflite" Runtime="c" SelfTest="true" />
                """, "<CMakeSourceDir>app</CMakeSourceDir><CMakeBuildDir>build-app/</CMakeBuildDir>");

            var (first, items) = p.GetItems("Build", new[] { "McuAiGeneratedSource" });
            Assert.True(first.Succeeded, first.ToString());
            var sources = items!.RootElement.GetProperty("Items").GetProperty("McuAiGeneratedSource").EnumerateArray()
                .Select(i => Path.GetFileName(i.GetProperty("Identity").GetString()!)).ToList();
            // The first build lists the kernels it wrote; the one both models call (sine's FULLY_CONNECTED and kws's
            // convolutions both run on the convolution GEMM) is one item.
            Assert.Contains("mcuai_conv_s8.c", sources);
            Assert.Contains("mcuai_depthwise_s8.c", sources);
            Assert.Equal(sources.Count, sources.Distinct().Count());
            Assert.DoesNotContain(sources, s => s.EndsWith("_model_data.cc", StringComparison.Ordinal) || s.EndsWith("_model.cc", StringComparison.Ordinal));

            var run = Tools.Run(Path.Combine(p.Directory, "build-app", "app"), Array.Empty<string>(), p.Directory);
            Assert.True(run.Succeeded, run.ToString());
            Assert.StartsWith("selftests 0 0 ram ", run.Output.Trim());
            string cmake = File.ReadAllText(Path.Combine(p.OutputDir, "mcuai_models.cmake"));
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(cmake, "mcuai_conv_s8.c"));
            Assert.Contains("set(MCUAI_LINK_LIBRARIES m)", cmake);

            // A no-op build generates nothing and lists the same sources, from the models' file lists.
            var again = p.Build();
            Assert.True(again.Succeeded, again.ToString());
            Assert.Contains("McuAi: sine (", again.Output);
            Assert.Empty(TestProject.Generated(again));
            var (listed, itemsAgain) = p.GetItems("McuAiGenerate", new[] { "McuAiGeneratedSource" });
            Assert.True(listed.Succeeded, listed.ToString());
            Assert.Equal(sources.OrderBy(s => s), itemsAgain!.RootElement.GetProperty("Items").GetProperty("McuAiGeneratedSource").EnumerateArray()
                .Select(i => Path.GetFileName(i.GetProperty("Identity").GetString()!)).OrderBy(s => s));
        }

        [Fact]
        public void Bad_Runtime_SelfTest_and_Optimize_and_an_op_the_C_backend_lacks_are_coded_errors()
        {
            var p = new TestProject(_sdk, "c-runtime-errors");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            p.AddModel("hello_world_float", "sine_float.tflite");
            SineInputs.Write(Path.Combine(p.Directory, "calib.npy"), 100, seed: 1);
            p.Write("""
                <McuAiModel Include="hello_world_int8.tflite" Symbol="a" Runtime="cmsis" />
                <McuAiModel Include="hello_world_int8.tflite" Symbol="b" Runtime="c" SelfTest="many" />
                <McuAiModel Include="hello_world_int8.tflite" Symbol="c" Runtime="c" Optimize="fastest" />
                """);
            var result = p.Build();
            Assert.False(result.Succeeded);
            var errors = TestProject.Errors(result);
            Assert.Contains(errors, e => e.Code == "MCUAI4002" && e.Line.StartsWith(p.ProjectFile, StringComparison.Ordinal) && e.Line.Contains("Runtime='cmsis'"));
            Assert.Contains(errors, e => e.Code == "MCUAI6003" && e.Line.StartsWith(p.ProjectFile, StringComparison.Ordinal) && e.Line.Contains("SelfTest='many'"));
            Assert.Contains(errors, e => e.Code == "MCUAI6004" && e.Line.StartsWith(p.ProjectFile, StringComparison.Ordinal) && e.Line.Contains("Optimize='fastest'") && e.Line.Contains("'size'"));

            // 16x8 quantization makes an int16 FULLY_CONNECTED, which the C backend does not compile (yet).
            p.Write("""<McuAiModel Include="sine_float.tflite" Runtime="c" Quantize="int16x8" Calibration="calib.npy" />""");
            var unsupported = p.Build();
            Assert.False(unsupported.Succeeded);
            var error = TestProject.Errors(unsupported).Single(e => e.Code == "MCUAI6001");
            Assert.Contains("sine_float", error.Line);
            Assert.Contains("FULLY_CONNECTED", error.Line);
            Assert.Contains("INT16", error.Line);
            Assert.Contains("Runtime=\"tflm\"", error.Line);
            Assert.DoesNotContain("--runtime", error.Line); // issue 10 A.7: the build's own words only
        }
    }
}
