using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace McuAi.Build.Tests.Infrastructure
{
    /// <summary>Where the repository, the shared models and the packed SDK are.</summary>
    public static class Repo
    {
        private static readonly Lazy<string> s_root = new(() =>
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "McuAi.Build.sln"))) return dir.FullName;
            throw new InvalidOperationException("cannot find the repository root (McuAi.Build.sln) above " + AppContext.BaseDirectory);
        });

        public static string Root => s_root.Value;
        public static string ModelsDir => Path.GetFullPath(Path.Combine(Root, "..", "shared", "models"));
        public static string PackagesDir => Path.Combine(Root, "artifacts", "packages");
        public static string SdkDir => Path.Combine(Root, "sdk", "McuAi.Build.Sdk");
        public static string SamplesDir => Path.Combine(Root, "samples");

        public static string Model(string name) => Path.Combine(ModelsDir, name + ".tflite");

        /// <summary>The version this build of the repository packs (the same Directory.Build.props).</summary>
        public static string SdkVersion => typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "McuAiSdkVersion").Value!;
    }
}
