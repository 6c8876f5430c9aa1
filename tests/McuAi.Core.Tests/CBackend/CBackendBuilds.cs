using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using McuAi.CodeGen;
using McuAi.Compiler;
using McuAi.Tests.CodeGen;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;

namespace McuAi.Tests.CBackend
{
    /// <summary>Where a generated model is built and run: the host's portable path, the host's DSP path (emulated intrinsics), or a Cortex-M4 under QEMU.</summary>
    public enum CTarget
    {
        Host,
        HostDsp,
        CortexM4,
    }

    /// <summary>One model built for one target and run on its golden vectors (the harness prints one line per vector).</summary>
    public sealed record CTargetRun(string Model, CTarget Target, bool Passed, string Detail, IReadOnlyList<(int Mismatches, long Ticks)> Vectors, CImageSize? Image)
    {
        /// <summary>Instructions of one invoke on vector 1 under QEMU -icount shift=5 (40 ns ticks, 32 ns per instruction).</summary>
        public long? Instructions => Target == CTarget.CortexM4 && Vectors.Count > 1 ? (long)Math.Round(Vectors[1].Ticks * 1.25) : null;
    }

    /// <summary>The Cortex-M4 image's sections and what of them is model data rather than code.</summary>
    public sealed record CImageSize(long Text, long Data, long Bss, long WeightBytes, long SelfTestBytes)
    {
        /// <summary>Flash without the weights and the test vectors: code, read-only data, params (text + data − weights − vectors).</summary>
        public long FlashWithoutWeights => Text + Data - WeightBytes - SelfTestBytes;
    }

    /// <summary>
    /// Generates each supported model of ../shared once (Runtime="c", symbol = model name, a self-test made of TFLM's
    /// golden vectors) and builds and runs it for every target, at most two compiler or QEMU processes at a time.
    /// The work starts when the fixture is created, so the tests of a collection only wait for their results.
    /// </summary>
    public sealed class CBackendBuilds : IDisposable
    {
        private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(10);
        private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(10);
        private const string CpuFlags = "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16";
        private static readonly Regex s_vectorLine = new(@"^vector (\d+): mismatches (-?\d+) ticks (\d+)$", RegexOptions.Multiline);

        private readonly string _root = Path.Combine(Path.GetTempPath(), "mcuai-cbackend-" + Guid.NewGuid().ToString("N"));
        private readonly SemaphoreSlim _processes = new(2);
        private readonly CancellationTokenSource _cancel = new();
        private readonly ConcurrentDictionary<string, Lazy<Task<GeneratedModel>>> _generated = new();
        private readonly ConcurrentDictionary<(string, CTarget), Lazy<Task<CTargetRun>>> _runs = new();

        public CBackendBuilds()
        {
            foreach (string model in CBackendModels.Supported)
                foreach (CTarget target in Enum.GetValues(typeof(CTarget)))
                    if (ToolsFor(target).All(t => Toolchain.Find(t) is not null)) _ = Run(model, target);
        }

        /// <summary>The tools a target needs (tests skip when one is missing).</summary>
        public static string[] ToolsFor(CTarget target) =>
            target == CTarget.CortexM4 ? new[] { "arm-none-eabi-gcc", "arm-none-eabi-size", "arm-none-eabi-nm", "qemu-system-arm" } : new[] { "gcc" };

        public Task<CTargetRun> Run(string model, CTarget target) =>
            _runs.GetOrAdd((model, target), _ => new Lazy<Task<CTargetRun>>(() => Task.Run(() => BuildAndRun(model, target)))).Value;

        private sealed record GeneratedModel(string Directory, CompiledModel Compiled);

        private Task<GeneratedModel> Generate(string name) =>
            _generated.GetOrAdd(name, _ => new Lazy<Task<GeneratedModel>>(() => Task.Run(() =>
            {
                string path = SharedData.ModelPath(name);
                byte[] bytes = File.ReadAllBytes(path);
                var model = ModelReader.Read(bytes, path);
                var options = new GenerationOptions { Symbol = name, Runtime = ModelRuntime.C };
                var files = ModelCodeGenerator.Generate(model, bytes, options, path).ToList();
                var vectors = SharedData.Vectors(name).Select(v => new SelfTestVector(v.Input, v.Output)).ToList();
                files.AddRange(SelfTestGenerator.Generate(model, name, vectors, TemplateSet.BuiltIn, path));
                string dir = Path.Combine(_root, name, "src");
                OutputWriter.WriteAll(dir, files);
                return new GeneratedModel(dir, CModelCompiler.Compile(model, name, path));
            }))).Value;

