using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using McuAi.Fuzz.Harness;
using McuAi.Fuzz.Mutation;

namespace McuAi.Fuzz
{
    /// <summary>
    /// The long-run mode of the structure-aware fuzzer (docs/format.md, "Fuzzing"):
    /// <code>
    /// dotnet run -c Release --project tests/McuAi.Fuzz -- --mutations 1000000 [--seed 1] [--from 0]
    ///     [--models ../shared/models] [--report fuzz-report.md] [--hang-seconds 30] [--heap-limit-mb 2048]
    ///     [--every-consumer-every 1]
    /// </code>
    /// With --every-consumer-every K, every mutant goes through the structure tier (reader, analysis, arena planner,
    /// interpreter) and those whose iteration is divisible by K through every consumer (see Consumers.Run). With --cli the
    /// mutants go through the real `mcuai` executable instead (CliConsumers: analyze, generate, run; exit codes, coded
    /// messages, no stack traces, processor time and peak memory of each process).
    /// A supervisor starts a worker process that runs the mutants and reports each one on a line; a worker
    /// that hangs past the watchdog or dies (stack overflow, out of memory under the heap limit) is
    /// replaced, the mutant counted as a failure, and the campaign goes on with the next one. The report
    /// (Markdown and JSON beside it) is rewritten every minute and at the end. With --replay the mutants
    /// run in this process and each is printed with its mutations and every consumer's outcome.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var options = Options.Parse(args);
            if (options is null)
            {
                Console.Error.WriteLine("usage: McuAi.Fuzz --mutations N [--seed S] [--from I] [--models DIR] [--report FILE.md] [--hang-seconds T] [--heap-limit-mb M] [--every-consumer-every K] [--cli] [--replay]");
                return 2;
            }
            if (options.Worker) return Worker.Run(options);
            if (options.MutantsOnly) return MutantsOnly.Run(options);
            if (options.Replay) return Replay.Run(options);
            return Supervisor.Run(options);
        }
    }

    internal sealed class Options
    {
        public long Mutations { get; private set; } = 10_000;
        public int Seed { get; private set; } = 1;
        public long From { get; private set; }
        public string Models { get; private set; } = DefaultModels();
        public string Report { get; private set; } = "fuzz-report.md";
        public int HangSeconds { get; private set; } = 30;
        public int HeapLimitMb { get; private set; } = 2048;
        public bool Worker { get; private set; }
        public bool Replay { get; private set; }
        /// <summary>Every this many mutants (iteration divisible by it) go through every consumer; the others through the structure tier only.</summary>
        public long EveryConsumerEvery { get; private set; } = 1;

        public bool EveryConsumer(long iteration) => iteration % EveryConsumerEvery == 0;

        /// <summary>The mutants go through the real `mcuai` executable (analyze, generate, run) instead of the in-process consumers.</summary>
        public bool Cli { get; private set; }

        /// <summary>Only make the mutants (no consumer): what the fuzzer itself costs per mutant, and a check of the factory.</summary>
        public bool MutantsOnly { get; private set; }

        /// <summary>One mutant as this campaign runs it: in process through the consumers, or through the executable.</summary>
        public MutantResult RunOne(Mutation.MutantFactory factory, Mutation.Mutant mutant) =>
            Cli ? CliConsumers.Run(mutant, Path.GetDirectoryName(SimplifyInput.Path)!)
                : Consumers.Run(mutant, EveryConsumer(mutant.Iteration), WithData(mutant.Iteration) ? factory.Models : null);

        /// <summary>One in eight of the mutants that go through every consumer also feed the data consumer (hostile .npz).</summary>
        public bool WithData(long iteration) => EveryConsumer(iteration) && iteration / EveryConsumerEvery % 8 == 0;

        public static Options? Parse(string[] args)
        {
            var o = new Options();
            for (int i = 0; i < args.Length; i++)
            {
                string? Next() => i + 1 < args.Length ? args[++i] : null;
                long? Number() => long.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : null;
                switch (args[i])
                {
                    case "--mutations": if (Number() is long m) o.Mutations = m; else return null; break;
                    case "--seed": if (Number() is long s) o.Seed = (int)s; else return null; break;
                    case "--from": if (Number() is long f) o.From = f; else return null; break;
                    case "--every-consumer-every": if (Number() is long e && e > 0) o.EveryConsumerEvery = e; else return null; break;
                    case "--hang-seconds": if (Number() is long h) o.HangSeconds = (int)h; else return null; break;
                    case "--heap-limit-mb": if (Number() is long l) o.HeapLimitMb = (int)l; else return null; break;
                    case "--models": o.Models = Next() ?? ""; break;
                    case "--report": o.Report = Next() ?? ""; break;
                    case "--worker": o.Worker = true; break;
                    case "--replay": o.Replay = true; break;
                    case "--cli": o.Cli = true; break;
                    case "--mutants-only": o.MutantsOnly = true; break;
                    default: return null;
                }
            }
            return o;
        }

        public IEnumerable<string> WorkerArguments(long from, long count) =>
            new[]
            {
                "--worker", "--seed", Seed.ToString(CultureInfo.InvariantCulture), "--from", from.ToString(CultureInfo.InvariantCulture),
                "--mutations", count.ToString(CultureInfo.InvariantCulture), "--models", Models,
                "--every-consumer-every", EveryConsumerEvery.ToString(CultureInfo.InvariantCulture),
            }.Concat(Cli ? new[] { "--cli" } : Array.Empty<string>());

        /// <summary>../shared/models beside the repository that holds this program.</summary>
        private static string DefaultModels()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "McuAi.Build.sln"))) return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "models"));
            return "models";
        }
    }

    /// <summary>Runs a range of mutants and prints "begin" and "done" lines that the supervisor reads.</summary>
    internal static class Worker
    {
        public static int Run(Options options)
        {
            var factory = new MutantFactory(SeedModel.LoadFolder(options.Models), options.Seed);
            var output = Console.Out;
            for (long i = options.From; i < options.From + options.Mutations; i++)
            {
                output.WriteLine("B " + i.ToString(CultureInfo.InvariantCulture));
                output.Flush();
                Mutant mutant;
                try
                {
                    mutant = factory.Create(i);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
                {
                    // A bug of the fuzzer's own mutations: reported and skipped, so that one bad mutation does not end the run.
                    output.WriteLine($"F {i.ToString(CultureInfo.InvariantCulture)} {e.GetType().Name}: {e.Message.Replace('\n', ' ')}");
                    output.Flush();
                    continue;
                }
                var result = options.RunOne(factory, mutant);
                output.WriteLine("D " + WorkerLine.Encode(result));
                output.Flush();
            }
            return 0;
        }
    }

    /// <summary>Makes the mutants and nothing else, and prints how long that took per mutant and any the factory failed on.</summary>
    internal static class MutantsOnly
    {
        public static int Run(Options options)
        {
            var factory = new MutantFactory(SeedModel.LoadFolder(options.Models), options.Seed);
            var cpu = Environment.CpuUsage.TotalTime;
            int failed = 0;
            for (long i = options.From; i < options.From + options.Mutations; i++)
            {
                try
                {
                    factory.Create(i);
                }
                catch (Exception e)
                {
                    failed++;
                    Console.WriteLine($"iteration {i}: {e.GetType().Name}: {e.Message}");
                }
            }
            double ms = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
            Console.WriteLine($"{options.Mutations:N0} mutants in {ms:N0} ms of processor time ({ms / options.Mutations:F3} ms each), {failed} failed");
            return failed == 0 ? 0 : 1;
        }
    }

    /// <summary>Runs mutants in this process and prints everything about each one: for reproducing a finding.</summary>
    internal static class Replay
    {
        public static int Run(Options options)
        {
            var factory = new MutantFactory(SeedModel.LoadFolder(options.Models), options.Seed);
            for (long i = options.From; i < options.From + options.Mutations; i++)
            {
                var mutant = factory.Create(i);
                Console.WriteLine($"iteration {i} ({mutant.Model}, {mutant.Bytes.Length:N0} bytes): {mutant.Description}");
                Console.Out.Flush();
                var result = options.RunOne(factory, mutant);
                foreach (var r in result.Runs)
                    Console.WriteLine($"  {r.Consumer,-9} {r.Key,-40} {r.Milliseconds,9:F1} ms {r.AllocatedBytes / 1048576.0,8:F1} MB  {r.Detail}");
                if (result.Inconsistency is not null) Console.WriteLine("  inconsistent: " + result.Inconsistency);
            }
            return 0;
        }
    }
}
