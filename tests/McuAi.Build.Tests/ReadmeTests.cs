using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using McuAi.Build.Tests.Infrastructure;
using McuAi.Tests;
using Xunit;

namespace McuAi.Build.Tests
{
    /// <summary>What README.md tells a new user to write or run works as written: the snippets are read from the README itself.</summary>
    [Collection(SdkCollection.Name)]
    public sealed class ReadmeTests
    {
        private readonly SdkFixture _sdk;

        public ReadmeTests(SdkFixture sdk) => _sdk = sdk;

        private static string Readme => File.ReadAllText(Path.Combine(Repo.Root, "README.md"));

        /// <summary>The fenced code blocks of one "## " section of the README.</summary>
        private static IReadOnlyList<string> CodeBlocks(string section)
        {
            string text = Readme;
            int start = text.IndexOf("\n## " + section + "\n", StringComparison.Ordinal);
            Assert.True(start >= 0, $"README has no section '{section}'");
            int end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            string body = end < 0 ? text[start..] : text[start..end];
            return Regex.Matches(body, @"```[a-z]*\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        }

        [Fact]
        public void The_project_and_nuget_config_of_Using_the_SDK_build_a_project_outside_the_repository()
        {
            var blocks = CodeBlocks("Using the SDK");
            string project = Assert.Single(blocks, b => b.Contains("<Project ", StringComparison.Ordinal));
            string nugetConfig = Assert.Single(blocks, b => b.Contains("<configuration>", StringComparison.Ordinal));
            const string placeholder = "/path/to/McuAi.Build";
            Assert.Contains(placeholder, nugetConfig);

            // The user's folder: the two files as written (the clone's path put in), the models and data they name.
            string dir = _sdk.NewDirectoryOutsideSandbox("readme-project");
            File.WriteAllText(Path.Combine(dir, "firmware.proj"), project);
            File.WriteAllText(Path.Combine(dir, "nuget.config"), nugetConfig.Replace(placeholder, Repo.Root));
            Directory.CreateDirectory(Path.Combine(dir, "models"));
            File.Copy(Repo.Model("micro_speech_int8"), Path.Combine(dir, "models", "kws.tflite"));
            File.Copy(Repo.Model("person_detection_int8"), Path.Combine(dir, "models", "person.tflite"));
            File.Copy(Repo.Model("hello_world_float"), Path.Combine(dir, "models", "sine_float.tflite"));
            SineInputs.Write(Path.Combine(dir, "calibration", "sine.npy"), 200, seed: 1);

            // A fresh package cache: McuAi.Build.Sdk can only come through the README's nuget.config.
            var fresh = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _sdk.NewDirectory("readme-packages") };
            var result = _sdk.Dotnet(dir, fresh, "build", "firmware.proj", "-nodeReuse:false");
            Assert.True(result.Succeeded, result.ToString());
            string generated = Path.Combine(dir, "obj", "Debug", "netstandard2.0", "mcuai");
            // kws is compiled to C (Runtime="c", with a self-test), the others run on TFLM.
            Assert.True(File.Exists(Path.Combine(generated, "kws_model.c")), "kws");
            Assert.True(File.Exists(Path.Combine(generated, "kws_selftest.c")), "kws self-test");
            foreach (string symbol in new[] { "person", "sine_float" })
                Assert.True(File.Exists(Path.Combine(generated, symbol + "_model_data.cc")), symbol);
            Assert.Contains("McuAi: person (person.tflite):", result.Output);
        }

        [Fact]
        public void The_tool_install_line_installs_a_working_mcuai()
        {
            string line = Assert.Single(CodeBlocks("The `mcuai` tool").SelectMany(b => b.Split('\n')),
                l => l.Contains("dotnet tool install", StringComparison.Ordinal));
            Assert.Contains("--global", line);
            // As written, but into a folder of the test instead of the user's global tools, from a fresh package cache.
            string tools = _sdk.NewDirectory("tools");
            var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _sdk.NewDirectory("tool-packages") };
            foreach (string command in line.Split(" && "))
            {
                var args = command.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
                Assert.Equal("dotnet", args[0]);
                int global = args.IndexOf("--global");
                if (global >= 0) args.RemoveAt(global);
                if (args[1] == "tool") args.InsertRange(3, new[] { "--tool-path", tools });
                var run = _sdk.Dotnet(Repo.Root, environment, args.Skip(1).ToArray());
                Assert.True(run.Succeeded, $"{command}\n{run}");
            }
            var help = Tools.Run(Path.Combine(tools, "mcuai"), new[] { "--help" }, tools);
            Assert.True(help.Succeeded, help.ToString());
            Assert.Contains("generate", help.Output);
        }

        [Fact]
        public void The_apt_packages_in_the_README_are_the_ones_CI_installs_and_the_tests_ask_for()
        {
            string aptLine = Assert.Single(CodeBlocks("The two commands").SelectMany(b => b.Split('\n')), l => l.Contains("apt-get install", StringComparison.Ordinal));
            var readme = aptLine[(aptLine.IndexOf("install", StringComparison.Ordinal) + "install".Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            string ci = File.ReadAllText(Path.Combine(Repo.Root, ".ci", "run"));
            var ciPackages = Regex.Match(ci, "packages=\"([^\"]+)\"").Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            Assert.Equal(ciPackages.OrderBy(p => p), readme.OrderBy(p => p));
            Assert.All(RequiredTools.Packages, p => Assert.Contains(p, ciPackages));
        }
    }
}
