using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.CodeGen
{
    /// <summary>Two models in one project: a resolver with the union of their ops, the two arena figures, and the CMake list.</summary>
    public class CombinedGenerationTests
    {
        private static readonly string[] s_models = { "micro_speech_int8", "person_detection_int8" };

        private static List<(Model Model, GenerationOptions Options, string? FileName)> Inputs() =>
            s_models.Select(n => (CodeGenKit.Load(n).Model, new GenerationOptions { Symbol = n }, (string?)SharedData.ModelPath(n))).ToList();

        [Fact]
        public void ResolverRegistersTheUnionOfTheOpsOnce()
        {
            var files = ModelCodeGenerator.GenerateCombined(Inputs());
            Assert.Equal(ModelCodeGenerator.PredictCombinedOutputs(), files.Select(f => f.RelativePath));
            string resolver = Encoding.UTF8.GetString(files.Single(f => f.RelativePath == "mcuai_op_resolver.h").Content);

            // TFLM's own record of the operators each model runs (golden.json).
            var union = s_models.SelectMany(n => SharedData.Golden(n).GetProperty("operators").EnumerateArray().Select(o => o.GetString()!))
                .Distinct().OrderBy(o => o, StringComparer.Ordinal).ToList();
            Assert.Contains($"tflite::MicroMutableOpResolver<{union.Count}>", resolver);
            var registered = resolver.Split('\n').Where(l => l.Contains("resolver.Add")).Select(l => l.Substring(l.LastIndexOf("/* ", StringComparison.Ordinal) + 3).TrimEnd(' ', '/', '*')).ToList();
            Assert.Equal(union, registered);
        }

        [RequiresToolFact("gcc")]
        public void ArenaConstantsAreTheLargestAndTheSum()
        {
            var inputs = Inputs();
            var arenas = inputs.Select(i => ModelCodeGenerator.BuildView(i.Model, File.ReadAllBytes(i.FileName!), i.Options, i.FileName, new List<Diagnostic>()).ArenaSize).ToList();
            using var temp = new TempDir();
            string dir = temp.Sub("out");
            foreach (var (model, options, file) in inputs) OutputWriter.WriteAll(dir, ModelCodeGenerator.Generate(model, File.ReadAllBytes(file!), options, file));
            OutputWriter.WriteAll(dir, ModelCodeGenerator.GenerateCombined(inputs));

            File.WriteAllText(Path.Combine(temp.Path, "main.c"),
                "#include <stdio.h>\n#include \"mcuai_models.h\"\n" +
                "int main(void) { printf(\"%d %d %d\\n\", mcuai_model_count, mcuai_arena_size_sequential, mcuai_arena_size_concurrent); return 0; }\n");
            Toolchain.Run("gcc", "-std=c99 -Wall -Wextra -Werror -pedantic -I out main.c -o main", temp.Path);
            string printed = Toolchain.Run(Path.Combine(temp.Path, "main"), "", temp.Path).Trim();
            Assert.Equal($"2 {arenas.Max()} {arenas.Sum()}", printed);
            Assert.True(arenas.Max() < arenas.Sum());
        }

        [RequiresToolFact("cmake")]
        public void CMakeListNamesTheFilesRelativeToItself()
        {
            using var temp = new TempDir();
            string dir = temp.Sub("gen");
            OutputWriter.WriteAll(dir, ModelCodeGenerator.GenerateCombined(Inputs()));
            string cmake = File.ReadAllText(Path.Combine(dir, "mcuai_models.cmake"));
            Assert.DoesNotContain(temp.Path, cmake);
            Assert.Contains("${CMAKE_CURRENT_LIST_DIR}", cmake);

            // Move the folder: the list still resolves to its neighbours.
            string moved = Path.Combine(temp.Path, "moved elsewhere");
            Directory.Move(dir, moved);
            File.WriteAllText(Path.Combine(temp.Path, "probe.cmake"),
                "include(\"${DIR}/mcuai_models.cmake\")\nmessage(STATUS \"SOURCES=${MCUAI_SOURCES}\")\nmessage(STATUS \"INCLUDES=${MCUAI_INCLUDE_DIRS}\")\n");
            var start = new System.Diagnostics.ProcessStartInfo("cmake", $"-DDIR=\"{moved}\" -P probe.cmake")
            { WorkingDirectory = temp.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = System.Diagnostics.Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            var sources = output.Split('\n').Single(l => l.Contains("SOURCES=")).Split(new[] { "SOURCES=" }, StringSplitOptions.None)[1].Trim().Split(';');
            Assert.Equal(new[] { "micro_speech_int8_model_data.cc", "person_detection_int8_model_data.cc", "micro_speech_int8_model.cc", "person_detection_int8_model.cc" }
                .Select(f => moved + "/" + f), sources);
            Assert.Contains("INCLUDES=" + moved, output);
        }

        [RequiresToolFact("cmake")]
        public void CMakeListPointsAtModelsInTheirOwnFoldersRelativeToItself()
        {
            using var temp = new TempDir();
            string combined = temp.Sub(Path.Combine("obj", "mcuai"));
            string speech = temp.Sub("fw out");      // a model with its own output folder beside the project
            var inputs = Inputs();
            inputs[0].Options.OutputDirectory = speech;
            inputs[1].Options.OutputDirectory = combined;
            inputs[1].Options.DataFormat = ModelDataFormat.Incbin;
            foreach (var (model, options, file) in inputs)
                OutputWriter.WriteAll(options.OutputDirectory!, ModelCodeGenerator.Generate(model, File.ReadAllBytes(file!), options, file));
            OutputWriter.WriteAll(combined, ModelCodeGenerator.GenerateCombined(inputs, new List<Diagnostic>(), combined));
            string cmake = File.ReadAllText(Path.Combine(combined, "mcuai_models.cmake"));
            Assert.DoesNotContain(temp.Path, cmake);
            Assert.Contains("\"${CMAKE_CURRENT_LIST_DIR}/../../fw out/micro_speech_int8_model_data.cc\"", cmake);

            // Moved together, the list still finds every file where it really is.
            string moved = Path.Combine(temp.Path, "moved");
            Directory.CreateDirectory(moved);
            Directory.Move(Path.Combine(temp.Path, "obj"), Path.Combine(moved, "obj"));
            Directory.Move(speech, Path.Combine(moved, "fw out"));
            var values = CMakeValues(Path.Combine(moved, "obj", "mcuai"), temp.Path, "MCUAI_SOURCES", "MCUAI_INCLUDE_DIRS", "MCUAI_COMPILE_OPTIONS");
            var sources = values["MCUAI_SOURCES"].Select(Path.GetFullPath).ToList();
            Assert.Equal(4, sources.Count);
            Assert.All(sources, s => Assert.True(File.Exists(s), s));
            Assert.Contains(Path.Combine(moved, "fw out", "micro_speech_int8_model_data.cc"), sources);
            Assert.Contains(Path.Combine(moved, "obj", "mcuai", "person_detection_int8_model.cc"), sources);
            var includes = values["MCUAI_INCLUDE_DIRS"].Select(d => Path.GetFullPath(d).TrimEnd('/')).ToList();
            Assert.Equal(new[] { Path.Combine(moved, "obj", "mcuai"), Path.Combine(moved, "fw out") }, includes);
            // The .incbin copy is in the combined folder only: the assembler's include path is that one.
            var option = Assert.Single(values["MCUAI_COMPILE_OPTIONS"]);
            Assert.StartsWith("-Wa,-I", option);
            Assert.Equal(Path.Combine(moved, "obj", "mcuai"), Path.GetFullPath(option.Substring("-Wa,-I".Length)).TrimEnd('/'));
            Assert.True(File.Exists(Path.Combine(moved, "obj", "mcuai", "person_detection_int8_model_data.tflite")));
        }

        /// <summary>The list variables mcuai_models.cmake sets, as CMake itself reads them (cmake -P).</summary>
        private static Dictionary<string, string[]> CMakeValues(string folder, string workDir, params string[] names)
        {
            File.WriteAllText(Path.Combine(workDir, "values.cmake"), "include(\"${DIR}/mcuai_models.cmake\")\n" +
                string.Concat(names.Select(n => $"foreach(v IN LISTS {n})\n  message(STATUS \"{n}=${{v}}\")\nendforeach()\n")));
            var start = new System.Diagnostics.ProcessStartInfo("cmake") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-DDIR=" + folder);
            start.ArgumentList.Add("-P");
            start.ArgumentList.Add("values.cmake");
            using var process = System.Diagnostics.Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, output);
            return names.ToDictionary(n => n, n => output.Split('\n').Where(l => l.StartsWith("-- " + n + "=", StringComparison.Ordinal))
                .Select(l => l.Substring(("-- " + n + "=").Length).TrimEnd('\r')).ToArray());
        }

        [Fact]
        public void TwoModelsWithOneSymbolAreAnError()
        {
            var inputs = Inputs();
            inputs[1].Options.Symbol = inputs[0].Options.Symbol;
            var e = Assert.Throws<McuAiException>(() => ModelCodeGenerator.GenerateCombined(inputs));
            Assert.Equal(DiagnosticCodes.CombinedSymbolClash, e.Code);
            Assert.Contains("micro_speech_int8.tflite", e.Message);
        }
    }
}
