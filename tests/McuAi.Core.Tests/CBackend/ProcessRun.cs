using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using McuAi.Tests.CodeGen;

namespace McuAi.Tests.CBackend
{
    /// <summary>The outcome of a process: exit code (-1 after a timeout) and its standard output and error.</summary>
    public sealed record ProcessOutcome(int ExitCode, string Output, string Error, bool TimedOut)
    {
        public string Describe(string what) => $"{what} exited with {ExitCode}{(TimedOut ? " (killed after the timeout)" : "")}:\n{Output}\n{Error}";
    }

    /// <summary>Runs a tool (found on PATH) with an argument list and a timeout, killing it when the time is up or the run is cancelled.</summary>
    public static class ProcessRun
    {
        public static async Task<ProcessOutcome> RunAsync(string tool, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
            CancellationToken cancel = default)
        {
            var start = new ProcessStartInfo(Toolchain.Find(tool) ?? tool)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var exit = process.WaitForExitAsync();
            bool timedOut = await Task.WhenAny(exit, Task.Delay(timeout, cancel)) != exit;
            if (timedOut)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                await process.WaitForExitAsync();
            }
            return new ProcessOutcome(timedOut ? -1 : process.ExitCode, await stdout, await stderr, timedOut);
        }
    }
}
