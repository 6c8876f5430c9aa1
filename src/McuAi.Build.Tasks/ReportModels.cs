using System;
using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using McuAi.Diagnostics;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// The always-running last step: one summary line per model (shown at the default verbosity) and the project's flash and RAM budgets.
    /// Reads only the small summary files, so a no-op build stays fast and a budget error cannot be
    /// "fixed" by building twice.
    /// </summary>
    public sealed class McuAiReportModels : Task
    {
        [Required] public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();
        [Required] public string ProjectFile { get; set; } = "";
        /// <summary>$(McuAiFlashBudget): bytes, or empty for no budget.</summary>
        public string FlashBudget { get; set; } = "";
        /// <summary>$(McuAiRamBudget): bytes, or empty for no budget.</summary>
        public string RamBudget { get; set; } = "";

        public override bool Execute()
        {
            long? flashBudget = ParseBudget("McuAiFlashBudget", FlashBudget);
            long? ramBudget = ParseBudget("McuAiRamBudget", RamBudget);
            long flash = 0, arena = 0;
            foreach (var item in Models)
            {
                var summary = ModelSummary.TryRead(item.GetMetadata("SummaryFile"));
                if (summary is null) continue;
                // One concise line per model at the default verbosity (the budget errors point at these lines); details at normal.
                Log.LogMessage(MessageImportance.High, summary.Line());
                Log.LogMessage(MessageImportance.Normal, summary.DetailLine());
                flash += summary.FlashBytes;
                arena += summary.ArenaBytes;
            }
            var inv = CultureInfo.InvariantCulture;
            if (flashBudget is long f && flash > f)
                Log.LogCodedError(DiagnosticCodes.FlashBudgetExceeded, ProjectFile, string.Format(inv,
                    "the models need {0:N0} bytes of flash but McuAiFlashBudget is {1:N0}. Use smaller models, raise the budget, or check the per-model summary lines.", flash, f));
            if (ramBudget is long r && arena > r)
                Log.LogCodedError(DiagnosticCodes.RamBudgetExceeded, ProjectFile, string.Format(inv,
                    "the models' tensor arenas need {0:N0} bytes of RAM but McuAiRamBudget is {1:N0}. Use smaller models, lower ArenaMargin, or raise the budget.", arena, r));
            return !Log.HasLoggedErrors;
        }

        private long? ParseBudget(string name, string text)
        {
            text = text.Trim();
            if (text.Length == 0) return null;
            string digits = text;
            long multiplier = 1;
            if (text.EndsWith("K", StringComparison.OrdinalIgnoreCase)) { multiplier = 1024; digits = text.Substring(0, text.Length - 1); }
            else if (text.EndsWith("M", StringComparison.OrdinalIgnoreCase)) { multiplier = 1024 * 1024; digits = text.Substring(0, text.Length - 1); }
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value)) return value * multiplier;
            Log.LogCodedError(DiagnosticCodes.InvalidProjectProperty, ProjectFile,
                $"{name}='{text}' is not a number of bytes. Write it as bytes (262144) or with K or M (256K, 1M).");
            return null;
        }
    }
}
