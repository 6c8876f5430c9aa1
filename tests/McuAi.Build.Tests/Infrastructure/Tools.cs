using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace McuAi.Build.Tests.Infrastructure
{
    /// <summary>The result of one external process.</summary>
    public sealed record ProcessResult(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
        public override string ToString() => $"exit code {ExitCode}\n{Output}";
    }

    /// <summary>Runs programs (dotnet, g++, cmake) and finds out which are installed.</summary>
    public static class Tools
    {
        public static ProcessResult Run(string program, IEnumerable<string> arguments, string workingDirectory,
            IDictionary<string, string>? environment = null, int timeoutSeconds = 600)
        {
            var start = new ProcessStartInfo(program)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in arguments) start.ArgumentList.Add(a);
            if (environment is not null)
                foreach (var (key, value) in environment)
                {
                    if (value.Length == 0) start.Environment.Remove(key);
                    else start.Environment[key] = value;
                }
            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeoutSeconds * 1000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} did not finish in {timeoutSeconds} s:\n{output}");
            }
            process.WaitForExit();
            lock (output) return new ProcessResult(process.ExitCode, output.ToString());
        }

        /// <summary>
        /// A PATH on which the programs whose names start with <paramref name="hiddenPrefix"/> are missing (as on a
        /// machine without that toolchain): one folder in <paramref name="folder"/> with a link to every other program of PATH.
        /// </summary>
        public static string PathWithout(string hiddenPrefix, string folder)
        {
            Directory.CreateDirectory(folder);
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                if (dir.Length == 0 || !Directory.Exists(dir)) continue;
                foreach (string program in Directory.GetFiles(dir))
                {
                    string name = Path.GetFileName(program);
                    string link = Path.Combine(folder, name);
                    if (name.StartsWith(hiddenPrefix, StringComparison.Ordinal) || File.Exists(link)) continue;
                    File.CreateSymbolicLink(link, program);
                }
            }
            return folder;
        }
    }
}
