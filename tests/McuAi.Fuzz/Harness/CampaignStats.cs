using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace McuAi.Fuzz.Harness
{
    /// <summary>An example kept for the report: enough to replay it (seed, iteration) and to see what broke.</summary>
    public sealed record Finding(string Kind, long Iteration, string Model, string Consumer, string Detail, string Mutation);

    /// <summary>
    /// The figures of a campaign: outcomes per consumer, and the failures the goal counts — uncoded
    /// exceptions, bad diagnostics, format refusals after the reader accepted, runs over the time and
    /// memory limits, hangs and crashes of the worker process. A "run" is one consumer on one mutant; its
    /// time is processor time (the machine is shared: wall time is reported beside it, not judged).
    /// </summary>
    public sealed class CampaignStats
    {
        public const double SlowMilliseconds = 2000;
        public const long LargeBytes = 500L * 1024 * 1024;
        private const int ExamplesPerKind = 40;

        public int Seed { get; set; }
        public long FirstIteration { get; set; }
        /// <summary>Every this many mutants went through every consumer, the others through the structure tier (1: all of them).</summary>
        public long EveryConsumerEvery { get; set; } = 1;
        public long Mutants { get; set; }
        public long Runs { get; set; }
        public double Seconds { get; set; }
        public Dictionary<string, Dictionary<string, long>> Outcomes { get; set; } = new();
        public Dictionary<string, long> FailureCounts { get; set; } = new();
        /// <summary>Distinct crash sites: consumer + exception type + first stack frame → count.</summary>
        public Dictionary<string, long> UncodedKinds { get; set; } = new();
        public Dictionary<string, double> MaxMilliseconds { get; set; } = new();
        /// <summary>Processor time per consumer over the campaign: where a long run's time goes.</summary>
        public Dictionary<string, double> TotalMilliseconds { get; set; } = new();
        public Dictionary<string, double> MaxWallMilliseconds { get; set; } = new();
        public Dictionary<string, long> MaxAllocatedBytes { get; set; } = new();
        public Dictionary<string, long> MutantsPerModel { get; set; } = new();
        public List<Finding> Examples { get; set; } = new();

        public long Failures(string kind) => FailureCounts.TryGetValue(kind, out long n) ? n : 0;

        public const string Uncoded = "uncoded exception", BadDiagnostic = "bad diagnostic or output", Inconsistent = "format refusal after the reader accepted",
            Slow = "run over 2 s", Large = "run over 500 MB", Hang = "hang (worker killed)", Crash = "worker process died",
            FuzzerError = "fuzzer error (mutant not made)";

        /// <summary>Every kind of failure, in report order.</summary>
        public static readonly string[] FailureKinds = { Uncoded, BadDiagnostic, Inconsistent, Slow, Large, Hang, Crash, FuzzerError };

        public void Add(MutantResult result)
        {
            Mutants++;
            Bump(MutantsPerModel, result.Model);
            foreach (var run in result.Runs)
            {
                if (run.Outcome == Outcome.Skipped) continue;
                Runs++;
                if (!Outcomes.TryGetValue(run.Consumer, out var byKey)) Outcomes[run.Consumer] = byKey = new Dictionary<string, long>();
                Bump(byKey, run.Key);
                MaxMilliseconds[run.Consumer] = Math.Max(MaxMilliseconds.GetValueOrDefault(run.Consumer), run.Milliseconds);
                TotalMilliseconds[run.Consumer] = TotalMilliseconds.GetValueOrDefault(run.Consumer) + run.Milliseconds;
                MaxWallMilliseconds[run.Consumer] = Math.Max(MaxWallMilliseconds.GetValueOrDefault(run.Consumer), run.WallMilliseconds);
                MaxAllocatedBytes[run.Consumer] = Math.Max(MaxAllocatedBytes.GetValueOrDefault(run.Consumer), run.AllocatedBytes);
                if (run.Outcome == Outcome.Uncoded)
                {
                    Record(Uncoded, result, run.Consumer, run.Detail ?? "");
                    Bump(UncodedKinds, $"{run.Consumer}: {CrashSite(run.Detail ?? run.Code)}");
                }
                if (run.Outcome == Outcome.BadDiagnostic) Record(BadDiagnostic, result, run.Consumer, run.Detail ?? "");
                if (run.Milliseconds > SlowMilliseconds)
                    Record(Slow, result, run.Consumer, string.Format(CultureInfo.InvariantCulture, "{0:F0} ms processor time, {1:F0} ms wall ({2})", run.Milliseconds, run.WallMilliseconds, run.Key));
                if (run.AllocatedBytes > LargeBytes)
                    Record(Large, result, run.Consumer, string.Format(CultureInfo.InvariantCulture, "{0:F0} MB allocated ({1})", run.AllocatedBytes / 1048576.0, run.Key));
            }
            if (result.Inconsistency is not null) Record(Inconsistent, result, "", result.Inconsistency);
        }

        /// <summary>A mutant the worker did not finish: it hung past the watchdog or took the process down.</summary>
        public void AddLost(long iteration, string model, string kind, string detail, string mutation)
        {
            Mutants++;
            Bump(MutantsPerModel, model);
            Record(kind, new MutantResult(iteration, model, 0, mutation, Array.Empty<ConsumerRun>(), null), "", detail);
        }

        public void Merge(CampaignStats other)
        {
            Mutants += other.Mutants;
            Runs += other.Runs;
            Seconds += other.Seconds;
            foreach (var (consumer, byKey) in other.Outcomes)
            {
                if (!Outcomes.TryGetValue(consumer, out var mine)) Outcomes[consumer] = mine = new Dictionary<string, long>();
                foreach (var (k, n) in byKey) Bump(mine, k, n);
            }
            foreach (var (k, n) in other.FailureCounts) Bump(FailureCounts, k, n);
            foreach (var (k, n) in other.UncodedKinds) Bump(UncodedKinds, k, n);
            foreach (var (k, n) in other.MutantsPerModel) Bump(MutantsPerModel, k, n);
            foreach (var (k, v) in other.MaxMilliseconds) MaxMilliseconds[k] = Math.Max(MaxMilliseconds.GetValueOrDefault(k), v);
            foreach (var (k, v) in other.TotalMilliseconds) TotalMilliseconds[k] = TotalMilliseconds.GetValueOrDefault(k) + v;
            foreach (var (k, v) in other.MaxWallMilliseconds) MaxWallMilliseconds[k] = Math.Max(MaxWallMilliseconds.GetValueOrDefault(k), v);
            foreach (var (k, v) in other.MaxAllocatedBytes) MaxAllocatedBytes[k] = Math.Max(MaxAllocatedBytes.GetValueOrDefault(k), v);
            foreach (var e in other.Examples)
                if (Examples.Count(x => x.Kind == e.Kind) < ExamplesPerKind) Examples.Add(e);
        }

        private void Record(string kind, MutantResult result, string consumer, string detail)
        {
            Bump(FailureCounts, kind);
            if (Examples.Count(e => e.Kind == kind) < ExamplesPerKind)
                Examples.Add(new Finding(kind, result.Iteration, result.Model, consumer, detail, result.Description.Length > 600 ? result.Description.Substring(0, 600) : result.Description));
        }

        private static string CrashSite(string detail)
        {
            // "Type: message | at A.B(...) | ..." → "Type at A.B"
            var parts = detail.Split(" | ");
            string type = parts[0].Split(':')[0];
            string frame = parts.Skip(1).FirstOrDefault(p => p.StartsWith("at McuAi", StringComparison.Ordinal)) ?? parts.Skip(1).FirstOrDefault() ?? "";
            int paren = frame.IndexOf('(');
            return $"{type} {(paren > 0 ? frame.Substring(0, paren) : frame)}";
        }

        private static void Bump(Dictionary<string, long> d, string key, long by = 1) => d[key] = d.GetValueOrDefault(key) + by;

        /// <summary>The figures as Markdown, for the long run's report and the test log.</summary>
        public string ToMarkdown()
        {
            var s = new StringBuilder();
            string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
            s.Append($"- mutants: {N(Mutants)} (seed {Seed}, iterations {N(FirstIteration)} to {N(FirstIteration + Mutants - 1)}), consumer runs: {N(Runs)}, {N(Seconds)} s\n");
            if (EveryConsumerEvery > 1)
                s.Append($"- every mutant through the structure tier (read, analyze, plan, run); one in {N(EveryConsumerEvery)} through every consumer\n");
            foreach (string kind in FailureKinds)
                s.Append($"- {kind}: {N(Failures(kind))}\n");
            s.Append("\n| consumer | runs | mean processor ms | max processor ms | max wall ms | max MB allocated | outcomes |\n|---|---:|---:|---:|---:|---:|---|\n");
            foreach (var (consumer, byKey) in Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
                s.Append($"| {consumer} | {N(byKey.Values.Sum())} | {(TotalMilliseconds.GetValueOrDefault(consumer) / Math.Max(1, byKey.Values.Sum())).ToString("F2", CultureInfo.InvariantCulture)} | {N(MaxMilliseconds.GetValueOrDefault(consumer))} | {N(MaxWallMilliseconds.GetValueOrDefault(consumer))} | " +
                         $"{(MaxAllocatedBytes.GetValueOrDefault(consumer) / 1048576.0).ToString("F1", CultureInfo.InvariantCulture)} | " +
                         string.Join(", ", byKey.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {N(k.Value)}")) + " |\n");
            if (UncodedKinds.Count > 0)
            {
                s.Append("\nUncoded exceptions by site:\n\n");
                foreach (var (k, n) in UncodedKinds.OrderByDescending(k => k.Value)) s.Append($"- {N(n)} × {k}\n");
            }
            if (Examples.Count > 0)
            {
                s.Append("\nExamples (replay with --seed and --from):\n\n");
                foreach (var e in Examples.OrderBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Iteration))
                    s.Append($"- [{e.Kind}] iteration {e.Iteration} ({e.Model}) {e.Consumer}: {e.Detail}\n  mutation: {e.Mutation}\n");
            }
            s.Append("\nMutants per model: " + string.Join(", ", MutantsPerModel.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} {N(m.Value)}")) + "\n");
            return s.ToString();
        }
    }
}
