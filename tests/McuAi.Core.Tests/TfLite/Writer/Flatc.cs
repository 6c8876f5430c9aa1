using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.TfLite.Writer
{
    /// <summary>
    /// Runs Google's <c>flatc</c> (apt package flatbuffers-compiler) as an independent decoder of our files.
    /// Tests that need it are <c>[RequiresToolFact("flatc")]</c>: skipped, with the reason, when flatc is not installed.
    /// </summary>
    public static class Flatc
    {
        private static readonly Lazy<string?> s_path = new(Find);

        public static string? Path => s_path.Value;

        public static string MissingReason => RequiredTools.MissingReason(new[] { "flatc" }) ?? "";

        /// <summary>The project's schema file, checked in beside the generator.</summary>
        public static string SchemaPath => System.IO.Path.Combine(SharedData.RepoRoot, "src", "McuAi.Core", "TfLite", "Schema", "tflite.fbs");

        /// <summary>
        /// The model decoded to JSON with every scalar printed (--defaults-json), so that a scalar stored
        /// with its default value and one left out print the same, and only real differences show.
        /// </summary>
        public static string ToJson(string modelPath, string workDir)
        {
            string outDir = System.IO.Path.Combine(workDir, Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(outDir);
            var (code, output) = Run("--json", "--strict-json", "--defaults-json", "-o", outDir, SchemaPath, "--", modelPath);
            Assert.True(code == 0, $"flatc failed on {modelPath} (exit {code}): ...{output.Substring(Math.Max(0, output.Length - 400))}");
            string json = Directory.GetFiles(outDir, "*.json").Single();
            return File.ReadAllText(json);
        }

        public static (int ExitCode, string Output) Run(params string[] args)
        {
            var psi = new ProcessStartInfo(Path ?? throw new InvalidOperationException(MissingReason))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("flatc did not finish within 2 minutes");
            }
            return (p.ExitCode, stdout + stderr.Result);
        }

        private static string? Find() => RequiredTools.Find("flatc");
    }
}
