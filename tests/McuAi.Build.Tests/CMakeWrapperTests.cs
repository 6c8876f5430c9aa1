using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using McuAi.Build.Tests.Infrastructure;
using McuAi.Tests;
using Xunit;

namespace McuAi.Build.Tests
{
    /// <summary>The CMake wrapper and the samples: generation, configure and build in one `dotnet build`.</summary>
    [Collection(SdkCollection.Name)]
    public sealed class CMakeWrapperTests
    {
        private readonly SdkFixture _sdk;
        public CMakeWrapperTests(SdkFixture sdk) => _sdk = sdk;

        [RequiresToolFact("cmake")]
        public void Host_CMake_project_builds_the_generated_sources_incrementally_and_reports_compiler_errors_with_file_and_line()
        {
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

        [RequiresToolFact("cmake", "g++")]
        public void Models_with_their_own_OutputDir_build_through_the_combined_CMake_list()
        {
            var p = new TestProject(_sdk, "cmake-outputdir");
            p.AddModel("micro_speech_int8", "models/kws.tflite");
            p.AddModel("hello_world_int8", "models/sine.tflite");
            Directory.CreateDirectory(Path.Combine(p.Directory, "app"));
            File.WriteAllText(Path.Combine(p.Directory, "app", "CMakeLists.txt"), """
                cmake_minimum_required(VERSION 3.20)
                project(app C CXX)
                include(${MCUAI_MODELS_CMAKE})
                add_executable(app main.cc ${MCUAI_DATA_SOURCES})
                target_include_directories(app PRIVATE ${MCUAI_INCLUDE_DIRS})
                target_compile_options(app PRIVATE ${MCUAI_COMPILE_OPTIONS})
                """);
            File.WriteAllText(Path.Combine(p.Directory, "app", "main.cc"), """
                #include <cstdio>
                #include "mcuai_models.h"
                #include "kws_model_data.h"
                #include "sine_model_data.h"
                int main() { std::printf("%d %u %u\n", mcuai_model_count, (unsigned)g_kws_model_data_size, (unsigned)g_sine_model_data_size); return 0; }
                """);
            // kws goes to a folder outside the project (embedded with .incbin, which needs the assembler's include path too).
            p.Write("""
                <McuAiModel Include="models/kws.tflite" OutputDir="../fw_out_kws/" DataFormat="incbin" />
                <McuAiModel Include="models/sine.tflite" />
                """, "<CMakeSourceDir>app</CMakeSourceDir><CMakeBuildDir>build-app/</CMakeBuildDir>");

            var result = p.Build();
            Assert.True(result.Succeeded, result.ToString());
            string fwOut = Path.GetFullPath(Path.Combine(p.Directory, "..", "fw_out_kws"));
            Assert.True(File.Exists(Path.Combine(fwOut, "kws_model_data.cc")));
            Assert.False(File.Exists(Path.Combine(p.OutputDir, "kws_model_data.cc")));
            string cmake = File.ReadAllText(Path.Combine(p.OutputDir, "mcuai_models.cmake"));
            Assert.DoesNotContain(_sdk.Root, cmake);
            var run = Tools.Run(Path.Combine(p.Directory, "build-app", "app"), Array.Empty<string>(), p.Directory);
            Assert.Equal($"2 {new FileInfo(Repo.Model("micro_speech_int8")).Length} {new FileInfo(Repo.Model("hello_world_int8")).Length}", run.Output.Trim());
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

        [RequiresToolFact("cmake")]
        public void Missing_cmake_and_CMake_errors_are_coded_errors()
        {
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

        [RequiresToolFact("cmake", "arm-none-eabi-gcc", "qemu-system-arm")]
        public void HelloWorld_sample_compiles_the_model_to_C_builds_a_Cortex_M4_image_and_runs_it_in_QEMU()
        {
            string root = CopySample("HelloWorld");
            var result = _sdk.Dotnet(Path.Combine(root, "HelloWorld"), "build", "HelloWorld.proj", "-nodeReuse:false");
            Assert.True(result.Succeeded, result.ToString());
            Assert.DoesNotContain("TFLM_DIR not set", result.Output);
            Assert.Contains("Cortex-M4 image hello_world", result.Output);
            Assert.Matches(@"\s+text\s+data\s+bss", result.Output);
            string image = Path.Combine(root, "HelloWorld", "obj", "cmake", "Debug", "hello_world");
            Assert.Equal(ElfMachine.Arm, ElfMachine.Of(image));
            // The run after the link, in QEMU: the model's sine values, its RAM, its instructions, its self-test.
            Assert.Contains("running hello_world in QEMU", result.Output);
            var values = System.Text.RegularExpressions.Regex.Matches(result.Output, @"x = (-?\d+\.\d+)  model sin\(x\) = (-?\d+\.\d+)")
                .Select(m => (X: double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                              Y: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
            Assert.Equal(9, values.Count);
            Assert.All(values, v => Assert.InRange(v.Y - Math.Sin(v.X), -0.2, 0.2));
            Assert.Contains("RAM of the model: 32 bytes", result.Output);
            Assert.Matches(@"instructions per inference: \d{3,}", result.Output);
            AssertRunsInQemu(image, root);

            // The TFLM runtime stays available: without TflmDir it compiles what needs no TFLM and says what it skipped.
            var tflm = _sdk.Dotnet(Path.Combine(root, "HelloWorld"), "build", "HelloWorld.proj", "-nodeReuse:false", "-p:Runtime=tflm");
            Assert.True(tflm.Succeeded, tflm.ToString());
            Assert.Contains("TFLM_DIR not set, so skipping the sources that need TensorFlow Lite Micro", tflm.Output);
            Assert.Contains("built with Runtime=tflm but without TFLM", tflm.Output);
        }

        [RequiresToolFact("cmake", "arm-none-eabi-gcc", "qemu-system-arm")]
        public void KeywordSpotting_sample_runs_both_models_compiled_to_C_on_the_Cortex_M4()
        {
            string root = CopySample("KeywordSpotting");
            var result = _sdk.Dotnet(Path.Combine(root, "KeywordSpotting"), "build", "KeywordSpotting.proj", "-nodeReuse:false");
            Assert.True(result.Succeeded, result.ToString());
            Assert.Matches(@"micro_speech: self-test mismatches 0, RAM 5960 bytes, flash data \d+ bytes, instructions per inference \d+", result.Output);
            Assert.Matches(@"person_detection: self-test mismatches 0, RAM \d+ bytes, flash data \d+ bytes, instructions per inference \d+", result.Output);
        }

        [RequiresToolFact("cmake", "gcc")]
        public void A_changed_toolchain_choice_or_toolchain_file_configures_the_build_folder_afresh()
        {
            var p = new TestProject(_sdk, "cmake-toolchain");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            Directory.CreateDirectory(Path.Combine(p.Directory, "app"));
            File.WriteAllText(Path.Combine(p.Directory, "app", "CMakeLists.txt"), "cmake_minimum_required(VERSION 3.20)\nproject(app C)\nadd_executable(app main.c)\n");
            File.WriteAllText(Path.Combine(p.Directory, "app", "main.c"), """
                #include <stdio.h>
                #ifdef BUILT_BY_CROSS
                #define BY "cross"
                #else
                #define BY "host"
                #endif
                #ifdef EDITED
                #define MORE " edited"
                #else
                #define MORE ""
                #endif
                int main(void) { printf("%s%s\n", BY, MORE); return 0; }
                """);
            // A "cross-compiler" that appears on PATH later, and a toolchain file that falls back to the host without it (like the samples').
            string cross = Path.Combine(p.Directory, "cross-bin");
            Directory.CreateDirectory(cross);
            string crossCc = Path.Combine(cross, "cross-cc");
            File.WriteAllText(crossCc, "#!/bin/sh\nexec gcc -DBUILT_BY_CROSS \"$@\"\n");
            Assert.True(Tools.Run("chmod", new[] { "+x", crossCc }, p.Directory).Succeeded);
            string toolchain = Path.Combine(p.Directory, "toolchain.cmake");
            File.WriteAllText(toolchain, "find_program(CROSS_CC cross-cc)\nif(NOT CROSS_CC)\n  return()\nendif()\nset(CMAKE_C_COMPILER ${CROSS_CC})\n");
            p.Write("""<McuAiModel Include="hello_world_int8.tflite" />""",
                "<CMakeSourceDir>app</CMakeSourceDir><CMakeBuildDir>build-app/</CMakeBuildDir><CMakeToolchainFile>toolchain.cmake</CMakeToolchainFile>");
            string App() => Tools.Run(Path.Combine(p.Directory, "build-app", "app"), Array.Empty<string>(), p.Directory).Output.Trim();
            var withCross = new Dictionary<string, string> { ["PATH"] = cross + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") };

            var host = p.Build();
            Assert.True(host.Succeeded, host.ToString());
            Assert.Equal("host", App());

            // The cross-compiler appears: the toolchain file now chooses it, so the folder is configured afresh.
            var appeared = p.BuildWith(withCross);
            Assert.True(appeared.Succeeded, appeared.ToString());
            Assert.Equal("cross", App());
            Assert.Contains($"McuAi: the CMake toolchain changed (C: (host default) -> {crossCc})", appeared.Output);

            // Nothing changed: no probe-triggered reset, no configure.
            var again = p.BuildWith(withCross);
            Assert.True(again.Succeeded, again.ToString());
            Assert.DoesNotContain("the CMake toolchain changed", again.Output);
            Assert.Contains("Skipping target \"_CMakeConfigureCore\" because all output files are up-to-date", again.Output);

            // An edit of the toolchain file whose effect CMake would keep from the first configure (initial flags).
            File.AppendAllText(toolchain, "set(CMAKE_C_FLAGS_INIT \"-DEDITED\")\n");
            var edited = p.BuildWith(withCross);
            Assert.True(edited.Succeeded, edited.ToString());
            Assert.Equal("cross edited", App());
            Assert.Contains("McuAi: the CMake toolchain changed (the toolchain file was edited)", edited.Output);
        }

        [RequiresToolFact("cmake", "arm-none-eabi-gcc", "qemu-system-arm")]
        public void HelloWorld_built_for_the_host_becomes_a_Cortex_M4_image_once_the_ARM_toolchain_is_installed()
        {
            string root = CopySample("HelloWorld");
            string sample = Path.Combine(root, "HelloWorld");
            string image = Path.Combine(sample, "obj", "cmake", "Debug", "hello_world");
            // First on a machine without the ARM toolchain: the sample says it builds for the host.
            string withoutArm = Tools.PathWithout("arm-none-eabi-", _sdk.NewDirectory("path-without-arm"));
            var host = _sdk.Dotnet(sample, new Dictionary<string, string> { ["PATH"] = withoutArm }, "build", "HelloWorld.proj", "-nodeReuse:false");
            Assert.True(host.Succeeded, host.ToString());
            Assert.Contains("building for the HOST", host.Output);
            Assert.NotEqual(ElfMachine.Arm, ElfMachine.Of(image));

            // Then with the toolchain installed: the next build is a Cortex-M4 image, not the stale host build.
            var arm = _sdk.Dotnet(sample, "build", "HelloWorld.proj", "-nodeReuse:false");
            Assert.True(arm.Succeeded, arm.ToString());
            Assert.Equal(ElfMachine.Arm, ElfMachine.Of(image));
            Assert.Contains("Cortex-M4 image hello_world", arm.Output);
            Assert.Contains("McuAi: the CMake toolchain changed (system: (none) -> Generic", arm.Output);
            AssertRunsInQemu(image, root);
        }

        [Fact]
        public void Samples_pin_the_SDK_version_this_repository_packs()
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.SamplesDir, "global.json")));
            Assert.Equal(Repo.SdkVersion, json.RootElement.GetProperty("msbuild-sdks").GetProperty("McuAi.Build.Sdk").GetString());
        }

        /// <summary>The sample as a user would have it: its folder and the shared firmware files, outside the repository.</summary>
        private string CopySample(string name)
        {
            string root = _sdk.NewDirectory("samples");
            CopyDirectory(Path.Combine(Repo.SamplesDir, "common"), Path.Combine(root, "common"));
            CopyDirectory(Path.Combine(Repo.SamplesDir, name), Path.Combine(root, name));
            return root;
        }

        private static void AssertRunsInQemu(string image, string workingDirectory)
        {
            var run = Tools.Run("timeout", new[] { "20", "qemu-system-arm", "-M", "mps2-an386", "-nographic", "-semihosting", "-kernel", image }, workingDirectory);
            Assert.True(run.Succeeded, run.ToString());
            Assert.Contains("McuAi.Build HelloWorld", run.Output);
            Assert.Contains("model sin(x)", run.Output);
            Assert.Contains("self-test mismatches: 0", run.Output);
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
