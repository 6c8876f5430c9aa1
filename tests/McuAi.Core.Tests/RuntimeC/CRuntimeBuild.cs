using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using McuAi.Tests.CodeGen;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.RuntimeC
{
    /// <summary>The three builds every C runtime test runs: host portable path, host DSP path (emulated intrinsics), Cortex-M4 under QEMU.</summary>
    public enum CTarget
    {
        HostPortable,
        HostDspEmulated,
        CortexM4,
    }

    /// <summary>
    /// Builds a C program from the runtime's kernels plus test sources for one <see cref="CTarget"/> and runs it:
    /// on the host directly, on the Cortex-M4 as a firmware image (the samples' start-up, linker script and UART
    /// console) in <c>qemu-system-arm -M mps2-an386</c> with instruction counting on.
    /// </summary>
    public static class CRuntimeBuild
    {
        /// <summary>The flags the generated C must compile with (issue 9), plus -pedantic.</summary>
        public const string WarningFlags = "-std=c99 -Wall -Wextra -Werror -pedantic";
        public const string CortexM4Flags = "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16";

        /// <summary>QEMU's -icount shift; the firmware's MCUAI_ICOUNT_SHIFT must match.</summary>
        public const int IcountShift = 7;

        public static string RuntimeDir => Path.Combine(SharedData.RepoRoot, "src", "McuAi.Runtime.C");
        public static string SamplesCommonDir => Path.Combine(SharedData.RepoRoot, "samples", "common");
        public static string FirmwareDir => Path.Combine(SharedData.RepoRoot, "tests", "McuAi.Runtime.C.Bench", "firmware");

        /// <summary>
        /// Compiles <paramref name="sources"/> (paths; the runtime folder and <paramref name="includeDirs"/> on the
        /// include path) into an executable or firmware image in <paramref name="dir"/> and runs it; returns stdout.
        /// </summary>
        public static string BuildAndRun(CTarget target, string dir, IEnumerable<string> sources, IEnumerable<string>? includeDirs = null,
            string optimization = "-O2", TimeSpan? timeout = null)
        {
            string image = BuildImage(target, dir, sources, includeDirs, optimization);
            return Run(target, image, dir, timeout ?? TimeSpan.FromMinutes(5));
        }

        public static string BuildImage(CTarget target, string dir, IEnumerable<string> sources, IEnumerable<string>? includeDirs = null, string optimization = "-O2")
        {
            var includes = new[] { RuntimeDir, SamplesCommonDir }.Concat(includeDirs ?? Array.Empty<string>());
            string includeFlags = string.Join(" ", includes.Select(d => $"-I\"{d}\""));
            bool arm = target == CTarget.CortexM4;
            string compiler = arm ? "arm-none-eabi-gcc" : "gcc";
            string flags = arm ? $"{CortexM4Flags} {optimization} -ffunction-sections -fdata-sections" :
                target == CTarget.HostDspEmulated ? $"{optimization} -DMCUAI_DSP_EMULATE" : optimization;
            // The code under test compiles warning-free with the strict flags; the samples' firmware support
            // (start-up code, console) is built as the samples build it.
            var objects = new List<string>();
            int n = 0;
            foreach (string source in sources)
                objects.Add(Compile(compiler, $"{flags} {WarningFlags} {includeFlags}", source, dir, n++));
            objects.Add(Compile(compiler, $"{flags} -std=c99 {includeFlags}", Path.Combine(SamplesCommonDir, "console.c"), dir, n++));
            if (arm) objects.Add(Compile(compiler, $"{flags} -std=c99 {includeFlags}", Path.Combine(SamplesCommonDir, "startup_cm4.c"), dir, n++));
            string image = Path.Combine(dir, arm ? "test.elf" : "test");
            string objectList = string.Join(" ", objects.Select(o => $"\"{o}\""));
            string link = arm
                ? $"{CortexM4Flags} -T\"{Path.Combine(SamplesCommonDir, "mps2_an386.ld")}\" -nostartfiles --specs=nano.specs --specs=nosys.specs -Wl,--gc-sections -Wl,--no-warn-rwx-segments"
                : "";
            Toolchain.Run(compiler, $"{link} {objectList} -o \"{image}\"", dir);
            return image;
        }

        private static string Compile(string compiler, string flags, string source, string dir, int index)
        {
            string obj = Path.Combine(dir, $"{index}_{Path.GetFileNameWithoutExtension(source)}.o");
            Toolchain.Run(compiler, $"{flags} -c \"{source}\" -o \"{obj}\"", dir);
            return obj;
        }

        /// <summary>Runs an image built by <see cref="BuildImage"/>; fails the test on a timeout or a non-zero exit.</summary>
        public static string Run(CTarget target, string image, string dir, TimeSpan timeout)
        {
            string tool = target == CTarget.CortexM4 ? "qemu-system-arm" : image;
            string args = target == CTarget.CortexM4
                ? $"-M mps2-an386 -nographic -semihosting -icount shift={IcountShift} -kernel \"{image}\""
                : "";
            var start = new ProcessStartInfo(Toolchain.Find(tool) ?? tool, args)
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{tool} {args} did not finish within {timeout.TotalSeconds} s; output so far:\n{Tail(stdout)}");
            }
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} {args} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
            return stdout.Result;
        }

        private static string Tail(System.Threading.Tasks.Task<string> output) => output.IsCompleted ? output.Result : "(none)";
    }
}
