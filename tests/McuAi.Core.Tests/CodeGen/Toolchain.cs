using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace McuAi.Tests.CodeGen
{
    /// <summary>Finds the host and ARM compilers on PATH and runs processes for the compile tests.</summary>
    public static class Toolchain
    {
        public static string? Find(string tool) => RequiredTools.Find(tool);

        /// <summary>Runs a tool and returns its standard output; fails the test with the tool's output on a non-zero exit.</summary>
        public static string Run(string tool, string arguments, string workingDirectory)
        {
            var start = new ProcessStartInfo(Find(tool) ?? tool, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} {arguments} (in {workingDirectory}) failed with {process.ExitCode}:\n{stdout}\n{stderr.Result}");
            return stdout;
        }
    }

    /// <summary>A temporary folder deleted at the end of the test.</summary>
    public sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mcuai-codegen-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Sub(string name)
        {
            string dir = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(dir);
            return dir;
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { }
        }
    }
}
