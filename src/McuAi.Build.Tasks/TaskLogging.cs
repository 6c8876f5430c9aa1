using McuAi.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace McuAi.Build.Tasks
{
    /// <summary>Every diagnostic of the SDK goes through here: a code, a help keyword and a file, so users can suppress, promote and click it.</summary>
    internal static class TaskLogging
    {
        public static void LogCodedError(this TaskLoggingHelper log, string code, string? file, string message) =>
            log.LogError(null, code, code, file ?? "", 0, 0, 0, 0, message);

        public static void LogCodedWarning(this TaskLoggingHelper log, string code, string? file, string message) =>
            log.LogWarning(null, code, code, file ?? "", 0, 0, 0, 0, message);

        public static void LogMcuAi(this TaskLoggingHelper log, McuAiException e, string? fallbackFile) =>
            log.LogCodedError(e.Code, e.File ?? fallbackFile, e.Message);

        /// <summary>A diagnostic the core returned (every call into the core that takes a diagnostics list logs it here): errors and warnings keep their code and file; infos are messages at normal verbosity.</summary>
        public static void LogCoreDiagnostic(this TaskLoggingHelper log, Diagnostic d, string fallbackFile)
        {
            string file = d.File ?? fallbackFile;
            switch (d.Severity)
            {
                case DiagnosticSeverity.Error: log.LogCodedError(d.Code, file, d.Message); break;
                case DiagnosticSeverity.Warning: log.LogCodedWarning(d.Code, file, d.Message); break;
                default:
                    log.LogMessage(null, d.Code, d.Code, file, 0, 0, 0, 0, MessageImportance.Normal, file + ": info " + d.Code + ": " + d.Message);
                    break;
            }
        }
    }
}
