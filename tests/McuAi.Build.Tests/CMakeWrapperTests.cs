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
        public void HelloWorld_sample_builds_a_firmware_image_and_says_what_it_skipped()
        {
            if (!HaveCMake()) return;
            // The sample as a user would have it: its folder and the shared firmware files, outside the repository.
            string root = _sdk.NewDirectory("samples");
            CopyDirectory(Path.Combine(Repo.SamplesDir, "common"), Path.Combine(root, "common"));
            CopyDirectory(Path.Combine(Repo.SamplesDir, "HelloWorld"), Path.Combine(root, "HelloWorld"));
            var result = _sdk.Dotnet(Path.Combine(root, "HelloWorld"), "build", "HelloWorld.proj", "-nodeReuse:false");
            Assert.True(result.Succeeded, result.ToString());
            Assert.Contains("TFLM_DIR not set, so skipping the sources that need TensorFlow Lite Micro", result.Output);
            string image = Path.Combine(root, "HelloWorld", "obj", "cmake", "Debug", "hello_world");
            Assert.True(File.Exists(image), result.Output);
            if (Tools.Exists("arm-none-eabi-gcc"))
            {
                Assert.Contains("Cortex-M4 image hello_world", result.Output);
                Assert.Matches(@"\s+text\s+data\s+bss", result.Output);
                if (Tools.Exists("qemu-system-arm"))
                {
                    var run = Tools.Run("timeout", new[] { "20", "qemu-system-arm", "-M", "mps2-an386", "-nographic", "-semihosting", "-kernel", image }, root);
                    Assert.True(run.Succeeded, run.ToString());
                    Assert.Contains("model identifier: TFL3", run.Output);
                    Assert.Contains("model array: 2704 bytes", run.Output);
                }
                else _output.WriteLine("SKIPPED running the image: qemu-system-arm is not installed.");
            }
            else
            {
                Assert.Contains("building for the HOST", result.Output);
            }
        }

        [Fact]
        public void Samples_pin_the_SDK_version_this_repository_packs()
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.SamplesDir, "global.json")));
            Assert.Equal(Repo.SdkVersion, json.RootElement.GetProperty("msbuild-sdks").GetProperty("McuAi.Build.Sdk").GetString());
        }

        /// <summary>Copies a sample as a user would have it (without its top-level obj/ and bin/); also used by the nanoFramework sample test.</summary>
        internal static void CopyDirectory(string from, string to)
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
