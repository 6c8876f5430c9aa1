using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace McuAi.Tests.Infrastructure
{
    /// <summary>
    /// Runs the real `mcuai` executable (built beside the tests) as users do, so exit codes, stdout and
    /// stderr are the real ones, with redirected output (progress is then plain lines).
    /// </summary>
    public static class McuaiProcess
    {
        public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mcuai.dll"));
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            // Both streams are read at once: a child blocked on a full stderr pipe would never exit.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            // A hang guard, not a speed check: quantizing with validation is the slowest command.
            Assert.True(process.WaitForExit(180_000), "mcuai did not finish in 3 minutes");
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
