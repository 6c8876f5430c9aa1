using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using McuAi.Fuzz.Harness;
using McuAi.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Fuzz
{
    /// <summary>
    /// Issue 10 §C, the CI-sized run of the structure-aware fuzzer (docs/format.md, "Fuzzing"): mutants of every
    /// model in ../shared/models (offsets, lengths, union types, shared references, scalar fields, FlexBuffer
    /// maps, constant buffers, names) go through the reader, analysis, the arena planner (both kernel sets and
    /// pointer sizes), code generation, rewriting, the interpreter and the quantizer — in a worker process, as
    /// the long run does, so that memory is measured per mutant and a hang or crash cannot take the test host.
    /// Nothing but coded errors that name the file may come out, with clean messages, and no run may allocate
    /// more than 500 MB or hang. Processor times are reported, not asserted (the machine is shared).
    /// MCUAI_FUZZ_MUTANTS and MCUAI_FUZZ_SEED change the size and the seed.
    /// </summary>
    public class StructureFuzzTests
    {
        private readonly ITestOutputHelper _output;

        public StructureFuzzTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Structure_aware_mutants_of_every_model_give_only_coded_errors_within_the_limits()
        {
            int mutants = EnvInt("MCUAI_FUZZ_MUTANTS", 1000);
            int seed = EnvInt("MCUAI_FUZZ_SEED", 20251205);
            string dir = Path.Combine(Path.GetTempPath(), "mcuai-structure-fuzz-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                string report = Path.Combine(dir, "report.md");
                var (exit, stdout, stderr) = RunFuzzer("--mutations", mutants.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture),
                    "--models", SharedData.ModelsDir, "--report", report, "--hang-seconds", "30");
                Assert.True(File.Exists(Path.ChangeExtension(report, ".json")), $"the fuzzer wrote no report (exit {exit}): {stdout}\n{stderr}");
                var stats = JsonSerializer.Deserialize<CampaignStats>(File.ReadAllText(Path.ChangeExtension(report, ".json")))!;
                _output.WriteLine(File.ReadAllText(report));

                Assert.Equal(mutants, stats.Mutants);
                AssertNoFailures(stats, seed);

                // The mutants must reach past the reader: every model is mutated, and many mutants run everywhere.
                var models = SharedData.ModelNames().ToList();
                Assert.All(models, m => Assert.True(stats.MutantsPerModel.ContainsKey(m), $"{m} was never mutated"));
                long accepted = stats.Outcomes["read"].GetValueOrDefault("accepted");
                long ran = stats.Outcomes.TryGetValue("run", out var run) ? run.GetValueOrDefault("accepted") : 0;
                Assert.True(accepted >= mutants / 5, $"only {accepted} of {mutants} mutants were read: the mutations are too destructive to test the other consumers");
                Assert.True(ran >= mutants / 10, $"only {ran} mutants ran in the interpreter");
                Assert.True(stats.Outcomes["read"].Count >= 8, "the reader refused with few different codes: the mutations are too shallow");
                // One in eight mutants also feeds hostile .npz data to pruning by activations and to WeightBits="auto".
                Assert.True(stats.Outcomes.TryGetValue("data", out var data) && data.Values.Sum() >= mutants / 10, "the data consumer did not run");
                Assert.True(data!.Count >= 4, "the hostile data met few different outcomes: " + string.Join(", ", data.Keys));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        /// <summary>
        /// Issue 10 §C, the CLI out of process: a few mutants through the real `mcuai` executable (analyze, generate, run),
        /// each judged by its exit code, a coded error line that names the model, no stack trace on stderr, and its peak
        /// memory. MCUAI_FUZZ_CLI_MUTANTS changes the count (each costs three process starts).
        /// </summary>
        [Fact]
        public void Mutants_through_the_mcuai_executable_exit_with_coded_errors_and_no_stack_traces()
        {
            int mutants = EnvInt("MCUAI_FUZZ_CLI_MUTANTS", 12);
            int seed = EnvInt("MCUAI_FUZZ_SEED", 20251205);
            string dir = Path.Combine(Path.GetTempPath(), "mcuai-cli-fuzz-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                string report = Path.Combine(dir, "report.md");
                var (exit, stdout, stderr) = RunFuzzer("--cli", "--mutations", mutants.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture),
                    "--models", SharedData.ModelsDir, "--report", report, "--hang-seconds", "120");
                Assert.True(File.Exists(Path.ChangeExtension(report, ".json")), $"the fuzzer wrote no report (exit {exit}): {stdout}\n{stderr}");
                var stats = JsonSerializer.Deserialize<CampaignStats>(File.ReadAllText(Path.ChangeExtension(report, ".json")))!;
                _output.WriteLine(File.ReadAllText(report));
                Assert.Equal(mutants, stats.Mutants);
                AssertNoFailures(stats, seed);
                foreach (string command in new[] { "cli-analyze", "cli-generate", "cli-run" })
                    Assert.Equal(mutants, stats.Outcomes[command].Values.Sum());
                Assert.Contains(stats.Outcomes["cli-analyze"].Keys, k => k.StartsWith("MCUAI", StringComparison.Ordinal));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        /// <summary>Every failure the goal counts except time (reported, not asserted: the machine is shared).</summary>
        private static void AssertNoFailures(CampaignStats stats, int seed)
        {
            foreach (string kind in CampaignStats.FailureKinds.Where(k => k != CampaignStats.Slow))
                Assert.True(stats.Failures(kind) == 0, $"{stats.Failures(kind)} × {kind} (seed {seed}); replay one with: dotnet run -c Release --project tests/McuAi.Fuzz -- --replay --seed {seed} --from <iteration> --mutations 1\n" +
                    string.Join("\n", stats.Examples.Where(e => e.Kind == kind).Take(5).Select(e => $"iteration {e.Iteration} ({e.Model}) {e.Consumer}: {e.Detail}\n  {e.Mutation}")));
        }

        /// <summary>The fuzzer (McuAi.Fuzz, built beside the tests) as a separate process: it starts its own workers.</summary>
        private static (int ExitCode, string Stdout, string Stderr) RunFuzzer(params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "McuAi.Fuzz.dll"));
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            // A hang guard for the whole campaign, not a speed check: hung mutants are killed and counted by the fuzzer itself.
            Assert.True(process.WaitForExit(30 * 60 * 1000), "the fuzzer did not finish in 30 minutes");
            return (process.ExitCode, stdout.Result, stderr.Result);
        }

        private static int EnvInt(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;
    }
}
