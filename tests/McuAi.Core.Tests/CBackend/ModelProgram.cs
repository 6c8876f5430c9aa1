using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using McuAi.CodeGen;
using McuAi.Tests.CodeGen;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;

namespace McuAi.Tests.CBackend
{
    /// <summary>One model's result in a <see cref="ModelProgram"/> run: self-test mismatches, and timer ticks of one invoke (Cortex-M4 only).</summary>
    public sealed record ModelProgramResult(int Mismatches, long Ticks)
    {
        /// <summary>Instructions of the invoke under QEMU -icount shift=5 (40 ns ticks, 32 ns per instruction).</summary>
        public long Instructions => (long)Math.Round(Ticks * 1.25);
    }

    /// <summary>
    /// A run of a <see cref="ModelProgram"/>: per model symbol its result, the image's symbols (Cortex-M4: name and size, a
    /// static function once per file that links it), the process outcome.
    /// </summary>
    public sealed record ModelProgramRun(IReadOnlyDictionary<string, ModelProgramResult> Results, IReadOnlyList<(string Name, long Size)> Symbols, ProcessOutcome Outcome)
    {
        /// <summary>The image's symbol sizes by name (the first of the symbols of one name).</summary>
        public IReadOnlyDictionary<string, long> SymbolSizes { get; } = Symbols.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Size, StringComparer.Ordinal);

        /// <summary>How many symbols of the image are named <paramref name="name"/> (static functions of several files).</summary>
        public int Count(string name) => Symbols.Count(s => s.Name == name);

        /// <summary>The models whose self-test did not report zero mismatches, with the run's output when any did.</summary>
        public string Failures(IEnumerable<string> symbols)
        {
            var wrong = symbols.Where(s => !Results.TryGetValue(s, out var r) || r.Mismatches != 0)
                .Select(s => $"{s}: {(Results.TryGetValue(s, out var r) ? r.Mismatches + " mismatches" : "no result")}").ToList();
            return wrong.Count == 0 && Outcome.ExitCode == 0 ? "" : string.Join("\n", wrong) + "\n" + Outcome.Describe("the program");
        }

        /// <summary>Bytes of the image's symbols whose names start with <paramref name="prefix"/> (a model's constants and params).</summary>
        public long BytesOf(string prefix, params string[] except) =>
            SymbolSizes.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && !except.Any(e => p.Key.Contains(e, StringComparison.Ordinal))).Sum(p => p.Value);
    }

    /// <summary>
    /// Several models compiled to C (Runtime="c") into ONE folder, each with an interpreter-made self-test of N vectors,
    /// linked into one program that prints per model its self-test mismatches and the timer ticks of one more invoke;
    /// built for the host (portable or DSP-emulated path) or the Cortex-M4 (run under QEMU with -icount shift=5).
    /// </summary>
    public static class ModelProgram
    {
        private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(10);
        private static readonly Regex s_result = new(@"^(\w+): (-?\d+) (\d+)$", RegexOptions.Multiline);

        public static async Task<ModelProgramRun> RunAsync(IReadOnlyList<(string Symbol, Model Model)> models, CTarget target, int selfTestVectors = 3,
            McuAi.Compiler.CompileOptimization optimization = McuAi.Compiler.CompileOptimization.Speed)
        {
            using var temp = new TempDir();
            string src = temp.Sub("src");
            var main = new StringBuilder("#include <stdio.h>\n#include \"console.h\"\n#include \"timer.h\"\n");
            foreach (var (symbol, _) in models) main.Append($"#include \"{symbol}_model.h\"\n#include \"{symbol}_selftest.h\"\n");
            main.Append("int main(void)\n{\n  int failed = 0, n;\n  unsigned long ticks;\n  char line[128];\n");
            foreach (var (symbol, model) in models)
            {
                var options = new GenerationOptions { Symbol = symbol, Runtime = ModelRuntime.C, SelfTest = selfTestVectors, Optimize = optimization };
                OutputWriter.WriteAll(src, ModelCodeGenerator.Generate(model, ReadOnlyMemory<byte>.Empty, options, symbol + ".tflite"));
                main.Append($"  n = {symbol}_selftest();\n  {symbol}_selftest_load(0);\n  mcuai_timer_start();\n  n += {symbol}_invoke() != 0;\n")
                    .Append($"  ticks = mcuai_timer_ticks();\n  snprintf(line, sizeof line, \"{symbol}: %d %lu\\n\", n, ticks);\n  console_write(line);\n  failed += n != 0;\n");
            }
            main.Append("  return failed;\n}\n");
            File.WriteAllText(Path.Combine(src, "program_main.c"), main.ToString());

            string common = Path.Combine(SharedData.RepoRoot, "samples", "common");
            var args = new List<string> { "-std=c99", "-Wall", "-Wextra", "-Werror", "-O2", "-I", src, "-I", common };
            var sources = Directory.GetFiles(src, "*.c").OrderBy(f => f, StringComparer.Ordinal)
                .Concat(new[] { Path.Combine(common, "console.c"), Path.Combine(common, "timer.c") }).ToList();
            string image = Path.Combine(temp.Path, "program");
            ProcessOutcome run;
            var symbols = new List<(string, long)>();
            if (target == CTarget.CortexM4)
            {
                args.AddRange("-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -ffunction-sections -fdata-sections".Split(' '));
                args.AddRange(sources.Append(Path.Combine(common, "startup_cm4.c")));
                args.AddRange(new[] { "-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections", "-T", Path.Combine(common, "mps2_an386.ld"), "-lm", "-o", image });
                var build = await ProcessRun.RunAsync("arm-none-eabi-gcc", args, temp.Path, s_timeout);
                if (build.ExitCode != 0) return new ModelProgramRun(new Dictionary<string, ModelProgramResult>(), symbols, build);
                var nm = await ProcessRun.RunAsync("arm-none-eabi-nm", new[] { "-S", image }, temp.Path, s_timeout);
                foreach (var parts in nm.Output.Split('\n').Select(l => l.Split(' ')).Where(p => p.Length == 4))
                    symbols.Add((parts[3], Convert.ToInt64(parts[1], 16)));
                run = await ProcessRun.RunAsync("qemu-system-arm", new[] { "-M", "mps2-an386", "-nographic", "-semihosting", "-icount", "shift=5", "-kernel", image }, temp.Path, s_timeout);
            }
            else
            {
                if (target == CTarget.HostDsp) args.Add("-DMCUAI_DSP_EMULATE");
                args.AddRange(sources);
                args.AddRange(new[] { "-lm", "-o", image });
                var build = await ProcessRun.RunAsync("gcc", args, temp.Path, s_timeout);
                if (build.ExitCode != 0) return new ModelProgramRun(new Dictionary<string, ModelProgramResult>(), symbols, build);
                run = await ProcessRun.RunAsync(image, Array.Empty<string>(), temp.Path, s_timeout);
            }
            var results = s_result.Matches(run.Output).Cast<Match>()
                .ToDictionary(m => m.Groups[1].Value, m => new ModelProgramResult(int.Parse(m.Groups[2].Value), long.Parse(m.Groups[3].Value)));
            return new ModelProgramRun(results, symbols, run);
        }
    }
}
