using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace McuAi.Build.Tests.Infrastructure
{
    /// <summary>A temporary NoTargets + McuAi.Build.Sdk project in the sandbox, built with the real `dotnet build`.</summary>
    public sealed class TestProject
    {
        private readonly SdkFixture _sdk;
        private bool _restored;

        public TestProject(SdkFixture sdk, string name, string projectFileName = "firmware.proj")
        {
            _sdk = sdk;
            Directory = sdk.NewDirectory(name);
            ProjectFile = Path.Combine(Directory, projectFileName);
        }

        public string Directory { get; }
        public string ProjectFile { get; }
        /// <summary>The default output folder: $(IntermediateOutputPath)mcuai/.</summary>
        public string OutputDir => Path.Combine(Directory, "obj", "Debug", "net10.0", "mcuai");

        /// <summary>Writes the project: NoTargets + the SDK, the given properties and items.</summary>
        public TestProject Write(string items, string properties = "")
        {
            File.WriteAllText(ProjectFile, $"""
                <Project Sdk="Microsoft.Build.NoTargets">
                  <Sdk Name="McuAi.Build.Sdk" />
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    {properties}
                  </PropertyGroup>
                  <ItemGroup>
                    {items}
                  </ItemGroup>
                </Project>
                """);
            return this;
        }

        public TestProject WriteRaw(string content)
        {
            File.WriteAllText(ProjectFile, content);
            return this;
        }

        /// <summary>Copies a model from ../shared/models to a path relative to the project.</summary>
        public string AddModel(string sharedName, string relativePath)
        {
            string path = Path.Combine(Directory, relativePath);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(Repo.Model(sharedName), path, overwrite: true);
            return path;
        }

        /// <summary>`dotnet build` at normal verbosity (so the SDK's messages show); restores only the first time.</summary>
        public ProcessResult Build(params string[] extra) => BuildWith(new Dictionary<string, string>(), extra);

        /// <summary>Like <see cref="Build"/>, with some environment variables changed (such as PATH).</summary>
        public ProcessResult BuildWith(IDictionary<string, string> environment, params string[] extra)
        {
            var args = new List<string> { "build", ProjectFile, "-nodeReuse:false", "-v:n", "-clp:NoSummary" };
            if (_restored) args.Add("--no-restore");
            args.AddRange(extra);
            var result = _sdk.Dotnet(Directory, environment, args.ToArray());
            if (result.Succeeded) _restored = true;
            return result;
        }

        public ProcessResult Clean() => _sdk.Dotnet(Directory, "clean", ProjectFile, "-nodeReuse:false", "-v:n");

        /// <summary>Runs targets and returns the requested items as parsed by `-getItem` (JSON).</summary>
        public (ProcessResult Result, JsonDocument? Items) GetItems(string targets, string[] itemTypes, params string[] extra)
        {
            var args = new List<string> { "msbuild", ProjectFile, "-nodeReuse:false", "-restore", $"-t:{targets}" };
            args.AddRange(itemTypes.Select(t => $"-getItem:{t}"));
            args.AddRange(extra);
            var result = _sdk.Dotnet(Directory, args.ToArray());
            if (!result.Succeeded) return (result, null);
            int start = result.Output.IndexOf('{');
            return (result, start < 0 ? null : JsonDocument.Parse(result.Output[start..]));
        }

        /// <summary>Last-write times of every file under a folder.</summary>
        public static Dictionary<string, DateTime> Timestamps(string directory) =>
            System.IO.Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
                .ToDictionary(f => f, File.GetLastWriteTimeUtc, StringComparer.Ordinal);

        /// <summary>The symbols the SDK generated in this build (from its "McuAi: generating X from ..." messages).</summary>
        public static IReadOnlyList<string> Generated(ProcessResult result) =>
            Regex.Matches(result.Output, @"McuAi: generating (\w+) from").Select(m => m.Groups[1].Value).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();

        /// <summary>Distinct MSBuild error lines with an MCUAI code: (code, whole line).</summary>
        public static IReadOnlyList<(string Code, string Line)> Errors(ProcessResult result) => Diagnostics(result, "error");

        public static IReadOnlyList<(string Code, string Line)> Warnings(ProcessResult result) => Diagnostics(result, "warning");

        /// <summary>
        /// MSBuild prints a diagnostic as "N>file(line,col): error CODE: message [project]", sometimes twice;
        /// this returns each once, without the node prefix and the project suffix, so the line starts with the file.
        /// </summary>
        private static IReadOnlyList<(string Code, string Line)> Diagnostics(ProcessResult result, string kind) =>
            result.Output.Split('\n')
                .Select(l => Regex.Replace(l.Trim(), @"^\d+>", ""))
                .Select(l => Regex.Replace(l, @"\s\[[^\[\]]+\]$", ""))
                .Select(l => (Match: Regex.Match(l, $@"\b{kind} (MCUAI\d{{4}})\b"), Line: l))
                .Where(x => x.Match.Success).Select(x => (x.Match.Groups[1].Value, x.Line)).Distinct().ToList();
    }
}
