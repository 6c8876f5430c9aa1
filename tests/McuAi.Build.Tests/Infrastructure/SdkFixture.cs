using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Xunit;

namespace McuAi.Build.Tests.Infrastructure
{
    /// <summary>
    /// One sandbox per test run: a temporary folder whose nuget.config points at the packed SDK
    /// (artifacts/packages) and whose global.json pins it, with a PRIVATE package cache, so a re-packed
    /// SDK of the same version is never shadowed by a stale copy in the user's cache.
    /// </summary>
    public sealed class SdkFixture : IDisposable
    {
        private int _counter;

        public SdkFixture()
        {
            string package = Path.Combine(Repo.PackagesDir, $"McuAi.Build.Sdk.{Repo.SdkVersion}.nupkg");
            if (!File.Exists(package))
                throw new InvalidOperationException($"{package} is missing: build the solution (the SDK project packs itself) before running these tests.");
            Root = Path.Combine(Path.GetTempPath(), "mcuai-build-tests", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Guid.NewGuid().ToString("N")[..6]);
            Directory.CreateDirectory(Root);
            PackageCache = Path.Combine(Root, ".packages");
            File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config><add key="globalPackagesFolder" value="{PackageCache}" /></config>
                  <packageSources>
                    <clear />
                    <add key="local" value="{Repo.PackagesDir}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="local"><package pattern="McuAi.*" /></packageSource>
                    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
                  </packageSourceMapping>
                </configuration>
                """);
            using var repoGlobal = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "global.json")));
            string sdk = repoGlobal.RootElement.GetProperty("sdk").GetRawText();
            File.WriteAllText(Path.Combine(Root, "global.json"), $$"""
                {
                  "sdk": {{sdk}},
                  "msbuild-sdks": { "McuAi.Build.Sdk": "{{Repo.SdkVersion}}", "Microsoft.Build.NoTargets": "3.7.0" }
                }
                """);
            Environment = new Dictionary<string, string>
            {
                ["NUGET_PACKAGES"] = PackageCache,
                ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                // `dotnet test` exports the MSBuild it runs on; the builds under test must pick their own.
                ["MSBuildExtensionsPath"] = "",
                ["MSBUILD_EXE_PATH"] = "",
                ["MSBuildSDKsPath"] = "",
                ["MSBuildLoadMicrosoftTargetsReadOnly"] = "",
            };
        }

        public string Root { get; }
        public string PackageCache { get; }
        public IDictionary<string, string> Environment { get; }

        /// <summary>A new empty folder in the sandbox.</summary>
        public string NewDirectory(string name)
        {
            string dir = Path.Combine(Root, $"{Interlocked.Increment(ref _counter):D2}-{name}");
            Directory.CreateDirectory(dir);
            return dir;
        }

        /// <summary>
        /// A new empty folder beside the sandbox, so that the sandbox's nuget.config and global.json do not apply:
        /// a project there is set up only by what it has itself (as a user's project outside the repository is).
        /// </summary>
        public string NewDirectoryOutsideSandbox(string name)
        {
            string dir = Root + "-" + name;
            Directory.CreateDirectory(dir);
            lock (_outside) _outside.Add(dir);
            return dir;
        }

        private readonly List<string> _outside = new();

        public ProcessResult Dotnet(string workingDirectory, params string[] arguments) =>
            Tools.Run("dotnet", arguments, workingDirectory, Environment);

        /// <summary>`dotnet` with some environment variables changed (such as PATH) on top of the sandbox's.</summary>
        public ProcessResult Dotnet(string workingDirectory, IDictionary<string, string> environment, params string[] arguments)
        {
            var merged = new Dictionary<string, string>(Environment);
            foreach (var (key, value) in environment) merged[key] = value;
            return Tools.Run("dotnet", arguments, workingDirectory, merged);
        }

        public void Dispose()
        {
            if (System.Environment.GetEnvironmentVariable("MCUAI_KEEP_TEST_PROJECTS") == "1") return;
            foreach (string dir in _outside.Append(Root))
            {
                try { Directory.Delete(dir, recursive: true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
    }

    [CollectionDefinition(Name)]
    public sealed class SdkCollection : ICollectionFixture<SdkFixture>
    {
        public const string Name = "packed SDK";
    }
}
