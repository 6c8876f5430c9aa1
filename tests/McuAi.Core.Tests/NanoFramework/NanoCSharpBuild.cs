using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security;

namespace McuAi.Tests.NanoFramework
{
    /// <summary>
    /// Compiles C# against nanoFramework.CoreLibrary's mscorlib only, as a nanoFramework class library is compiled:
    /// SDK-style projects with no implicit framework reference, no standard library, warnings as errors and XML
    /// documentation on. All projects build in one `dotnet build` of a small traversal project.
    /// </summary>
    public static class NanoCSharpBuild
    {
        /// <summary>Builds one class library per (assembly name, C# files); returns the exit code, MSBuild's output and each assembly's path.</summary>
        public static (int ExitCode, string Output, Dictionary<string, string> Assemblies) Run(string workDir, IEnumerable<(string AssemblyName, string[] Files)> libraries)
        {
            var projects = new List<string>();
            var assemblies = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, files) in libraries)
            {
                string dir = Path.Combine(workDir, name);
                Directory.CreateDirectory(dir);
                string project = Path.Combine(dir, name + ".csproj");
                File.WriteAllText(project, Project(name, files));
                projects.Add(project);
                assemblies[name] = Path.Combine(dir, "bin", name + ".dll");
            }
            string traversal = Path.Combine(workDir, "all.proj");
            File.WriteAllText(traversal,
                "<Project DefaultTargets=\"Build\">\n  <ItemGroup>\n" +
                string.Concat(projects.Select(p => $"    <Library Include=\"{SecurityElement.Escape(p)}\" />\n")) +
                "  </ItemGroup>\n" +
                // `dotnet build` runs Restore in its own evaluation first, as the Traversal SDK does.
                "  <Target Name=\"Restore\">\n    <MSBuild Projects=\"@(Library)\" Targets=\"Restore\" />\n  </Target>\n" +
                "  <Target Name=\"Build\">\n    <MSBuild Projects=\"@(Library)\" Targets=\"Build\" BuildInParallel=\"true\" />\n  </Target>\n</Project>\n");
            // An empty global.json-free, Directory.Build-free folder: the libraries see nothing of the repository's settings.
            File.WriteAllText(Path.Combine(workDir, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(workDir, "Directory.Build.targets"), "<Project />\n");
            var (code, output) = Dotnet(workDir, "build", "all.proj", "-nologo", "-v:m", "-m:2");
            return (code, output, assemblies);
        }

        private static string Project(string assemblyName, string[] files) => $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <AssemblyName>{SecurityElement.Escape(assemblyName)}</AssemblyName>
                <OutputPath>bin/</OutputPath>
                <AppendTargetFrameworkToOutputPath>false</AppendTargetFrameworkToOutputPath>
                <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
                <DisableImplicitFrameworkReferences>true</DisableImplicitFrameworkReferences>
                <NoStdLib>true</NoStdLib>
                <NoCompilerStandardLib>true</NoCompilerStandardLib>
                <GenerateAssemblyInfo>false</GenerateAssemblyInfo>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningLevel>9999</WarningLevel>
                <Nullable>disable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <LangVersion>7.3</LangVersion>
                <Deterministic>true</Deterministic>
              </PropertyGroup>
              <ItemGroup>
            {string.Concat(files.Select(f => $"    <Compile Include=\"{SecurityElement.Escape(f)}\" />\n"))}    <Reference Include="mscorlib" HintPath="{SecurityElement.Escape(NanoKit.Mscorlib)}" Private="false" />
              </ItemGroup>
            </Project>
            """;

        private static (int ExitCode, string Output) Dotnet(string workDir, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in args) start.ArgumentList.Add(a);
            // `dotnet test` exports the MSBuild it runs on; the nested build must pick its own, with no lingering nodes.
            foreach (string variable in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
                start.Environment.Remove(variable);
            start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            // A hang guard, not a speed check.
            if (!process.WaitForExit(600_000)) { process.Kill(true); return (-1, stdout + "\n(timed out after 10 minutes)"); }
            return (process.ExitCode, stdout + stderr.Result);
        }
    }
}
