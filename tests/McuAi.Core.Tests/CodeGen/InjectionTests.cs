using System;
using System.IO;
using System.Linq;
using System.Text;
using McuAi.CodeGen;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.CodeGen
{
    /// <summary>
    /// Hostile strings in a model (tensor names, description, file name) cannot inject code: the files
    /// have exactly the lines that a clean model gives, compile, and carry the names byte for byte.
    /// </summary>
    public class InjectionTests
    {
        private const string EvilInput = "in */ #include \"/etc/passwd\"\n#include <evil.h>\nint injected = 1; /* ??/\n\\\n";
        private const string EvilOutput = "out\r\n#error injected\n*/ } namespace x { \"\\\" ??= \u00e9\u0000end";
        private const string EvilDescription = "*/\n#define int float\n/* // \\";

        [RequiresToolFact("g++", "gcc")]
        public void HostileNamesGiveCodeThatCompilesAndHasNoInjectedLine()
        {
            var (model, bytes) = CodeGenKit.Load("micro_speech_int8");
            var clean = ModelCodeGenerator.Generate(model, bytes, new GenerationOptions { Symbol = "kws" }, "kws.tflite");

            // A real hostile file: rename tensors in the object model, write it, read it back.
            var g = model.MainSubgraph;
            g.Tensors[g.Inputs[0]].Name = EvilInput;
            g.Tensors[g.Outputs[0]].Name = EvilOutput;
            model.Description = EvilDescription;
            byte[] evilBytes = McuAi.TfLite.ModelWriter.Write(model);
            model = McuAi.TfLite.ModelReader.Read(evilBytes, "evil.tflite");
            Assert.Equal(EvilInput, model.MainSubgraph.Tensors[model.MainSubgraph.Inputs[0]].Name);
            var evil = ModelCodeGenerator.Generate(model, evilBytes, new GenerationOptions { Symbol = "kws" }, "/x/evil */\n#include <y>.tflite");

            foreach (var (c, e) in clean.Zip(evil))
            {
                string cleanText = Encoding.UTF8.GetString(c.Content), evilText = Encoding.UTF8.GetString(e.Content);
                // The model array holds the (longer) hostile file: its line count may differ, its directives may not.
                if (!e.RelativePath.EndsWith("_model_data.cc", StringComparison.Ordinal))
                    Assert.Equal(cleanText.Split('\n').Length, evilText.Split('\n').Length);
                foreach (string line in evilText.Split('\n'))
                {
                    Assert.False(line.TrimStart().StartsWith("#include <evil", StringComparison.Ordinal), line);
                    Assert.False(line.TrimStart().StartsWith("#error", StringComparison.Ordinal), line);
                    Assert.False(line.TrimStart().StartsWith("#define int", StringComparison.Ordinal), line);
                    Assert.DoesNotContain("\r", line);
                }
                Assert.Equal(cleanText.Split('\n').Count(l => l.StartsWith("#", StringComparison.Ordinal)),
                             evilText.Split('\n').Count(l => l.StartsWith("#", StringComparison.Ordinal)));
            }

            using var temp = new TempDir();
            string dir = temp.Sub("out");
            OutputWriter.WriteAll(dir, evil);
            File.WriteAllText(Path.Combine(temp.Path, "check.cc"), CodeGenKit.CheckProgram(model, "kws", 16));
            Toolchain.Run("g++", "-std=c++17 -Wall -Wextra -Werror -I out out/kws_model_data.cc check.cc -o check -lm", temp.Path);
            File.WriteAllBytes(Path.Combine(temp.Path, "evil.tflite"), evilBytes);
            var facts = CodeGenKit.ParseCheckOutput(Toolchain.Run(Path.Combine(temp.Path, "check"), "evil.tflite", temp.Path));
            Assert.Equal("1", facts["equal"]);
            // The names reach the firmware intact (up to an embedded NUL, where C strings end).
            Assert.EndsWith("name=" + CodeGenKit.Hex(EvilInput), facts["tensor input 0"]);
            Assert.EndsWith("name=" + CodeGenKit.Hex(EvilOutput.Substring(0, EvilOutput.IndexOf('\0'))), facts["tensor output 0"]);
            File.WriteAllText(Path.Combine(temp.Path, "c.c"), "#include \"kws_model.h\"\nint size(void) { return kws_tensor_arena_size; }\n");
            Toolchain.Run("gcc", "-std=c99 -trigraphs -Wall -Wextra -Werror -I out -c c.c -o c.o", temp.Path);
        }
    }
}
