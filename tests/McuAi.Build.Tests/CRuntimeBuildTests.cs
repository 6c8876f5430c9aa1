using System;
using System.IO;
using System.Linq;
using McuAi.Build.Tests.Infrastructure;
using McuAi.Tests;
using McuAi.TfLite;
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
            // The first build lists the kernels it wrote; the one both models call is one item.
            Assert.Contains("mcuai_fully_connected_s8.c", sources);
            Assert.Contains("mcuai_conv2d_s8.c", sources);
            Assert.Equal(sources.Count, sources.Distinct().Count());
            Assert.DoesNotContain(sources, s => s.EndsWith("_model_data.cc", StringComparison.Ordinal) || s.EndsWith("_model.cc", StringComparison.Ordinal));

            var run = Tools.Run(Path.Combine(p.Directory, "build-app", "app"), Array.Empty<string>(), p.Directory);
            Assert.True(run.Succeeded, run.ToString());
            Assert.StartsWith("selftests 0 0 ram ", run.Output.Trim());
            string cmake = File.ReadAllText(Path.Combine(p.OutputDir, "mcuai_models.cmake"));
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(cmake, "mcuai_fully_connected_s8.c"));
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
        public void Bad_Runtime_and_SelfTest_and_an_op_the_C_backend_lacks_are_coded_errors()
        {
            var p = new TestProject(_sdk, "c-runtime-errors");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            // Every model of ../shared that TFLM runs compiles to C; an LSTM whose weights have a zero point does not
            // (the integer LSTM's weights are symmetric: the C kernel takes them as they are).
            string lstm = p.AddModel("mnist_lstm_int8", "lstm.tflite");
            var model = ModelReader.ReadFile(lstm);
            var graph = model.Subgraphs[0];
            graph.Tensors[graph.Operators[0].Inputs[1]].Quantization!.ZeroPoint = new long[] { 1 };
            ModelWriter.WriteFile(model, lstm);
            p.Write("""
                <McuAiModel Include="hello_world_int8.tflite" Symbol="a" Runtime="cmsis" />
                <McuAiModel Include="hello_world_int8.tflite" Symbol="b" Runtime="c" SelfTest="many" />
                """);
            var result = p.Build();
            Assert.False(result.Succeeded);
            var errors = TestProject.Errors(result);
            Assert.Contains(errors, e => e.Code == "MCUAI4002" && e.Line.StartsWith(p.ProjectFile, StringComparison.Ordinal) && e.Line.Contains("Runtime='cmsis'"));
            Assert.Contains(errors, e => e.Code == "MCUAI6003" && e.Line.StartsWith(p.ProjectFile, StringComparison.Ordinal) && e.Line.Contains("SelfTest='many'"));

            p.Write("""<McuAiModel Include="lstm.tflite" Runtime="c" />""");
            var unsupported = p.Build();
            Assert.False(unsupported.Succeeded);
            var error = TestProject.Errors(unsupported).Single(e => e.Code == "MCUAI6001");
            Assert.StartsWith(Path.Combine(p.Directory, "lstm.tflite"), error.Line);
            Assert.Contains("UNIDIRECTIONAL_SEQUENCE_LSTM", error.Line);
            Assert.Contains("Runtime=\"tflm\"", error.Line);
        }
    }
}
