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
        public static string? Find(string tool)
        {
            string? path = Environment.GetEnvironmentVariable("PATH");
            if (path is null) return null;
            return path.Split(Path.PathSeparator)
                .Select(dir => Path.Combine(dir, tool))
                .FirstOrDefault(File.Exists);
        }

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

    /// <summary>A fact that is skipped, with the reason shown, when a tool is not on PATH.</summary>
    public sealed class RequiresToolFactAttribute : FactAttribute
    {
        public RequiresToolFactAttribute(params string[] tools)
        {
            var missing = tools.Where(t => Toolchain.Find(t) is null).ToArray();
            if (missing.Length > 0) Skip = "not installed: " + string.Join(", ", missing);
        }
    }

    /// <summary>A theory that is skipped, with the reason shown, when a tool is not on PATH.</summary>
    public sealed class RequiresToolTheoryAttribute : TheoryAttribute
    {
        public RequiresToolTheoryAttribute(params string[] tools)
        {
            var missing = tools.Where(t => Toolchain.Find(t) is null).ToArray();
            if (missing.Length > 0) Skip = "not installed: " + string.Join(", ", missing);
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
