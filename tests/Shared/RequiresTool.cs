using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;

namespace McuAi.Tests
{
    /// <summary>
    /// The one way a test of this solution says it needs an external program (compiled into both test projects):
    /// <c>[RequiresToolFact("cmake")]</c>. When a program is missing the test is reported SKIPPED with the reason,
    /// never passed by an early return. `.ci/run`, which installs every tool, fails when any test is skipped.
    /// </summary>
    public static class RequiredTools
    {
        /// <summary>The Debian/Ubuntu packages that provide each tool (the list `.ci/run` installs).</summary>
        private static readonly Dictionary<string, string> s_packages = new(StringComparer.Ordinal)
        {
            ["cmake"] = "cmake",
            ["gcc"] = "gcc",
            ["g++"] = "g++",
            ["arm-none-eabi-gcc"] = "gcc-arm-none-eabi libnewlib-arm-none-eabi",
            ["arm-none-eabi-g++"] = "gcc-arm-none-eabi libstdc++-arm-none-eabi-newlib",
            ["qemu-system-arm"] = "qemu-system-arm",
            ["flatc"] = "flatbuffers-compiler",
            ["xxd"] = "xxd",
        };

        /// <summary>Every package the tests may ask for (a test checks that `.ci/run` installs them all).</summary>
        public static IEnumerable<string> Packages => s_packages.Values.SelectMany(p => p.Split(' ')).Distinct();

        /// <summary>The full path of <paramref name="tool"/> on PATH, or null.</summary>
        public static string? Find(string tool)
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                if (dir.Length == 0) continue;
                foreach (string candidate in new[] { Path.Combine(dir, tool), Path.Combine(dir, tool + ".exe") })
                    if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        /// <summary>Why a test needing <paramref name="tools"/> cannot run here, or null when all are installed.</summary>
        public static string? MissingReason(IEnumerable<string> tools)
        {
            var missing = tools.Where(t => Find(t) is null).ToList();
            if (missing.Count == 0) return null;
            var packages = missing.SelectMany(t => s_packages.TryGetValue(t, out var p) ? p.Split(' ') : new[] { t }).Distinct();
            return $"not installed: {string.Join(", ", missing)} (apt-get install {string.Join(" ", packages)})";
        }

        /// <summary>
        /// Marks <paramref name="test"/> skipped when a tool is missing. The reason also goes into the test's name:
        /// the console logger of `dotnet test` prints a skipped test's name at its default verbosity, not its reason.
        /// </summary>
        internal static void SkipUnlessInstalled(FactAttribute test, string?[] tools, string sourceFile, string method)
        {
            string? reason = MissingReason(tools.Where(t => t is not null).Select(t => t!));
            if (reason is null) return;
            test.Skip = reason;
            test.DisplayName = $"{Path.GetFileNameWithoutExtension(sourceFile)}.{method} [SKIPPED: {reason}]";
        }
    }

    /// <summary>A fact that is skipped, with the reason shown, when one of its tools is not on PATH.</summary>
    public sealed class RequiresToolFactAttribute : FactAttribute
    {
        public RequiresToolFactAttribute(string tool, string? tool2 = null, string? tool3 = null,
            [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "") =>
            RequiredTools.SkipUnlessInstalled(this, new[] { tool, tool2, tool3 }, sourceFile, method);
    }

    /// <summary>A theory that is skipped, with the reason shown, when one of its tools is not on PATH.</summary>
    public sealed class RequiresToolTheoryAttribute : TheoryAttribute
    {
        public RequiresToolTheoryAttribute(string tool, string? tool2 = null, string? tool3 = null,
            [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "") =>
            RequiredTools.SkipUnlessInstalled(this, new[] { tool, tool2, tool3 }, sourceFile, method);
    }
}
