using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using McuAi.CodeGen.NanoFramework;
using McuAi.Tests.CodeGen;
using Xunit;

namespace McuAi.Tests.NanoFramework
{
    /// <summary>
    /// The generated FindINTEROP-&lt;assembly&gt;.cmake as nf-interpreter uses it: a project that, like nf-interpreter's
    /// FindNF_NativeAssemblies.cmake for each NF_INTEROP_ASSEMBLIES entry, calls find_package("INTEROP-&lt;assembly&gt;"
    /// REQUIRED QUIET) and takes &lt;assembly&gt;_SOURCES and &lt;assembly&gt;_INCLUDE_DIRS.
    /// </summary>
    public class NanoCMakeModuleTests
    {
        [RequiresToolFact("cmake")]
        public void The_module_finds_the_sources_beside_it_in_a_given_folder_or_in_InteropAssemblies()
        {
            using var temp = new TempDir();
            string generated = temp.Sub("generated");
            var resolved = NanoKit.GenerateInto(generated, "micro_speech_int8");
            string assembly = resolved.AssemblyName!;
            string module = "FindINTEROP-" + assembly + ".cmake";
            string variable = "MCUAI_INTEROP_" + NanoFrameworkOptions.SafeAssemblyName(assembly).ToUpperInvariant() + "_DIR";
            var expected = new[] { "McuAi_Models_MicroSpeechInt8.cpp", "McuAi_Models_MicroSpeechInt8_mshl.cpp", "micro_speech_int8_model_data.cc", "micro_speech_int8_model.cc" };

            // 1. The module where McuAi.Build wrote it.
            var beside = Configure(temp.Sub("beside"), generated, assembly, "");
            Assert.True(beside.ExitCode == 0, beside.Output);
            Assert.Equal(expected.Select(f => Path.Combine(generated, f)), beside.Sources);
            Assert.Equal(generated, beside.IncludeDirs);

            // 2. The module copied into nf-interpreter's CMake/Modules, pointed at the generated folder.
            string modules = temp.Sub("modules");
            File.Copy(Path.Combine(generated, module), Path.Combine(modules, module));
            var pointed = Configure(temp.Sub("pointed"), modules, assembly, $"-D{variable}={generated}");
            Assert.True(pointed.ExitCode == 0, pointed.Output);
            Assert.Equal(expected.Select(f => Path.Combine(generated, f)), pointed.Sources);

            // 3. Copied alone, nothing to find: the configure fails and says which variable to set.
            var missing = Configure(temp.Sub("missing"), modules, assembly, "");
            Assert.NotEqual(0, missing.ExitCode);
            Assert.Contains(variable, missing.Output);

            // 4. The sources in <project>/InteropAssemblies/<assembly>, where nanoFramework's stubs go.
            string project = temp.Sub("conventional");
            string interop = Path.Combine(project, "InteropAssemblies", assembly);
            Directory.CreateDirectory(interop);
            foreach (string f in Directory.GetFiles(generated)) File.Copy(f, Path.Combine(interop, Path.GetFileName(f)));
            File.Delete(Path.Combine(interop, module));
            var conventional = Configure(project, modules, assembly, "");
            Assert.True(conventional.ExitCode == 0, conventional.Output);
            Assert.Equal(expected.Select(f => Path.Combine(interop, f)), conventional.Sources);
        }

        [Fact]
        public void nf_interpreters_version_listing_can_read_the_assembly_data()
        {
            // nf-interpreter's CMake lists each native assembly's checksum and version by scanning its sources: after
            // "g_CLR_AssemblyNative_<name> =" and a '{', it skips every character that is not '0' up to "0x<checksum>",
            // then takes the four numbers of the next braces. A '0' before the checksum (in an assembly name such as
            // Model01) would derail it, so the name is a separate constant.
            using var temp = new TempDir();
            var resolved = NanoKit.GenerateInto(temp.Sub("out"), "hello_world_int8", new NanoFrameworkOptions { AssemblyName = "Models.Model01", NativeVersion = "2.10.300.4000" });
            string safe = NanoFrameworkOptions.SafeAssemblyName(resolved.AssemblyName!);
            string text = File.ReadAllText(Path.Combine(temp.Path, "out", safe + ".cpp"));
            var match = Regex.Match(text, @"\sCLR_RT_NativeAssemblyData\s+g_CLR_AssemblyNative_" + safe + @"\s*=[^{]+\{(?<skipped>[^0]+)0x(?<checksum>[0-9A-Za-z]+)[^{]+\{\s*(?<v1>\d+)\s*,\s*(?<v2>\d+)\s*,\s*(?<v3>\d+)\s*,\s*(?<v4>\d+)");
            Assert.True(match.Success, text);
            Assert.Equal(NanoNativeChecksum.Hex(NanoKit.GeneratedChecksum(Path.Combine(temp.Path, "out"), resolved)), "0x" + match.Groups["checksum"].Value);
            Assert.Equal("2.10.300.4000", string.Join(".", match.Groups["v1"].Value, match.Groups["v2"].Value, match.Groups["v3"].Value, match.Groups["v4"].Value));
        }

        private static (int ExitCode, string Output, string[] Sources, string IncludeDirs) Configure(string projectDir, string moduleDir, string assembly, string extra)
        {
            File.WriteAllText(Path.Combine(projectDir, "CMakeLists.txt"),
                "cmake_minimum_required(VERSION 3.16)\nproject(interop_probe NONE)\n" +
                $"list(APPEND CMAKE_MODULE_PATH \"{moduleDir}\")\n" +
                $"find_package(\"INTEROP-{assembly}\" REQUIRED QUIET)\n" +
                $"message(STATUS \"SOURCES=${{{assembly}_SOURCES}}\")\nmessage(STATUS \"INCLUDES=${{{assembly}_INCLUDE_DIRS}}\")\n");
            var start = new ProcessStartInfo("cmake") { WorkingDirectory = projectDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in new[] { "-S", projectDir, "-B", Path.Combine(projectDir, "build") }.Concat(extra.Length > 0 ? new[] { extra } : new string[0]))
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            string output = stdout + stderr.Result;
            string Value(string key) => output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("-- " + key + "="))?.Substring(key.Length + 4) ?? "";
            return (process.ExitCode, output, Value("SOURCES").Split(';', System.StringSplitOptions.RemoveEmptyEntries), Value("INCLUDES"));
        }
    }
}
