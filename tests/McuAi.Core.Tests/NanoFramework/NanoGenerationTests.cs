using System.IO;
using System.Linq;
using System.Text;
using McuAi.CodeGen;
using McuAi.CodeGen.NanoFramework;
using McuAi.Diagnostics;
using McuAi.Tests.CodeGen;
using McuAi.Tests.Infrastructure;
using Mono.Cecil;
using Xunit;

namespace McuAi.Tests.NanoFramework
{
    /// <summary>What the nanoFramework options produce and refuse, through the API and `mcuai generate`.</summary>
    public class NanoGenerationTests
    {
        private static McuAiException Fails(NanoFrameworkOptions nano, ModelDataFormat format = ModelDataFormat.String)
        {
            var (model, bytes) = CodeGenKit.Load("hello_world_int8");
            return Assert.Throws<McuAiException>(() => ModelCodeGenerator.Generate(model, bytes,
                new GenerationOptions { Symbol = "hw", DataFormat = format, NanoFramework = nano }, "/models/hw.tflite"));
        }

        [Theory]
        [InlineData("Models..Kws", null, null)]
        [InlineData("1Models", null, null)]
        [InlineData("My-Models", null, null)]
        [InlineData(null, "class", null)]
        [InlineData(null, "Kws Model", null)]
        [InlineData(null, "__Kws", null)]
        [InlineData(null, null, "Models.Kws-1")]
        [InlineData(null, null, "Models.*/")]
        public void Names_that_cannot_be_CSharp_or_C_are_MCUAI6501(string? ns, string? cls, string? assembly)
        {
            var e = Fails(new NanoFrameworkOptions { Namespace = ns, ClassName = cls, AssemblyName = assembly });
            Assert.Equal(DiagnosticCodes.NanoFrameworkInvalidName, e.Code);
            Assert.Equal("/models/hw.tflite", e.File);
            Assert.DoesNotContain("*/", e.Message);
        }

        [Theory]
        [InlineData("1")]
        [InlineData("1.0.0.0.0")]
        [InlineData("1.x")]
        [InlineData("1.65536")]
        [InlineData("-1.0")]
        public void A_bad_native_version_is_MCUAI6502(string version) =>
            Assert.Equal(DiagnosticCodes.NanoFrameworkInvalidVersion, Fails(new NanoFrameworkOptions { NativeVersion = version }).Code);

        [Fact]
        public void The_incbin_format_is_MCUAI6503() =>
            Assert.Equal(DiagnosticCodes.NanoFrameworkIncbin, Fails(new NanoFrameworkOptions(), ModelDataFormat.Incbin).Code);

        [Fact]
        public void Defaults_come_from_the_symbol_and_the_outputs_are_predicted()
        {
            var resolved = new NanoFrameworkOptions().Resolve("micro_speech_int8");
            Assert.Equal(("McuAi.Models", "MicroSpeechInt8", "McuAi.Models.MicroSpeechInt8", "1.0.0.0"),
                (resolved.Namespace, resolved.ClassName, resolved.AssemblyName, resolved.NativeVersion));
            Assert.Equal("Model3d", NanoFrameworkOptions.PascalCase("3d"));
            var (model, bytes) = CodeGenKit.Load("micro_speech_int8");
            var options = new GenerationOptions { Symbol = "micro_speech_int8", NanoFramework = new NanoFrameworkOptions() };
            Assert.Equal(ModelCodeGenerator.PredictOutputs(options), ModelCodeGenerator.Generate(model, bytes, options, "kws.tflite").Select(f => f.RelativePath));
            Assert.Contains("McuAi.Models.MicroSpeechInt8.cs", ModelCodeGenerator.PredictOutputs(options));
            Assert.Contains("FindINTEROP-McuAi.Models.MicroSpeechInt8.cmake", ModelCodeGenerator.PredictOutputs(options));
        }

