using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.Tests.CodeGen;
using McuAi.Tests.Infrastructure;
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
        private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

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
            using var temp = new TempDir();
            string src = temp.Sub("src");
            var cases = OpCases.All();
            var main = new StringBuilder("#include <stdio.h>\n#include \"console.h\"\n");
            foreach (var c in cases) main.Append($"#include \"{c.Symbol}_selftest.h\"\n");
            main.Append("int main(void)\n{\n  int failed = 0, n;\n  char line[96];\n");
            foreach (var c in cases)
            {
                var model = c.Build();
                var options = new GenerationOptions { Symbol = c.Symbol, Runtime = ModelRuntime.C, SelfTest = 3 };
                OutputWriter.WriteAll(src, ModelCodeGenerator.Generate(model, ReadOnlyMemory<byte>.Empty, options, c.Symbol + ".tflite"));
                main.Append($"  n = {c.Symbol}_selftest();\n  snprintf(line, sizeof line, \"{c.Symbol}: %d\\n\", n);\n  console_write(line);\n  failed += n != 0;\n");
            }
            main.Append("  return failed;\n}\n");
            File.WriteAllText(Path.Combine(src, "ops_main.c"), main.ToString());

            string common = Path.Combine(SharedData.RepoRoot, "samples", "common");
            var args = new List<string> { "-std=c99", "-Wall", "-Wextra", "-Werror", "-O2", "-I", src, "-I", common };
            var sources = Directory.GetFiles(src, "*.c").OrderBy(f => f, StringComparer.Ordinal).Append(Path.Combine(common, "console.c")).ToList();
            string image = Path.Combine(temp.Path, "ops");
            ProcessOutcome run;
            if (target == CTarget.CortexM4)
            {
                args.AddRange("-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -ffunction-sections -fdata-sections".Split(' '));
                args.AddRange(sources.Append(Path.Combine(common, "startup_cm4.c")));
                args.AddRange(new[] { "-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections", "-T", Path.Combine(common, "mps2_an386.ld"), "-lm", "-o", image });
                var build = await ProcessRun.RunAsync("arm-none-eabi-gcc", args, temp.Path, s_timeout);
                Assert.True(build.ExitCode == 0, build.Describe("arm-none-eabi-gcc"));
                run = await ProcessRun.RunAsync("qemu-system-arm", new[] { "-M", "mps2-an386", "-nographic", "-semihosting", "-kernel", image }, temp.Path, s_timeout);
            }
            else
            {
                if (target == CTarget.HostDsp) args.Add("-DMCUAI_DSP_EMULATE");
                args.AddRange(sources);
                args.AddRange(new[] { "-lm", "-o", image });
                var build = await ProcessRun.RunAsync("gcc", args, temp.Path, s_timeout);
                Assert.True(build.ExitCode == 0, build.Describe("gcc"));
                run = await ProcessRun.RunAsync(image, Array.Empty<string>(), temp.Path, s_timeout);
            }
            var results = Regex.Matches(run.Output, @"^(\w+): (-?\d+)$", RegexOptions.Multiline).Cast<Match>()
                .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
            var wrong = cases.Where(c => !results.TryGetValue(c.Symbol, out int n) || n != 0)
                .Select(c => $"{c.Symbol}: {(results.TryGetValue(c.Symbol, out int n) ? n + " mismatches" : "no result")}").ToList();
            Assert.True(wrong.Count == 0 && run.ExitCode == 0, string.Join("\n", wrong) + "\n" + run.Describe("the op program"));
        }
    }
}
