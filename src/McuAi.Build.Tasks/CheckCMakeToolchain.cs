using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// Keeps a CMake build folder true to its toolchain. CMake evaluates a toolchain file only when it configures a new
    /// build folder, and keeps the compilers it chose in its cache: a sample built without arm-none-eabi-gcc (host
    /// fallback) stays a host build after the toolchain is installed. So before every CMake build this task evaluates
    /// the toolchain file (cmake -P, McuAi.CMakeToolchainProbe.cmake) and compares its choice (system, compilers and
    /// where they are, the file's path and content) with the choice of the last configure; when it differs, it says
    /// so and deletes CMakeCache.txt and CMakeFiles/, so that CMakeConfigure configures the folder afresh.
    /// </summary>
    public sealed class McuAiCheckCMakeToolchain : Task
    {
        public string CMakeExecutable { get; set; } = "cmake";
        /// <summary>Full path of CMAKE_TOOLCHAIN_FILE, or empty.</summary>
        public string ToolchainFile { get; set; } = "";
        [Required] public string BuildDirectory { get; set; } = "";
        /// <summary>The probe script shipped with the SDK.</summary>
        [Required] public string ProbeScript { get; set; } = "";

        /// <summary>True when the build folder was reset (the next configure starts from scratch).</summary>
        [Output] public bool Reset { get; private set; }

        private const string StateFileName = "msbuild-toolchain.state";

        public override bool Execute()
        {
            var choice = CurrentChoice();
            string stateFile = Path.Combine(BuildDirectory, StateFileName);
            string cache = Path.Combine(BuildDirectory, "CMakeCache.txt");
            var recorded = File.Exists(stateFile) ? File.ReadAllLines(stateFile).ToList() : null;
            // Without a record (a folder configured by an older SDK), only a toolchain file can be stale.
            bool changed = recorded is null ? ToolchainFile.Length > 0 : !recorded.SequenceEqual(choice);
            if (File.Exists(cache) && changed)
            {
                Log.LogMessage(MessageImportance.High, "McuAi: the CMake toolchain changed ({0}): configuring {1} afresh.", Difference(recorded, choice), BuildDirectory);
                File.Delete(cache);
                string cmakeFiles = Path.Combine(BuildDirectory, "CMakeFiles");
                if (Directory.Exists(cmakeFiles)) Directory.Delete(cmakeFiles, recursive: true);
                Reset = true;
            }
            StateFiles.WriteIfChanged(stateFile, string.Join("\n", choice) + "\n");
            return !Log.HasLoggedErrors;
        }

        /// <summary>What the toolchain file chooses now, one "key=value" line each.</summary>
        private List<string> CurrentChoice()
        {
            if (ToolchainFile.Length == 0) return new List<string> { "file=(none)" };
            var lines = new List<string> { "file=" + ToolchainFile };
            if (!File.Exists(ToolchainFile)) { lines.Add("content=(missing)"); return lines; }
            lines.Add("content=" + StateFiles.ShortHash(File.ReadAllText(ToolchainFile)));
            lines.AddRange(Probe());
            return lines;
        }

        /// <summary>The probe's "MCUAI_TOOLCHAIN key=value" lines; a probe that cannot run leaves the file's content as the only check.</summary>
        private IEnumerable<string> Probe()
        {
            const string marker = "-- MCUAI_TOOLCHAIN ";
            var start = new ProcessStartInfo(CMakeExecutable, McuAiRunCMake.QuoteAll(new[] { "-DMCUAI_TOOLCHAIN_FILE=" + ToolchainFile, "-P", ProbeScript }))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            try
            {
                using var process = Process.Start(start)!;
                var errors = process.StandardError.ReadToEndAsync();
                string output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode == 0)
                    return output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(marker, StringComparison.Ordinal))
                        .Select(l => l.Substring(marker.Length)).ToList();
                Log.LogMessage(MessageImportance.Low, "McuAi: the toolchain probe failed ({0}): {1}", process.ExitCode, errors.Result);
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or FileNotFoundException)
            {
                // cmake missing: CMakeConfigure reports it (MCUAI5004).
            }
            return new[] { "probe=(failed)" };
        }

        private static string Difference(List<string>? recorded, List<string> current)
        {
            if (recorded is null) return "no record of the toolchain of the last configure";
            var old = recorded.Where(l => l.Contains('=')).ToDictionary(l => l.Substring(0, l.IndexOf('=')), l => l.Substring(l.IndexOf('=') + 1), StringComparer.Ordinal);
            var changes = new List<string>();
            foreach (string line in current)
            {
                string key = line.Substring(0, line.IndexOf('=')), value = line.Substring(line.IndexOf('=') + 1);
                old.TryGetValue(key, out string? before);
                if (before != value) changes.Add(key == "content" ? "the toolchain file was edited" : $"{key}: {Show(before)} -> {Show(value)}");
            }
            return changes.Count == 0 ? "the toolchain setting changed" : string.Join(", ", changes);
        }

        private static string Show(string? value) => string.IsNullOrEmpty(value) ? "(none)" : value!;
    }
}
