using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace McuAi.Runtime.C.Bench
{
    /// <summary>
    /// Builds a Cortex-M4 firmware image the way the samples do (arm-none-eabi-gcc 12, -O2, hard float, newlib-nano,
    /// samples/common start-up, console, timer and linker script) and runs it in <c>qemu-system-arm -M mps2-an386</c>
    /// with <c>-icount shift=7</c>, the shift firmware/mcuai_icount.h assumes.
    /// </summary>
    public sealed class CortexM4Firmware
    {
        public const string CpuFlags = "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16";
        public const int IcountShift = 7;

        public CortexM4Firmware(string repoRoot) => RepoRoot = repoRoot;

        public string RepoRoot { get; }
        public string Common => Path.Combine(RepoRoot, "samples", "common");
        public string FirmwareDir => Path.Combine(RepoRoot, "tests", "McuAi.Runtime.C.Bench", "firmware");

        /// <summary>Compiles and links <paramref name="sources"/> with the firmware support files into <c>dir/firmware.elf</c>.</summary>
        public string Build(string dir, IEnumerable<string> sources, IEnumerable<string> includeDirs)
        {
            string elf = Path.Combine(dir, "firmware.elf");
            var args = new List<string>();
            args.AddRange(CpuFlags.Split(' '));
            args.AddRange(new[] { "-O2", "-std=c99", "-Wall", "-Wextra", "-ffunction-sections", "-fdata-sections", "-I", Common, "-I", FirmwareDir });
            foreach (string include in includeDirs) args.AddRange(new[] { "-I", include });
            args.AddRange(sources);
            args.AddRange(new[] { "startup_cm4.c", "console.c", "timer.c" }.Select(f => Path.Combine(Common, f)));
            args.Add(Path.Combine(FirmwareDir, "mcuai_icount.c"));
            args.AddRange(new[] { "-T", Path.Combine(Common, "mps2_an386.ld"), "-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs",
                "-Wl,--gc-sections", "-Wl,--no-warn-rwx-segments", "-lm", "-o", elf });
            Run("arm-none-eabi-gcc", args, dir, TimeSpan.FromMinutes(10));
            return elf;
        }

        /// <summary>Runs the image in QEMU and returns what it printed.</summary>
        public string Execute(string elf, TimeSpan timeout) =>
            Run("qemu-system-arm", new[] { "-M", "mps2-an386", "-nographic", "-semihosting", "-icount", $"shift={IcountShift}", "-kernel", elf },
                Path.GetDirectoryName(elf)!, timeout);

        /// <summary>text, data and bss of the image (arm-none-eabi-size).</summary>
        public (long Text, long Data, long Bss) Sections(string elf)
        {
            string output = Run("arm-none-eabi-size", new[] { elf }, Path.GetDirectoryName(elf)!, TimeSpan.FromMinutes(1));
            var n = output.Split('\n')[1].Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            return (long.Parse(n[0]), long.Parse(n[1]), long.Parse(n[2]));
        }

        /// <summary>Symbol name → size in bytes (arm-none-eabi-nm -S).</summary>
        public Dictionary<string, long> SymbolSizes(string elf)
        {
            string output = Run("arm-none-eabi-nm", new[] { "-S", elf }, Path.GetDirectoryName(elf)!, TimeSpan.FromMinutes(1));
            return output.Split('\n').Select(l => l.Split(' ')).Where(p => p.Length == 4)
                .GroupBy(p => p[3]).ToDictionary(g => g.Key, g => Convert.ToInt64(g.First()[1], 16));
        }

        private static string Run(string tool, IEnumerable<string> arguments, string dir, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(tool)
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string a in arguments) start.ArgumentList.Add(a);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish within {timeout}");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} {string.Join(" ", arguments)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
            return stdout.Result;
        }
    }
}
