using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using McuAi.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// Runs cmake (configure or build) and turns compiler and CMake diagnostics in its output into MSBuild
    /// errors and warnings with file and line. Other output is logged at normal verbosity.
    /// </summary>
    public sealed class McuAiRunCMake : Task
    {
        [Required] public string[] Arguments { get; set; } = Array.Empty<string>();
        public string CMakeExecutable { get; set; } = "cmake";
        /// <summary>Relative paths in CMake's messages are relative to this folder (the CMake source dir).</summary>
        public string SourceDirectory { get; set; } = "";
        /// <summary>"configure" or "build": named in messages.</summary>
        public string Phase { get; set; } = "build";
        /// <summary>Importance of CMake's ordinary output: normal by default.</summary>
        public string OutputImportance { get; set; } = "normal";

        public override bool Execute()
        {
            var importance = OutputImportance.Equals("high", StringComparison.OrdinalIgnoreCase) ? MessageImportance.High
                : OutputImportance.Equals("low", StringComparison.OrdinalIgnoreCase) ? MessageImportance.Low : MessageImportance.Normal;
            var start = new ProcessStartInfo(CMakeExecutable, QuoteAll(Arguments))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            var tail = new Queue<string>();
            int diagnostics = 0;
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or FileNotFoundException)
            {
                Log.LogCodedError(DiagnosticCodes.CMakeNotFound, null,
                    $"cannot start '{CMakeExecutable}' for the CMake {Phase}: {e.Message.TrimEnd('.')}. Install CMake 3.20 or newer, or set CMakeExecutable to its path.");
                return false;
            }
            object gate = new();
            void OnLine(string? line)
            {
                if (line is null) return;
                lock (gate)
                {
                    var d = CompilerOutput.Parse(line);
                    if (d is null)
                    {
                        Log.LogMessage(importance, line);
                        tail.Enqueue(line);
                        if (tail.Count > 20) tail.Dequeue();
                        return;
                    }
                    diagnostics++;
                    string file = d.FromCMake && SourceDirectory.Length > 0 && !Path.IsPathRooted(d.File) ? Path.Combine(SourceDirectory, d.File) : d.File;
                    if (d.IsError)
                        Log.LogError(Phase, d.FromCMake ? DiagnosticCodes.CMakeFailed : DiagnosticCodes.CompilerError, null, file, d.Line, d.Column, 0, 0, d.Message);
                    else
                        Log.LogWarning(Phase, d.FromCMake ? DiagnosticCodes.CMakeFailed : DiagnosticCodes.CompilerWarning, null, file, d.Line, d.Column, 0, 0, d.Message);
                }
            }
            using (process)
            {
                process.OutputDataReceived += (_, e) => OnLine(e.Data);
                process.ErrorDataReceived += (_, e) => OnLine(e.Data);
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                process.WaitForExit();
                if (process.ExitCode != 0 && !Log.HasLoggedErrors)
                    Log.LogCodedError(DiagnosticCodes.CMakeFailed, null,
                        $"the CMake {Phase} failed with exit code {process.ExitCode}. Its last output:\n" + string.Join("\n", tail));
            }
            return !Log.HasLoggedErrors;
        }

        /// <summary>Quotes arguments for the command line (the form both Windows and .NET on Unix split back).</summary>
        internal static string QuoteAll(IEnumerable<string> arguments)
        {
            var sb = new StringBuilder();
            foreach (string a in arguments)
            {
                if (sb.Length > 0) sb.Append(' ');
                if (a.Length > 0 && a.IndexOfAny(new[] { ' ', '\t', '"', '\\', '\'' }) < 0) { sb.Append(a); continue; }
                sb.Append('"');
                int backslashes = 0;
                foreach (char c in a)
                {
                    if (c == '\\') { backslashes++; continue; }
                    if (c == '"') sb.Append('\\', backslashes * 2 + 1).Append('"');
                    else sb.Append('\\', backslashes).Append(c);
                    backslashes = 0;
                }
                sb.Append('\\', backslashes * 2).Append('"');
            }
            return sb.ToString();
        }
    }
}