        private async Task<CTargetRun> BuildAndRun(string name, CTarget target)
        {
            var generated = await Generate(name);
            string work = Path.Combine(_root, name, target.ToString());
            Directory.CreateDirectory(work);
            string common = Path.Combine(SharedData.RepoRoot, "samples", "common");
            string harness = Path.Combine(SharedData.RepoRoot, "tests", "McuAi.Core.Tests", "CBackend", "Harness", "harness_main.c");
            var sources = Directory.GetFiles(generated.Directory, "*.c").OrderBy(f => f, StringComparer.Ordinal)
                .Concat(new[] { harness, Path.Combine(common, "console.c"), Path.Combine(common, "timer.c") }).ToList();
            var args = new List<string> { "-std=c99", "-Wall", "-Wextra", "-Werror", "-O2", "-I", generated.Directory, "-I", common,
                "-DMCUAI_SYMBOL=" + name, $"-DMCUAI_SYMBOL_HEADER={name}_model.h", $"-DMCUAI_SELFTEST_HEADER={name}_selftest.h" };
            string image = Path.Combine(work, target == CTarget.CortexM4 ? "firmware.elf" : "harness");
            if (target == CTarget.CortexM4)
            {
                args.AddRange(CpuFlags.Split(' '));
                args.AddRange(new[] { "-ffunction-sections", "-fdata-sections" });
                sources.Add(Path.Combine(common, "startup_cm4.c"));
                args.AddRange(sources);
                args.AddRange(new[] { "-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections",
                    "-T", Path.Combine(common, "mps2_an386.ld"), "-lm", "-o", image });
            }
            else
            {
                if (target == CTarget.HostDsp) args.Add("-DMCUAI_DSP_EMULATE");
                args.AddRange(sources);
                args.AddRange(new[] { "-lm", "-o", image });
            }
            var build = await Limited(() => ProcessRun.RunAsync(target == CTarget.CortexM4 ? "arm-none-eabi-gcc" : "gcc", args, work, s_buildTimeout, _cancel.Token));
            if (build.ExitCode != 0) return new CTargetRun(name, target, false, build.Describe("the compiler"), Array.Empty<(int, long)>(), null);

            CImageSize? size = target == CTarget.CortexM4 ? await ImageSize(image, work, generated.Compiled, name) : null;
            var run = target == CTarget.CortexM4
                ? await Limited(() => ProcessRun.RunAsync("qemu-system-arm",
                    new[] { "-M", "mps2-an386", "-nographic", "-semihosting", "-icount", "shift=5", "-kernel", image }, work, s_runTimeout, _cancel.Token))
                : await Limited(() => ProcessRun.RunAsync(image, Array.Empty<string>(), work, s_runTimeout, _cancel.Token));
            var vectors = s_vectorLine.Matches(run.Output).Cast<Match>()
                .Select(m => (int.Parse(m.Groups[2].Value), long.Parse(m.Groups[3].Value))).ToList();
            int expected = SharedData.Vectors(name).Count();
            bool passed = run.ExitCode == 0 && vectors.Count == expected && vectors.All(v => v.Item1 == 0) && run.Output.Contains("result: PASS");
            return new CTargetRun(name, target, passed, run.Describe(target == CTarget.CortexM4 ? "QEMU" : "the harness"), vectors, size);
        }

        private async Task<CImageSize> ImageSize(string image, string work, CompiledModel compiled, string symbol)
        {
            var size = await ProcessRun.RunAsync("arm-none-eabi-size", new[] { image }, work, s_buildTimeout);
            var numbers = size.Output.Split('\n')[1].Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            var nm = await ProcessRun.RunAsync("arm-none-eabi-nm", new[] { "-S", image }, work, s_buildTimeout);
            var symbolSizes = nm.Output.Split('\n').Select(l => l.Split(' ')).Where(p => p.Length == 4)
                .GroupBy(p => p[3]).ToDictionary(g => g.Key, g => Convert.ToInt64(g.First()[1], 16));
            long weights = compiled.Program.Constants.Where(c => c.IsModelData).Sum(c => symbolSizes.TryGetValue(c.Name, out long n) ? n : 0);
            long vectors = new[] { "_selftest_inputs", "_selftest_outputs", "_selftest_tolerances" }
                .Sum(suffix => symbolSizes.TryGetValue(symbol + suffix, out long n) ? n : 0);
            return new CImageSize(long.Parse(numbers[0]), long.Parse(numbers[1]), long.Parse(numbers[2]), weights, vectors);
        }

        private async Task<ProcessOutcome> Limited(Func<Task<ProcessOutcome>> run)
        {
            await _processes.WaitAsync(_cancel.Token);
            try { return await run(); }
            finally { _processes.Release(); }
        }

        public void Dispose()
        {
            // Builds no test waited for (a filtered run) are stopped, not finished.
            _cancel.Cancel();
            try
            {
                Task.WaitAll(_runs.Values.Where(l => l.IsValueCreated).Select(l => (Task)l.Value).ToArray(), TimeSpan.FromMinutes(1));
            }
            catch (AggregateException) { }
            try { if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true); }
            catch (IOException) { }
        }
    }
}