        [Fact]
        public void The_command_line_writes_the_interop_and_refuses_nf_flags_without_nanoframework()
        {
            using var temp = new TempDir();
            string output = Path.Combine(temp.Path, "out");
            Assert.Equal(0, McuAi.Cli.Program.Main(new[] { "generate", SharedData.ModelPath("hello_world_int8"), "--out", output, "--symbol", "hw",
                "--nanoframework", "--nf-namespace", "App.Ml", "--nf-class", "Sine", "--nf-assembly", "App.Ml.Sine", "--nf-native-version", "2.1.0.0" }));
            string cs = File.ReadAllText(Path.Combine(output, "App.Ml.Sine.cs"));
            Assert.Contains("namespace App.Ml", cs);
            Assert.Contains("public static class Sine", cs);
            Assert.Contains("{ 2, 1, 0, 0 }", File.ReadAllText(Path.Combine(output, "App_Ml_Sine.cpp")));
            Assert.Contains("struct Library_App_Ml_Sine_App_Ml_Sine", File.ReadAllText(Path.Combine(output, "App_Ml_Sine.h")));
            Assert.True(File.Exists(Path.Combine(output, "FindINTEROP-App.Ml.Sine.cmake")));

            var (code, _, stderr) = McuaiProcess.Run("generate", SharedData.ModelPath("hello_world_int8"), "--out", Path.Combine(temp.Path, "o2"), "--nf-class", "Sine");
            Assert.Equal(1, code);
            Assert.Contains("error MCUAI6501", stderr);
            Assert.Contains("--nanoframework", stderr);
            (code, _, stderr) = McuaiProcess.Run("generate", SharedData.ModelPath("hello_world_int8"), "--out", Path.Combine(temp.Path, "o3"), "--nanoframework", "--nf-class", "class");
            Assert.Equal(1, code);
            Assert.Contains("hello_world_int8.tflite: error MCUAI6501", stderr);
            Assert.False(Directory.Exists(Path.Combine(temp.Path, "o3")) && Directory.GetFiles(Path.Combine(temp.Path, "o3")).Length > 0);
        }

        [RequiresToolFact("g++", "dotnet")]
        public void Hostile_tensor_names_cannot_inject_CSharp_or_C()
        {
            const string evil = "in\" + X(); } } namespace Evil { class P { //\n#error x\n*/ </summary> \\u0022 \u00e9\u0000end";
            var (model, _) = CodeGenKit.Load("hello_world_int8");
            var g = model.MainSubgraph;
            g.Tensors[g.Inputs[0]].Name = evil;
            g.Tensors[g.Outputs[0]].Name = "out\r\n<!-- &amp; -->";
            byte[] bytes = McuAi.TfLite.ModelWriter.Write(model);
            model = McuAi.TfLite.ModelReader.Read(bytes, "evil.tflite");
            var (cleanModel, cleanBytes) = CodeGenKit.Load("hello_world_int8");
            var options = new GenerationOptions { Symbol = "hw", NanoFramework = new NanoFrameworkOptions() };
            var clean = ModelCodeGenerator.Generate(cleanModel, cleanBytes, options, "hw.tflite");
            var files = ModelCodeGenerator.Generate(model, bytes, options, "evil */\n.tflite");
            foreach (var (c, e) in clean.Zip(files).Where(p => !p.First.RelativePath.EndsWith("_model_data.cc", System.StringComparison.Ordinal)))
                Assert.Equal(Encoding.UTF8.GetString(c.Content).Split('\n').Length, Encoding.UTF8.GetString(e.Content).Split('\n').Length);

            using var temp = new TempDir();
            string dir = temp.Sub("out");
            OutputWriter.WriteAll(dir, files);
            var (exitCode, output, assemblies) = NanoCSharpBuild.Run(temp.Sub("build"), new[] { ("McuAi.Models.Hw", new[] { Path.Combine(dir, "McuAi.Models.Hw.cs") }) });
            Assert.True(exitCode == 0, output);
            using var assembly = AssemblyDefinition.ReadAssembly(assemblies["McuAi.Models.Hw"]);
            var type = assembly.MainModule.GetType("McuAi.Models.Hw");
            Assert.Equal(evil, type.Fields.Single(f => f.Name == "Input0Name").Constant);
            Assert.Single(assembly.MainModule.Types, t => t.Name != "<Module>" && !t.Name.StartsWith("<", System.StringComparison.Ordinal));
            Toolchain.Run("g++", $"-std=c++11 -Wall -Wextra -Werror -I \"{NanoKit.NanoClrHeaders}\" -I out -c out/McuAi_Models_Hw.cpp out/McuAi_Models_Hw_mshl.cpp", temp.Path);
        }
    }
}
