using System.Linq;
using System.Text.Json;

namespace McuAi.Fuzz.Harness
{
    /// <summary>
    /// One mutant's result on one line of the worker's output, as JSON. The mutation and the details are
    /// kept only when something went wrong (they are what a report shows); the figures always.
    /// </summary>
    internal static class WorkerLine
    {
        public static string Encode(MutantResult result)
        {
            bool notable = result.Inconsistency is not null || result.Runs.Any(r =>
                r.Outcome is Outcome.Uncoded or Outcome.BadDiagnostic || r.Milliseconds > CampaignStats.SlowMilliseconds || r.AllocatedBytes > CampaignStats.LargeBytes);
            var slim = notable ? result : result with
            {
                Description = "",
                Runs = result.Runs.Select(r => r with { Detail = null }).ToArray(),
            };
            return JsonSerializer.Serialize(slim);
        }

        public static MutantResult Decode(string json) => JsonSerializer.Deserialize<MutantResult>(json)!;
    }
}
