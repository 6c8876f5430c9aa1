using System;
using System.IO;
using System.Linq;
using McuAi.Build.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Build.Tests
{
    /// <summary>The CMake wrapper and the samples: generation, configure and build in one `dotnet build`.</summary>
    [Collection(SdkCollection.Name)]
    public sealed class CMakeWrapperTests
    {
        private readonly SdkFixture _sdk;
        private readonly ITestOutputHelper _output;

        public CMakeWrapperTests(SdkFixture sdk, ITestOutputHelper output)
        {
            _sdk = sdk;
            _output = output;
        }

        private bool HaveCMake()
        {
            if (Tools.Exists("cmake")) return true;
            _output.WriteLine("SKIPPED: cmake is not installed (apt-get install cmake).");
            return false;
        }

        [Fact]
        public void Host_CMake_project_builds_the_generated_sources_incrementally_and_reports_compiler_errors_with_file_and_line()
        {
            if (!HaveCMake()) return;
            var p = new TestProject(_sdk, "cmake-host");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            Directory.CreateDirectory(Path.Combine(p.Directory, "app"));
            File.WriteAllText(Path.Combine(p.Directory, "app", "CMakeLists.txt"), """
                cmake_minimum_required(VERSION 3.20)
                project(app C CXX)
                include(${MCUAI_MODELS_CMAKE})
                list(FILTER MCUAI_SOURCES INCLUDE REGEX "_model_data\\.cc$")
                add_executable(app main.cc ${MCUAI_SOURCES})
                target_include_directories(app PRIVATE ${MCUAI_INCLUDE_DIRS})
                target_compile_definitions(app PRIVATE GREETING="${GREETING}")
                """);
            string main = Path.Combine(p.Directory, "app", "main.cc");
            File.WriteAllText(main, """
                #include <cstdio>
                #include "hello_world_int8_model_data.h"
                int main() { std::printf("%s %u\n", GREETING, (unsigned)g_hello_world_int8_model_data_size); return 0; }
                """);
            p.Write("""
                <McuAiModel Include="hello_world_int8.tflite" />
                <CMakeDefine Include="GREETING" Value="hello from cmake" />
                """, "<CMakeSourceDir>app</CMakeSourceDir><CMakeBuildDir>build-app/</CMakeBuildDir>");

            var first = p.Build();
            Assert.True(first.Succeeded, first.ToString());
            string exe = Path.Combine(p.Directory, "build-app", "app");
            var run = Tools.Run(exe, Array.Empty<string>(), p.Directory);
            Assert.Equal("hello from cmake 2704", run.Output.Trim());

            // Second build: no generation, no configure (CMake's cache is up to date), make finds nothing to do.
            var second = p.Build();
            Assert.True(second.Succeeded, second.ToString());
            Assert.Empty(TestProject.Generated(second));
            Assert.Contains("Skipping target \"_CMakeConfigureCore\" because all output files are up-to-date", second.Output);
            Assert.DoesNotContain("Building CXX object", second.Output);

            // A compiler error becomes an MSBuild error on the source file and line.
            File.WriteAllText(main, "int main() {\n  return undeclared_thing;\n}\n");
            var broken = p.Build();
            Assert.False(broken.Succeeded);
            var error = TestProject.Errors(broken).First(e => e.Code == "MCUAI5001");
            Assert.StartsWith(main + "(2,", error.Line);
            Assert.Contains("undeclared_thing", error.Line);
        }

        [Fact]
        public void Missing_CMakeLists_is_a_coded_error_on_the_project()
        {
            var p = new TestProject(_sdk, "cmake-missing");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            p.Write("""<McuAiModel Include="hello_world_int8.tflite" />""", "<CMakeSourceDir>nowhere</CMakeSourceDir>");
            var result = p.Build();
            Assert.False(result.Succeeded);
            var error = Assert.Single(TestProject.Errors(result));
            Assert.Equal("MCUAI5005", error.Code);
            Assert.StartsWith(p.ProjectFile, error.Line);
        }

        [Fact]
        public void Missing_cmake_and_CMake_errors_are_coded_errors()
        {
            if (!HaveCMake()) return;
            var p = new TestProject(_sdk, "cmake-errors");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            Directory.CreateDirectory(Path.Combine(p.Directory, "app"));
            string lists = Path.Combine(p.Directory, "app", "CMakeLists.txt");
            File.WriteAllText(lists, "cmake_minimum_required(VERSION 3.20)\nproject(app NONE)\nmessage(FATAL_ERROR \"no board selected\")\n");
            p.Write("""<McuAiModel Include="hello_world_int8.tflite" />""", "<CMakeSourceDir>app</CMakeSourceDir><CMakeExecutable>no-such-cmake</CMakeExecutable>");
            var missing = p.Build();
            Assert.False(missing.Succeeded);
            Assert.Equal("MCUAI5004", Assert.Single(TestProject.Errors(missing)).Code);

            p.Write("""<McuAiModel Include="hello_world_int8.tflite" />""", "<CMakeSourceDir>app</CMakeSourceDir>");
            var failed = p.Build();
            Assert.False(failed.Succeeded);
            var error = TestProject.Errors(failed).First(e => e.Code == "MCUAI5003");
            Assert.StartsWith(lists + "(3", error.Line);
        }

        [Fact]
        public void HelloWorld_sample_compiles_the_model_to_C_runs_it_and_prints_the_sine_values()
        {
            if (!HaveCMake()) return;
            string root = CopySample("HelloWorld");
            var result = _sdk.Dotnet(Path.Combine(root, "HelloWorld"), "build", "HelloWorld.proj", "-nodeReuse:false");
            Assert.True(result.Succeeded, result.ToString());
            Assert.DoesNotContain("TFLM_DIR not set", result.Output);
            string image = Path.Combine(root, "HelloWorld", "obj", "cmake", "Debug", "hello_world");
            Assert.True(File.Exists(image), result.Output);
            bool cortexM4 = Tools.Exists("arm-none-eabi-gcc");
            if (cortexM4)
            {
                Assert.Contains("Cortex-M4 image hello_world", result.Output);
                Assert.Matches(@"\s+text\s+data\s+bss", result.Output);
                if (!Tools.Exists("qemu-system-arm"))
                {
                    Assert.Contains("qemu-system-arm not found", result.Output);
                    _output.WriteLine("SKIPPED checking the run: qemu-system-arm is not installed.");
                    return;
                }
                Assert.Contains("running hello_world in QEMU", result.Output);
            }
            else Assert.Contains("built hello_world for the HOST", result.Output);
            // The run after the link (QEMU, or the host build itself): the model's sine values, its RAM, its self-test.
            var values = System.Text.RegularExpressions.Regex.Matches(result.Output, @"x = (-?\d+\.\d+)  model sin\(x\) = (-?\d+\.\d+)")
                .Select(m => (X: double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                              Y: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
            Assert.Equal(9, values.Count);
            Assert.All(values, v => Assert.InRange(v.Y - Math.Sin(v.X), -0.2, 0.2));
            Assert.Contains("RAM of the model: 32 bytes", result.Output);
            Assert.Contains("self-test mismatches: 0", result.Output);
            if (cortexM4) Assert.Matches(@"instructions per inference: \d{3,}", result.Output);

            // The TFLM runtime stays available: without TflmDir it compiles what needs no TFLM and says what it skipped.
            var tflm = _sdk.Dotnet(Path.Combine(root, "HelloWorld"), "build", "HelloWorld.proj", "-nodeReuse:false", "-p:Runtime=tflm");
            Assert.True(tflm.Succeeded, tflm.ToString());
            Assert.Contains("TFLM_DIR not set, so skipping the sources that need TensorFlow Lite Micro", tflm.Output);
            Assert.Contains("built with Runtime=tflm but without TFLM", tflm.Output);
        }

        [Fact]
        public void KeywordSpotting_sample_runs_both_models_compiled_to_C_on_the_Cortex_M4()
        {
            if (!HaveCMake()) return;
            if (!Tools.Exists("arm-none-eabi-gcc") || !Tools.Exists("qemu-system-arm"))
            {
                _output.WriteLine("SKIPPED: arm-none-eabi-gcc or qemu-system-arm is not installed.");
                return;
            }
            string root = CopySample("KeywordSpotting");
            var result = _sdk.Dotnet(Path.Combine(root, "KeywordSpotting"), "build", "KeywordSpotting.proj", "-nodeReuse:false");
            Assert.True(result.Succeeded, result.ToString());
            Assert.Matches(@"micro_speech: self-test mismatches 0, RAM 5960 bytes, flash data \d+ bytes, instructions per inference \d+", result.Output);
            Assert.Matches(@"person_detection: self-test mismatches 0, RAM \d+ bytes, flash data \d+ bytes, instructions per inference \d+", result.Output);
        }

        /// <summary>The sample as a user would have it: its folder and the shared firmware files, outside the repository.</summary>
        private string CopySample(string name)
        {
            string root = _sdk.NewDirectory("samples-" + name);
            CopyDirectory(Path.Combine(Repo.SamplesDir, "common"), Path.Combine(root, "common"));
            CopyDirectory(Path.Combine(Repo.SamplesDir, name), Path.Combine(root, name));
            return root;
        }

        [Fact]
        public void Samples_pin_the_SDK_version_this_repository_packs()
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.SamplesDir, "global.json")));
            Assert.Equal(Repo.SdkVersion, json.RootElement.GetProperty("msbuild-sdks").GetProperty("McuAi.Build.Sdk").GetString());
        }

        private static void CopyDirectory(string from, string to)
        {
            foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(from, file);
                if (relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
                    relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
                string target = Path.Combine(to, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }
}
