using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Fuzz.Harness
{
    /// <summary>
    /// One mutant through the real `mcuai` executable, out of process, as a user runs it: `analyze`, `generate --out`
    /// and `run --input` (random input bytes of the model's size). Accepted: exit code 0, or exit code 1 with a coded
    /// error line ("error MCUAInnnn") that names the model file, no stack trace or "Unhandled exception" on stderr and no
    /// control characters. Each run's processor time and peak resident memory are sampled while it runs (the whole
    /// process: the runtime's start-up is part of what a user waits for) and judged by the campaign's 2 s and 500 MB;
    /// a run still going after <see cref="HangSeconds"/> is killed and counted as uncoded.
    /// </summary>
    public static class CliConsumers
    {
        public const int HangSeconds = 60;

        private static readonly Regex s_coded = new(@"error (MCUAI\d{4})", RegexOptions.CultureInvariant);
        private static readonly Regex s_stackFrame = new(@"^\s+at \S+\(", RegexOptions.Multiline | RegexOptions.CultureInvariant);

        /// <summary>mcuai.dll beside this program (the fuzz project references the CLI so that the build copies it).</summary>
        public static string Executable => Path.Combine(AppContext.BaseDirectory, "mcuai.dll");

        public static MutantResult Run(Mutation.Mutant mutant, string folder)
        {
            string model = Path.Combine(folder, "mutant.tflite");
            string output = Path.Combine(folder, "out");
            string input = Path.Combine(folder, "input.bin");
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            File.WriteAllBytes(model, mutant.Bytes);
            File.WriteAllBytes(input, InputBytes(mutant));
            var runs = new List<ConsumerRun>
            {
                Process("cli-analyze", model, "analyze", model),
                Process("cli-generate", model, "generate", model, "--out", output),
                Process("cli-run", model, "run", model, "--input", input),
            };
            return new MutantResult(mutant.Iteration, mutant.Model, mutant.Bytes.Length, mutant.Description, runs.ToArray(), null);
        }

        /// <summary>Random bytes as many as the model's inputs take (when the reader can tell; else a few, which `run` must refuse with a code).</summary>
        private static byte[] InputBytes(Mutation.Mutant mutant)
        {
            long size = 16;
            try
            {
                var model = ModelReader.Read(mutant.Bytes, Consumers.FileName);
                var graph = model.MainSubgraph;
                size = graph.Inputs.Where(i => i >= 0 && i < graph.Tensors.Count).Sum(i => graph.Tensors[i].ByteSize);
            }
            catch (McuAiException)
            {
            }
            var bytes = new byte[Math.Clamp(size, 0, 16 << 20)];
            new Random((int)mutant.Iteration).NextBytes(bytes);
            return bytes;
        }

        private static ConsumerRun Process(string consumer, string model, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Executable);
            foreach (string a in args) start.ArgumentList.Add(a);
            var clock = Stopwatch.StartNew();
            using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("cannot start mcuai");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            double cpu = 0;
            long peak = 0;
            bool killed = false;
            while (!process.WaitForExit(20))
            {
                try
                {
                    process.Refresh();
                    cpu = process.TotalProcessorTime.TotalMilliseconds;
                    peak = Math.Max(peak, process.PeakWorkingSet64);
                }
                catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
                {
                    // exited between the wait and the sample (its /proc entry is gone)
                }
                if (clock.Elapsed.TotalSeconds > HangSeconds)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                    killed = true;
                    break;
                }
            }
            process.WaitForExit();
            string error = stderr.Result;
            _ = stdout.Result;
            double wall = clock.Elapsed.TotalMilliseconds;
            var (outcome, code, detail) = Classify(killed, process.ExitCode, error, Path.GetFileName(model));
            return new ConsumerRun(consumer, outcome, code, cpu, peak, detail, wall);
        }

        private static (Outcome Outcome, string Code, string? Detail) Classify(bool killed, int exitCode, string stderr, string modelFile)
        {
            string tail = stderr.Length > 400 ? stderr.Substring(0, 400) : stderr;
            if (killed) return (Outcome.Uncoded, "Uncoded:Hang", $"still running after {HangSeconds} s");
            if (stderr.Contains("Unhandled exception", StringComparison.Ordinal) || s_stackFrame.IsMatch(stderr))
                return (Outcome.Uncoded, "Uncoded:StackTrace", tail);
            if (OutputChecks.Document("stderr", stderr) is { } unsafeText) return (Outcome.BadDiagnostic, "bad-output", unsafeText);
            if (exitCode == 0) return (Outcome.Accepted, "", null);
            var coded = s_coded.Match(stderr);
            if (exitCode != 1 || !coded.Success) return (Outcome.Uncoded, $"Uncoded:exit{exitCode}", tail);
            string line = stderr.Split('\n').First(l => l.Contains(coded.Value, StringComparison.Ordinal));
            if (!line.Contains(modelFile, StringComparison.Ordinal)) return (Outcome.BadDiagnostic, "bad-output", $"{coded.Groups[1].Value} does not name the model: {line}");
            return (Outcome.Coded, coded.Groups[1].Value, null);
        }
    }
}
