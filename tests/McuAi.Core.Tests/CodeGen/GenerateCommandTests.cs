using System.IO;
using System.Linq;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.CodeGen
{
    /// <summary>`mcuai generate`: options reach the files; bad input is a non-zero exit, never a crash.</summary>
    public class GenerateCommandTests
    {
        private static int Mcuai(params string[] args) => McuAi.Cli.Program.Main(args);

        [Fact]
        public void OptionsReachTheGeneratedFiles()
        {
            using var temp = new TempDir();
            string output = Path.Combine(temp.Path, "out");
            Assert.Equal(0, Mcuai("generate", SharedData.ModelPath("micro_speech_int8"), "--out", output, "--symbol", "kws", "--namespace", "app::ml",
                "--alignment", "32", "--section", ".extflash", "--arena-section", ".sram2", "--arena-size", "20000", "--data-format", "incbin", "--report"));
            string data = File.ReadAllText(Path.Combine(output, "kws_model_data.cc"));
            Assert.Contains(".pushsection .extflash", data);
            Assert.Contains(".balign 32", data);
            Assert.Equal(File.ReadAllBytes(SharedData.ModelPath("micro_speech_int8")), File.ReadAllBytes(Path.Combine(output, "kws_model_data.tflite")));
            Assert.Contains("namespace app::ml {", File.ReadAllText(Path.Combine(output, "kws_op_resolver.h")));
            Assert.Contains("kws_tensor_arena_size = 20000,", File.ReadAllText(Path.Combine(output, "kws_model_settings.h")));
            string model = File.ReadAllText(Path.Combine(output, "kws_model.cc"));
            Assert.Contains("alignas(32) uint8_t g_arena[kws_tensor_arena_size] __attribute__((section(\".sram2\")));", model);
            Assert.Contains("using Resolver = app::ml::kws_op_resolver;", model);
            Assert.True(File.Exists(Path.Combine(output, "kws_report.md")));
            Assert.True(File.Exists(Path.Combine(output, "kws_report.json")));
            Assert.True(File.Exists(Path.Combine(output, "kws_arena.svg")));
        }

        [Fact]
        public void TheSummaryCountsEveryFileWrittenIncludingTheReport()
        {
            using var temp = new TempDir();
            string output = Path.Combine(temp.Path, "out");
            var (exit, stdout, _) = McuaiProcess.Run("generate", SharedData.ModelPath("hello_world_int8"), "--out", output, "--symbol", "hw", "--report");
            Assert.Equal(0, exit);
            Assert.Equal(9, Directory.GetFiles(output).Length);
            Assert.Equal($"hw: 9 files in {output} (9 written, 0 unchanged)", stdout.Trim());
            (exit, stdout, _) = McuaiProcess.Run("generate", SharedData.ModelPath("hello_world_int8"), "--out", output, "--symbol", "hw", "--report");
            Assert.Equal($"hw: 9 files in {output} (0 written, 9 unchanged)", stdout.Trim());
        }

        [Fact]
        public void StripEmbedsTheStrippedModel()
        {
            using var temp = new TempDir();
            string output = Path.Combine(temp.Path, "out");
            Assert.Equal(0, Mcuai("generate", SharedData.ModelPath("person_detection_int8"), "--out", output, "--symbol", "pd", "--data-format", "incbin", "--strip"));
            byte[] original = File.ReadAllBytes(SharedData.ModelPath("person_detection_int8"));
            byte[] embedded = File.ReadAllBytes(Path.Combine(output, "pd_model_data.tflite"));
            // Stripped, person_detection would be larger (the writer aligns every buffer): the original bytes are embedded.
            Assert.True(McuAi.TfLite.ModelWriter.Write(McuAi.TfLite.ModelStripper.Strip(McuAi.TfLite.ModelReader.Read(original)).Model).Length > original.Length);
            Assert.Equal(original, embedded);
            Assert.Contains($"g_pd_model_data_size = {embedded.Length}u;", File.ReadAllText(Path.Combine(output, "pd_model_data.cc")));

            // A model that does get smaller embeds exactly what the stripper and the writer make of it.
            Assert.Equal(0, Mcuai("generate", SharedData.ModelPath("hello_world_int8"), "--out", output, "--symbol", "hw", "--data-format", "incbin", "--strip"));
            byte[] hello = File.ReadAllBytes(SharedData.ModelPath("hello_world_int8"));
            byte[] expected = McuAi.TfLite.ModelWriter.Write(McuAi.TfLite.ModelStripper.Strip(McuAi.TfLite.ModelReader.Read(hello)).Model);
            Assert.True(expected.Length < hello.Length);
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(output, "hw_model_data.tflite")));
        }

        [Fact]
        public void AnArenaSizeBelowThePlanIsAWarningThatNamesTheFlag()
        {
            using var temp = new TempDir();
            string model = SharedData.ModelPath("micro_speech_int8");
            var (exit, _, stderr) = McuaiProcess.Run("generate", model, "--out", Path.Combine(temp.Path, "out"), "--arena-size", "1000");
            Assert.Equal(0, exit);
            Assert.StartsWith(model + ": warning MCUAI2010: the arena size 1000 is smaller than the ", stderr);
            Assert.Contains("Set --arena-size auto or at least ", stderr);
        }

        [Fact]
        public void BadInputIsAnErrorExit()
        {
            using var temp = new TempDir();
            string output = Path.Combine(temp.Path, "out");
            Assert.Equal(1, Mcuai("generate", Path.Combine(temp.Path, "missing.tflite"), "--out", output));
            Assert.Equal(1, Mcuai("generate", SharedData.ModelPath("hello_world_int8"), "--out", output, "--symbol", "2bad"));
            Assert.Equal(1, Mcuai("generate", SharedData.ModelPath("hello_world_int8"), "--out", output, "--arena-size", "lots"));
            File.WriteAllBytes(Path.Combine(temp.Path, "junk.tflite"), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 });
            Assert.Equal(1, Mcuai("generate", Path.Combine(temp.Path, "junk.tflite"), "--out", output));
            Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
        }
    }
}
