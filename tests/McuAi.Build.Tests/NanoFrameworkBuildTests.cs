using System;
using System.IO;
using System.Linq;
using McuAi.Build.Tests.Infrastructure;
using Xunit;

namespace McuAi.Build.Tests
{
    /// <summary>NanoFramework="true" in a real build: the interop files are outputs like the others (items, incremental, clean), and bad metadata is coded.</summary>
    [Collection(SdkCollection.Name)]
    public sealed class NanoFrameworkBuildTests
    {
        private static readonly string[] s_kwsFiles =
        {
            "App.Models.Kws.cs", "App_Models_Kws.h", "App_Models_Kws.cpp", "App_Models_Kws_mshl.cpp", "FindINTEROP-App.Models.Kws.cmake",
        };

        private readonly SdkFixture _sdk;

        public NanoFrameworkBuildTests(SdkFixture sdk) => _sdk = sdk;

        [Fact]
        public void The_interop_files_are_items_incremental_and_cleaned()
        {
            var p = new TestProject(_sdk, "nano");
            p.AddModel("hello_world_int8", "models/hello_world_int8.tflite");
            p.AddModel("micro_speech_int8", "models/micro_speech_int8.tflite");
            p.Write("""
                <McuAiModel Include="models/hello_world_int8.tflite" />
                <McuAiModel Include="models/micro_speech_int8.tflite" Symbol="kws" NanoFramework="true" NanoFrameworkNamespace="App.Models" NanoFrameworkClass="Kws" OutputDir="generated/" />
                """);

            var (first, items) = p.GetItems("Build", new[] { "McuAiNanoFrameworkFile", "McuAiGeneratedSource" });
            Assert.True(first.Succeeded, first.ToString());
            string generated = Path.Combine(p.Directory, "generated");
            Assert.All(s_kwsFiles, f => Assert.True(File.Exists(Path.Combine(generated, f)), f));
            var nano = items!.RootElement.GetProperty("Items").GetProperty("McuAiNanoFrameworkFile").EnumerateArray().ToList();
            Assert.Equal(s_kwsFiles.OrderBy(f => f, StringComparer.Ordinal), nano.Select(i => Path.GetFileName(i.GetProperty("Identity").GetString()!)).OrderBy(f => f, StringComparer.Ordinal));
            Assert.Equal("csharp", nano.Single(i => i.GetProperty("Extension").GetString() == ".cs").GetProperty("Kind").GetString());
            // The nanoCLR stubs are not C/C++ sources of the model build (they need nf-interpreter's headers).
            Assert.DoesNotContain(items.RootElement.GetProperty("Items").GetProperty("McuAiGeneratedSource").EnumerateArray(),
                i => i.GetProperty("Identity").GetString()!.Contains("App_Models_Kws", StringComparison.Ordinal));
            Assert.DoesNotContain("App_Models_Kws", File.ReadAllText(Path.Combine(p.OutputDir, "mcuai_models.cmake")));

            // A second build generates nothing and keeps every timestamp.
            var before = TestProject.Timestamps(generated);
            var second = p.Build();
            Assert.True(second.Succeeded, second.ToString());
            Assert.Empty(TestProject.Generated(second));
            Assert.Equal(before, TestProject.Timestamps(generated));

            // A nanoFramework metadata change regenerates that model only, under the new names.
            p.Write("""
                <McuAiModel Include="models/hello_world_int8.tflite" />
                <McuAiModel Include="models/micro_speech_int8.tflite" Symbol="kws" NanoFramework="true" NanoFrameworkNamespace="App.Models" NanoFrameworkClass="Keywords" OutputDir="generated/" />
                """);
            var third = p.Build();
            Assert.True(third.Succeeded, third.ToString());
            Assert.Equal(new[] { "kws" }, TestProject.Generated(third));
            Assert.Contains("public static class Keywords", File.ReadAllText(Path.Combine(generated, "App.Models.Keywords.cs")));

            // Clean removes the interop files too, also outside obj/.
            var clean = p.Clean();
            Assert.True(clean.Succeeded, clean.ToString());
            Assert.Empty(Directory.GetFiles(generated));
        }

        [Theory]
        [InlineData("""<McuAiModel Include="m.tflite" NanoFramework="true" NanoFrameworkClass="class" />""", "MCUAI6501", "NanoFrameworkClass='class'")]
        [InlineData("""<McuAiModel Include="m.tflite" NanoFramework="true" NanoFrameworkAssembly="My-Models" />""", "MCUAI6501", "NanoFrameworkAssembly='My-Models'")]
        [InlineData("""<McuAiModel Include="m.tflite" NanoFramework="true" NanoFrameworkNativeVersion="one" />""", "MCUAI6502", "NanoFrameworkNativeVersion='one'")]
        [InlineData("""<McuAiModel Include="m.tflite" NanoFramework="true" DataFormat="incbin" />""", "MCUAI6503", "DataFormat='incbin'")]
        [InlineData("""<McuAiModel Include="m.tflite" NanoFramework="yes" />""", "MCUAI4002", "NanoFramework='yes'")]
        [InlineData("""
            <McuAiModel Include="m.tflite" Symbol="a" NanoFramework="true" NanoFrameworkAssembly="App.Models" />
            <McuAiModel Include="m.tflite" Symbol="b" NanoFramework="true" NanoFrameworkAssembly="App.Models" />
            """, "MCUAI6504", "NanoFrameworkAssembly 'App.Models'")]
        public void Bad_nanoFramework_metadata_is_a_coded_error_on_the_project(string items, string code, string says)
        {
            var p = new TestProject(_sdk, "nano-bad-" + code + Math.Abs(items.GetHashCode() % 1000));
            p.AddModel("hello_world_int8", "m.tflite");
            p.Write(items);
            var result = p.Build();
            Assert.False(result.Succeeded, result.ToString());
            var error = Assert.Single(TestProject.Errors(result), e => e.Code == code);
            Assert.StartsWith(p.ProjectFile, error.Line);
            Assert.Contains(says, error.Line);
        }

        [Fact]
        public void NanoFramework_sample_generates_the_class_and_compiles_the_library_and_app_against_nanoFrameworks_mscorlib()
        {
            // The sample as a user would have it, outside the repository.
            string root = _sdk.NewDirectory("samples");
            CMakeWrapperTests.CopyDirectory(Path.Combine(Repo.SamplesDir, "NanoFramework"), Path.Combine(root, "NanoFramework"));
            string sample = Path.Combine(root, "NanoFramework");
            var result = _sdk.Dotnet(sample, "build", "NanoFramework.proj", "-nodeReuse:false");
            Assert.True(result.Succeeded, result.ToString());
            foreach (string file in new[] { "McuAi.Samples.KeywordModel.cs", "McuAi_Samples_KeywordModel.h", "McuAi_Samples_KeywordModel.cpp",
                         "McuAi_Samples_KeywordModel_mshl.cpp", "FindINTEROP-McuAi.Samples.KeywordModel.cmake", "kws_model.cc", "kws_model_data.cc" })
                Assert.True(File.Exists(Path.Combine(sample, "generated", file)), file);
            Assert.True(File.Exists(Path.Combine(sample, "ModelLibrary", "bin", "Debug", "netstandard2.0", "McuAi.Samples.KeywordModel.dll")), result.Output);
            Assert.True(File.Exists(Path.Combine(sample, "App", "bin", "Debug", "netstandard2.0", "KeywordApp.dll")), result.Output);
        }
    }
}
