using System.IO;
using System.Linq;
using McuAi.CodeGen;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.CodeGen
{
    /// <summary>The three model-array forms embed the same bytes; the string form survives every escape edge case.</summary>
    public class DataFormatTests
    {
        [RequiresToolTheory("g++")]
        [InlineData(ModelDataFormat.String)]
        [InlineData(ModelDataFormat.Array)]
        [InlineData(ModelDataFormat.Incbin)]
        public void EveryFormatEmbedsTheModelBytesAligned(ModelDataFormat format)
        {
            var (model, bytes) = CodeGenKit.Load("person_detection_int8");
            using var temp = new TempDir();
            string dir = temp.Sub("out");
            var options = new GenerationOptions { Symbol = "pd", DataFormat = format, Alignment = 64 };
            var files = ModelCodeGenerator.Generate(model, bytes, options, "person_detection_int8.tflite");
            Assert.Equal(ModelCodeGenerator.PredictOutputs(options), files.Select(f => f.RelativePath));
            OutputWriter.WriteAll(dir, files);
            File.WriteAllText(Path.Combine(temp.Path, "check.cc"), CodeGenKit.CheckProgram(model, "pd", 64));
            // -Wa,-I: the assembler finds the .tflite copy for .incbin (harmless for the other forms).
            Toolchain.Run("g++", "-std=c++17 -O2 -Wall -Wextra -Werror -Wa,-Iout -I out out/pd_model_data.cc check.cc -o check -lm", temp.Path);
            var facts = CodeGenKit.ParseCheckOutput(Toolchain.Run(Path.Combine(temp.Path, "check"), $"\"{SharedData.ModelPath("person_detection_int8")}\"", temp.Path));
            Assert.Equal("1", facts["equal"]);
            Assert.Equal("1", facts["aligned"]);
        }

        [RequiresToolFact("arm-none-eabi-g++")]
        public void IncbinAssemblesForCortexM()
        {
            var (model, bytes) = CodeGenKit.Load("micro_speech_int8");
            using var temp = new TempDir();
            string dir = temp.Sub("out");
            OutputWriter.WriteAll(dir, ModelCodeGenerator.Generate(model, bytes, new GenerationOptions { Symbol = "kws", DataFormat = ModelDataFormat.Incbin, Section = ".extflash" }, "kws.tflite"));
            Toolchain.Run("arm-none-eabi-g++", "-mcpu=cortex-m4 -mthumb -O2 -Wall -Werror -Wa,-Iout -c out/kws_model_data.cc -o data.o", temp.Path);
            string symbols = Toolchain.Run("arm-none-eabi-nm", "-S data.o", temp.Path);
            // The symbol's size is the model's.
            Assert.Contains($"{bytes.Length:x8} R g_kws_model_data", symbols);
        }

        [RequiresToolFact("g++")]
        public void EscapeEdgeCasesSurviveTheCompiler()
        {
            // Every byte value followed by every character that could extend or merge with its escape.
            var tricky = Enumerable.Range(0, 256).SelectMany(b => new[] { (byte)b, (byte)'0', (byte)b, (byte)'7', (byte)b, (byte)'8', (byte)b, (byte)'?', (byte)'?', (byte)'/', (byte)b, (byte)'\\', (byte)'"' })
                .Concat(new byte[] { 0x3f, 0x3f, 0x3d, 0x01 }).ToArray();
            var (model, _) = CodeGenKit.Load("hello_world_int8");
            using var temp = new TempDir();
            string dir = temp.Sub("out");
            File.WriteAllBytes(Path.Combine(temp.Path, "tricky.bin"), tricky);
            OutputWriter.WriteAll(dir, ModelCodeGenerator.Generate(model, tricky, new GenerationOptions { Symbol = "t" }, "tricky.bin"));
            File.WriteAllText(Path.Combine(temp.Path, "check.cc"), CodeGenKit.CheckProgram(model, "t", 16));
            Toolchain.Run("g++", "-std=c++17 -Wall -Wextra -Werror -trigraphs -I out out/t_model_data.cc check.cc -o check -lm", temp.Path);
            var facts = CodeGenKit.ParseCheckOutput(Toolchain.Run(Path.Combine(temp.Path, "check"), "tricky.bin", temp.Path));
            Assert.Equal("1", facts["equal"]);
        }
    }
}
