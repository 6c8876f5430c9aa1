using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using McuAi.Fuzz.Mutation;

namespace McuAi.Fuzz.Harness
{
    /// <summary>
    /// Starts worker processes (this program with --worker) over the remaining range, reads their lines, and
    /// replaces a worker that hangs past the watchdog or dies, counting that mutant as a hang or a crash.
    /// Workers run under a GC heap limit, so a runaway allocation ends as an OutOfMemoryException (an
    /// uncoded exception) instead of taking the machine's memory.
    /// </summary>
    internal static class Supervisor
    {
        public static int Run(Options options)
        {
            var factory = new MutantFactory(SeedModel.LoadFolder(options.Models), options.Seed);
            var stats = new CampaignStats { Seed = options.Seed, FirstIteration = options.From, EveryConsumerEvery = options.EveryConsumerEvery };
            long next = options.From, end = options.From + options.Mutations;
            var clock = Stopwatch.StartNew();
            var lastReport = Stopwatch.StartNew();
            Console.WriteLine($"fuzzing {options.Mutations:N0} mutants of {factory.Models.Count} models from {options.Models}, seed {options.Seed}; report: {options.Report}");
            while (next < end)
            {
                using var worker = Start(options, next, end - next);
                var lines = new BlockingCollection<string>();
                var stderr = new StringBuilder();
                worker.OutputDataReceived += (_, e) => { if (e.Data is null) lines.CompleteAdding(); else lines.Add(e.Data); };
                worker.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) { stderr.Append(e.Data).Append('\n'); if (stderr.Length > 8192) stderr.Remove(0, stderr.Length - 8192); } };
                worker.BeginOutputReadLine();
                worker.BeginErrorReadLine();
                long current = -1;
                var since = Stopwatch.StartNew();
                TimeSpan? cpuAtBegin = null;
                while (true)
                {
                    if (lines.TryTake(out var line, 1000))
                    {
                        if (line.StartsWith("B ", StringComparison.Ordinal))
                        {
                            current = long.Parse(line.AsSpan(2), CultureInfo.InvariantCulture);
                            since.Restart();
                            cpuAtBegin = null;
                        }
                        else if (line.StartsWith("F ", StringComparison.Ordinal))
                        {
                            // "F <iteration> <error>": the factory could not make the mutant (a bug of the fuzzer, not of the product).
                            var parts = line.Split(' ', 3);
                            long iteration = long.Parse(parts[1], CultureInfo.InvariantCulture);
                            stats.AddLost(iteration, "?", CampaignStats.FuzzerError, parts.Length > 2 ? parts[2] : "", "");
                            Console.WriteLine($"iteration {iteration}: {CampaignStats.FuzzerError}: {(parts.Length > 2 ? parts[2] : "")}");
                            next = iteration + 1;
                            current = -1;
                        }
                        else if (line.StartsWith("D ", StringComparison.Ordinal))
                        {
                            var result = WorkerLine.Decode(line.Substring(2));
                            stats.Add(result);
                            next = result.Iteration + 1;
                            current = -1;
                        }
                    }
                    else if (lines.IsCompleted)
                    {
                        worker.WaitForExit();
                        if (current >= 0)
                        {
                            string tail;
                            lock (stderr) tail = stderr.ToString();
                            Lost(stats, factory, current, CampaignStats.Crash, $"exit code {worker.ExitCode}: {Last(tail, 600)}");
                            next = current + 1;
                        }
                        break;
                    }
                    else if (current >= 0 && Stuck(worker, since, ref cpuAtBegin, options.HangSeconds) is { } how)
                    {
                        worker.Kill(entireProcessTree: true);
                        worker.WaitForExit();
                        Lost(stats, factory, current, CampaignStats.Hang, how);
                        next = current + 1;
                        break;
                    }
                    if (lastReport.Elapsed.TotalSeconds >= 60)
                    {
                        stats.Seconds = clock.Elapsed.TotalSeconds;
                        WriteReport(options, stats, final: false);
                        lastReport.Restart();
                    }
                }
            }
            stats.Seconds = clock.Elapsed.TotalSeconds;
            WriteReport(options, stats, final: true);
            Console.WriteLine(stats.ToMarkdown());
            long failures = 0;
            foreach (string kind in CampaignStats.FailureKinds)
                failures += stats.Failures(kind);
            return failures == 0 ? 0 : 1;
        }

        /// <summary>
        /// Why the worker counts as hung on its current mutant, or null: more than <paramref name="seconds"/> of
        /// processor time on it, or ten times that in wall time (a loaded machine slows everyone; a hang does not end).
        /// </summary>
        private static string? Stuck(Process worker, Stopwatch since, ref TimeSpan? cpuAtBegin, int seconds)
        {
            worker.Refresh();
            TimeSpan cpu;
            try { cpu = worker.TotalProcessorTime; }
            catch (InvalidOperationException) { return null; } // exited meanwhile: the output loop will see it
            cpuAtBegin ??= cpu;
            double used = (cpu - cpuAtBegin.Value).TotalSeconds;
            if (used > seconds) return $"still running after {used:F0} s of processor time";
            if (since.Elapsed.TotalSeconds > 10.0 * seconds) return $"still running after {since.Elapsed.TotalSeconds:F0} s";
            return null;
        }

        private static Process Start(Options options, long from, long count)
        {
            // Under "dotnet McuAi.Fuzz.dll" the process is dotnet itself: pass the assembly again.
            string host = Environment.ProcessPath ?? "dotnet";
            var info = new ProcessStartInfo(host)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (Path.GetFileNameWithoutExtension(host) == "dotnet") info.ArgumentList.Add(typeof(Supervisor).Assembly.Location);
            foreach (string a in options.WorkerArguments(from, count)) info.ArgumentList.Add(a);
            // Dynamic PGO instruments hot code before re-compiling it; across the thousands of short consumer runs of a worker
            // that instrumentation cost a third of the processor time (measured: 2,000 mutants, 30 s -> 20 s) and finds nothing.
            info.Environment["DOTNET_TieredPGO"] = "0";
            // A larger allocation budget between collections: fewer collections of the mutants' short-lived megabytes
            // (measured with --mutants-only: 1.31 -> 1.15 ms of processor time per mutant).
            info.Environment["DOTNET_GCgen0size"] = "0x10000000";
            info.Environment["DOTNET_GCHeapHardLimit"] = ((long)options.HeapLimitMb * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
            return Process.Start(info) ?? throw new InvalidOperationException("cannot start a worker");
        }

        private static void Lost(CampaignStats stats, MutantFactory factory, long iteration, string kind, string detail)
        {
            // Made again only to describe it; a mutant the factory cannot make was reported by the worker already.
            Mutant? mutant = null;
            try { mutant = factory.Create(iteration); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException) { }
            stats.AddLost(iteration, mutant?.Model ?? "?", kind, detail, mutant?.Description ?? "");
            Console.WriteLine($"iteration {iteration} ({mutant?.Model ?? "?"}): {kind}: {detail}");
        }

        private static string Last(string text, int characters) => text.Length <= characters ? text : text.Substring(text.Length - characters);

        private static void WriteReport(Options options, CampaignStats stats, bool final)
        {
            string header = $"# Structure-aware fuzzing: {(final ? "final" : "in progress")}\n\n";
            File.WriteAllText(options.Report, header + stats.ToMarkdown());
            File.WriteAllText(Path.ChangeExtension(options.Report, ".json"), JsonSerializer.Serialize(stats, new JsonSerializerOptions { WriteIndented = true }));
        }
    }
}
