using McuAi.Diagnostics;
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

        /// <summary>A core error; a template error also gets its line and column, so the IDE opens the template there.</summary>
        public static void LogMcuAi(this TaskLoggingHelper log, McuAiException e, string? fallbackFile) =>
            log.LogError(null, e.Code, e.Code, e.File ?? fallbackFile ?? "", e.Line, e.Column, 0, 0, e.Message);
    }
}
