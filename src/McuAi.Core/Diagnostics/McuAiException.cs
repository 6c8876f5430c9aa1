using System;

namespace McuAi.Diagnostics
{
    /// <summary>
    /// A failure the user can act on. Every instance carries an MCUAI code, the file it concerns
    /// and a message that says what to do. The CLI and the MSBuild tasks turn it into a coded error.
    /// The message is made safe to print (<see cref="MessageText.Clean"/>): it may quote a hostile model.
    /// </summary>
    public sealed class McuAiException : Exception
    {
        public McuAiException(string code, string? file, string message, Exception? inner = null)
            : base(MessageText.Clean(message), inner)
        {
            Code = code;
            File = file;
        }

        /// <summary>The diagnostic code, such as <c>MCUAI0001</c>.</summary>
        public string Code { get; }

        /// <summary>The file the problem is in (a model, a data file, a project), when known.</summary>
        public string? File { get; }

        /// <summary>The 1-based line in <see cref="File"/> the problem is at (a template error), or 0 for the whole file.</summary>
        public int Line { get; init; }

        /// <summary>The 1-based column on <see cref="Line"/>, or 0.</summary>
        public int Column { get; init; }

        /// <summary>The diagnostic as one line: <c>file: error MCUAI0001: message</c>.</summary>
        public override string ToString() => File is null ? $"error {Code}: {Message}" : $"{File}: error {Code}: {Message}";

        public Diagnostic ToDiagnostic() => new Diagnostic(Code, DiagnosticSeverity.Error, Message, File);
    }
}
