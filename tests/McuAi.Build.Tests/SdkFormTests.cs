using System.IO;
using System.Linq;
using McuAi.Build.Tests.Infrastructure;
using Xunit;

namespace McuAi.Build.Tests
{
    /// <summary>The three ways to use the package, and parallel builds sharing one model.</summary>
    [Collection(SdkCollection.Name)]
    public sealed class SdkFormTests
    {
        private readonly SdkFixture _sdk;

        public SdkFormTests(SdkFixture sdk) => _sdk = sdk;

        [Fact]
        public void Works_in_the_Project_Sdk_attribute_with_an_explicit_version()
        {
            var p = new TestProject(_sdk, "sdk-attribute");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            p.WriteRaw($"""
                <Project Sdk="Microsoft.Build.NoTargets/3.7.0;McuAi.Build.Sdk/{Repo.SdkVersion}">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                  <ItemGroup><McuAiModel Include="hello_world_int8.tflite" /></ItemGroup>
                </Project>
                """);
            var result = p.Build();
            Assert.True(result.Succeeded, result.ToString());
            Assert.True(File.Exists(Path.Combine(p.OutputDir, "hello_world_int8_model_data.cc")));
        }

        [Fact]
        public void Works_as_a_PackageReference_in_an_existing_project()
        {
            var p = new TestProject(_sdk, "package-reference");
            p.AddModel("hello_world_int8", "hello_world_int8.tflite");
            p.WriteRaw($"""
                <Project Sdk="Microsoft.Build.NoTargets/3.7.0">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="McuAi.Build.Sdk" Version="{Repo.SdkVersion}" />
                    <McuAiModel Include="hello_world_int8.tflite" />
                  </ItemGroup>
                </Project>
                """);
            var result = p.Build();
            Assert.True(result.Succeeded, result.ToString());
            Assert.True(File.Exists(Path.Combine(p.OutputDir, "hello_world_int8_model_data.cc")));
            Assert.Contains("McuAi: hello_world_int8 (hello_world_int8.tflite):", result.Output);
        }

        [Fact]
        public void Parallel_build_of_projects_sharing_one_model_gives_identical_outputs()
        {
            string root = _sdk.NewDirectory("parallel");
            Directory.CreateDirectory(Path.Combine(root, "shared"));
            File.Copy(Repo.Model("micro_speech_int8"), Path.Combine(root, "shared", "kws.tflite"));
            string[] names = { "alpha", "beta", "gamma", "delta" };
            foreach (string name in names)
            {
                Directory.CreateDirectory(Path.Combine(root, name));
                File.WriteAllText(Path.Combine(root, name, name + ".proj"), """
                    <Project Sdk="Microsoft.Build.NoTargets">
                      <Sdk Name="McuAi.Build.Sdk" />
                      <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                      <ItemGroup><McuAiModel Include="../shared/kws.tflite" /></ItemGroup>
                    </Project>
                    """);
            }
            File.WriteAllText(Path.Combine(root, "all.proj"), """
                <Project Sdk="Microsoft.Build.NoTargets">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                  <ItemGroup><ProjectReference Include="*/*.proj" /></ItemGroup>
                </Project>
                """);
            var result = _sdk.Dotnet(root, "build", "all.proj", "-m:4", "-nodeReuse:false", "-v:n");
            Assert.True(result.Succeeded, result.ToString());

            var outputs = names.Select(n => Path.Combine(root, n, "obj", "Debug", "net10.0", "mcuai")).ToList();
            var files = Directory.GetFiles(outputs[0]).Select(Path.GetFileName).OrderBy(f => f).ToList();
            Assert.Contains("kws_model_data.cc", files);
            foreach (var other in outputs.Skip(1))
            {
                Assert.Equal(files, Directory.GetFiles(other).Select(Path.GetFileName).OrderBy(f => f).ToList());
                foreach (var f in files)
                    Assert.Equal(File.ReadAllBytes(Path.Combine(outputs[0], f!)), File.ReadAllBytes(Path.Combine(other, f!)));
            }
        }
    }
}
