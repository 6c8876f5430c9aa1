using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace McuAi.Tests.Infrastructure
{
    /// <summary>
    /// Locates the shared models and TFLM golden data: the folder <c>shared</c> beside the repository
    /// clone (<c>../shared</c> from the repository root), as on developers' machines and in CI.
    /// </summary>
    public static class SharedData
    {
        private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);
        private static readonly Lazy<JsonDocument> s_golden = new(() =>
            JsonDocument.Parse(File.ReadAllBytes(Path.Combine(GoldenDir, "golden.json"))));

        public static string RepoRoot => s_repoRoot.Value;
        public static string SharedDir => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
        public static string ModelsDir => Path.Combine(SharedDir, "models");
        public static string GoldenDir => Path.Combine(SharedDir, "golden");

        public static string ModelPath(string name) => Path.Combine(ModelsDir, name + ".tflite");

        /// <summary>Every model name (file name without .tflite) in ../shared/models.</summary>
        public static IEnumerable<string> ModelNames() =>
            Directory.GetFiles(ModelsDir, "*.tflite").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal)!;

        /// <summary>xunit MemberData: one row per model.</summary>
        public static IEnumerable<object[]> AllModels() => ModelNames().Select(n => new object[] { n });

        /// <summary>
        /// xunit MemberData: one row per model that TFLM ran (golden.json has its operators, inputs and outputs). Tests of
        /// what TFLM did take these rows rather than returning early for a model it rejected (mlperf_kws_float).
        /// </summary>
        public static IEnumerable<object[]> TflmModels() => ModelNames().Where(TflmRuns).Select(n => new object[] { n });

        /// <summary>The golden.json entry of a model.</summary>
        public static JsonElement Golden(string name) => s_golden.Value.RootElement.GetProperty(name);

        public static bool HasGolden(string name) => s_golden.Value.RootElement.TryGetProperty(name, out _);

        /// <summary>True when TFLM ran the model (golden.json has no "tflm_result": "rejected").</summary>
        public static bool TflmRuns(string name) =>
            HasGolden(name) && !(Golden(name).TryGetProperty("tflm_result", out var r) && r.GetString() == "rejected");

        /// <summary>The golden vectors of a model: (input bytes, output bytes, kind).</summary>
        public static IEnumerable<(byte[] Input, byte[] Output, string Kind)> Vectors(string name)
        {
            if (!Golden(name).TryGetProperty("vectors", out var vectors)) yield break;
            foreach (var v in vectors.EnumerateArray())
                yield return (File.ReadAllBytes(Path.Combine(GoldenDir, v.GetProperty("input").GetString()!)),
                              File.ReadAllBytes(Path.Combine(GoldenDir, v.GetProperty("output").GetString()!)),
                              v.GetProperty("kind").GetString()!);
        }

        private static string FindRepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "McuAi.Build.sln"))) return dir.FullName;
            throw new InvalidOperationException("cannot find the repository root (McuAi.Build.sln) above " + AppContext.BaseDirectory);
        }
    }
}
