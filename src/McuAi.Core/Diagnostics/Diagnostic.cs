namespace McuAi.Diagnostics
{
    public enum DiagnosticSeverity
    {
        Info,
        Warning,
        Error,
    }

    /// <summary>
    /// A coded message about a file; warnings and infos are returned, errors are thrown as <see cref="McuAiException"/>.
    /// The message is made safe to print (<see cref="MessageText.Clean"/>): it may quote a hostile model.
    /// </summary>
    public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, string? File = null)
    {
        public string Message { get; init; } = MessageText.Clean(Message);

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
