namespace McuAi.Diagnostics
{
    public enum DiagnosticSeverity
    {
        Info,
        Warning,
        Error,
    }

    /// <summary>A coded message about a file; warnings and infos are returned, errors are thrown as <see cref="McuAiException"/>.</summary>
    public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, string? File = null)
    {
        public override string ToString()
        {
            string severity = Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => "info",
            };
            return File is null ? $"{severity} {Code}: {Message}" : $"{File}: {severity} {Code}: {Message}";
        }
    }
}
