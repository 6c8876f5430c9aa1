using System;
using System.Diagnostics;
using System.Threading;
using McuAi.Fuzz.Mutation;

namespace McuAi.Fuzz.Harness
{
    /// <summary>
    /// Runs mutants <c>from</c> .. <c>from + count - 1</c> in this process, one after the other, on a thread of
    /// their own with a watchdog: a mutant still running after <c>hangAfter</c> stops the campaign and is
    /// reported as a hang (a thread cannot be killed; the long-run tool isolates workers in processes instead).
    /// </summary>
    public static class Campaign
    {
        public static CampaignStats Run(MutantFactory factory, int seed, long from, long count, TimeSpan hangAfter, Action<MutantResult>? observe = null)
        {
            var stats = new CampaignStats { Seed = seed, FirstIteration = from };
            long current = -1;
            Exception? failure = null;
            var clock = Stopwatch.StartNew();
            var worker = new Thread(() =>
            {
                try
                {
                    for (long i = from; i < from + count; i++)
                    {
                        Interlocked.Exchange(ref current, i);
                        var result = Consumers.Run(factory.Create(i), dataSeeds: i % 8 == 0 ? factory.Models : null);
                        lock (stats) stats.Add(result);
                        observe?.Invoke(result);
                    }
                    Interlocked.Exchange(ref current, -1);
                }
                catch (Exception e)
                {
                    failure = e; // a bug of the harness itself (the consumers' exceptions are classified, not thrown)
                }
            }, 8 * 1024 * 1024) { IsBackground = true, Name = "fuzz campaign" };
            worker.Start();

            long watched = -1;
            var since = Stopwatch.StartNew();
            while (!worker.Join(200))
            {
                long now = Interlocked.Read(ref current);
                if (now != watched)
                {
                    watched = now;
                    since.Restart();
                }
                else if (since.Elapsed > hangAfter)
                {
                    var mutant = factory.Create(now);
                    lock (stats) stats.AddLost(now, mutant.Model, CampaignStats.Hang, $"still running after {hangAfter.TotalSeconds:0} s", mutant.Description);
                    break;
                }
            }
            if (failure is not null) throw new InvalidOperationException("the fuzz harness failed", failure);
            lock (stats)
            {
                stats.Seconds = clock.Elapsed.TotalSeconds;
                return stats;
            }
        }
    }
}
