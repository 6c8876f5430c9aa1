using System;

namespace McuAi.Fuzz.Harness
{
    public enum Outcome
    {
        /// <summary>The consumer accepted the mutant and did its work.</summary>
        Accepted,
        /// <summary>A coded error (McuAiException) that names the file: the wanted refusal.</summary>
        Coded,
        /// <summary>Anything else escaped: a crash of the product.</summary>
        Uncoded,
        /// <summary>A coded error, but without the file, with an unsanitised or overlong message, or output that fails a check.</summary>
        BadDiagnostic,
        /// <summary>The consumer did not run (an earlier one refused, or the mutant has nothing for it).</summary>
        Skipped,
    }

    /// <summary>
    /// One consumer on one mutant: what happened, the processor time it took (all threads of the process;
    /// on a shared machine wall time measures the neighbours), the wall time, and the bytes it allocated.
    /// </summary>
    public sealed record ConsumerRun(string Consumer, Outcome Outcome, string Code, double Milliseconds, long AllocatedBytes, string? Detail = null,
        double WallMilliseconds = 0)
    {
        /// <summary>The short form counted in reports: "Accepted", "MCUAI0004", "Uncoded:InvalidOperationException".</summary>
        public string Key => Outcome switch
        {
            Outcome.Accepted => "accepted",
            Outcome.Skipped => "skipped",
            _ => Code,
        };
    }

    /// <summary>Everything that happened to one mutant.</summary>
    public sealed record MutantResult(long Iteration, string Model, int Bytes, string Description, ConsumerRun[] Runs, string? Inconsistency)
    {
        public double TotalMilliseconds
        {
            get
            {
                double sum = 0;
                foreach (var r in Runs) sum += r.Milliseconds;
                return sum;
            }
        }

        public ConsumerRun? Slowest
        {
            get
            {
                ConsumerRun? max = null;
                foreach (var r in Runs) if (max is null || r.Milliseconds > max.Milliseconds) max = r;
                return max;
            }
        }

        public long MaxAllocated
        {
            get
            {
                long max = 0;
                foreach (var r in Runs) max = Math.Max(max, r.AllocatedBytes);
                return max;
            }
        }
    }
}
