using System.IO;
using System.Linq;
using McuAi.Build.Tests.Infrastructure;
using Xunit;

namespace McuAi.Build.Tests
{
    /// <summary>
    /// What a real build writes is byte for byte the reviewed, checked-in output of the code generator
    /// (tests/McuAi.Core.Tests/CodeGen/Expected): the SDK adds nothing and loses nothing on the way,
    /// whether the tasks run inside `dotnet build` or, as in Visual Studio 2026 and msbuild.exe, in a
    /// separate .NET task host process (TaskHostFactory, which `dotnet build` can use too).
    /// </summary>
    [Collection(SdkCollection.Name)]
    public sealed class ExpectedOutputTests
    {
        private readonly SdkFixture _sdk;

        public ExpectedOutputTests(SdkFixture sdk) => _sdk = sdk;

        [Theory]
        [InlineData("in-process", "")]
        [InlineData("task-host", "TaskHostFactory")]
        public void Build_output_equals_the_checked_in_expected_files(string name, string taskFactory)
        {
            var p = new TestProject(_sdk, "expected-" + name);
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            p.AddModel("micro_speech_int8", "models/micro_speech_int8.tflite");
            // The expected files were generated with the generator's default options, which the item's defaults match.
            p.Write("""
                <McuAiModel Include="hello_world_int8.tflite" />
                <McuAiModel Include="models/micro_speech_int8.tflite" />
                """);
            var result = p.Build($"-p:_McuAiTaskFactory={taskFactory}");
            Assert.True(result.Succeeded, result.ToString());
            // MSBuild notes where a task host's task comes from: proof that the tasks ran out of process.
            Assert.Equal(taskFactory.Length > 0, result.Output.Contains("while the desired location was", System.StringComparison.Ordinal));

            foreach (string model in new[] { "hello_world_int8", "micro_speech_int8" })
            {
                string expectedDir = Path.Combine(Repo.Root, "tests", "McuAi.Core.Tests", "CodeGen", "Expected", model);
                var expected = Directory.GetFiles(expectedDir);
                Assert.NotEmpty(expected);
                foreach (string file in expected)
                {
                    string built = Path.Combine(p.OutputDir, Path.GetFileName(file));
                    Assert.True(File.Exists(built), built);
                    Assert.True(File.ReadAllBytes(file).SequenceEqual(File.ReadAllBytes(built)), $"{built} differs from {file}");
                }
            }
        }
    }
}
