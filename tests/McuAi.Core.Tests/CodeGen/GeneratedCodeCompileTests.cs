using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using McuAi.CodeGen;
using McuAi.Memory;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.CodeGen
{
    /// <summary>
    /// The data and settings files of every shared model compile with the host and ARM compilers
    /// (warnings as errors), and a program built from them sees exactly the model's bytes and facts.
    /// </summary>
    public class GeneratedCodeCompileTests
    {
        private const string CxxFlags = "-std=c++17 -O1 -Wall -Wextra -Werror -pedantic";
        private const string CFlags = "-std=c99 -Wall -Wextra -Werror -pedantic";
        private const string ArmFlags = "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -O2 -Wall -Wextra -Werror -pedantic";

        public static IEnumerable<object[]> AllModels() => SharedData.AllModels();

        [RequiresToolTheory("g++", "gcc")]
        [MemberData(nameof(AllModels))]
        public void HostProgramSeesTheModelBytesAndFacts(string name)
        {
            var (model, bytes) = CodeGenKit.Load(name);
            using var temp = new TempDir();
            string symbol = CIdentifier.Sanitize(name);
            string dir = temp.Sub("out");
            CodeGenKit.GenerateInto(dir, model, bytes, new GenerationOptions { Symbol = symbol }, SharedData.ModelPath(name));

            File.WriteAllText(Path.Combine(temp.Path, "check.cc"), CodeGenKit.CheckProgram(model, symbol, 16));
            Toolchain.Run("g++", $"{CxxFlags} -I out out/{symbol}_model_data.cc check.cc -o check -lm", temp.Path);
            var facts = CodeGenKit.ParseCheckOutput(Toolchain.Run(Path.Combine(temp.Path, "check"), $"\"{SharedData.ModelPath(name)}\"", temp.Path));

            Assert.Equal("1", facts["equal"]);
            Assert.Equal("1", facts["aligned"]);
            AssertFacts(name, model, facts);

            // The settings and C API headers as C: constants usable as a static array size.
            File.WriteAllText(Path.Combine(temp.Path, "settings.c"),
                $"#include \"{symbol}_model_data.h\"\n#include \"{symbol}_model.h\"\nstatic unsigned char arena[{symbol}_tensor_arena_size];\n" +
                $"unsigned char* arena_of(void) {{ return arena; }}\n");
            Toolchain.Run("gcc", $"{CFlags} -I out -c settings.c -o settings.o", temp.Path);
        }

        [RequiresToolTheory("arm-none-eabi-g++", "arm-none-eabi-gcc")]
        [MemberData(nameof(AllModels))]
        public void DataAndSettingsCompileForCortexM(string name)
        {
            var (model, bytes) = CodeGenKit.Load(name);
            using var temp = new TempDir();
            string symbol = CIdentifier.Sanitize(name);
            string dir = temp.Sub("out");
            CodeGenKit.GenerateInto(dir, model, bytes, new GenerationOptions { Symbol = symbol, Section = ".rodata.models" }, SharedData.ModelPath(name));
            File.WriteAllText(Path.Combine(temp.Path, "check.cc"), CodeGenKit.CheckProgram(model, symbol, 16));
            File.WriteAllText(Path.Combine(temp.Path, "settings.c"), $"#include \"{symbol}_model.h\"\nint arena_size(void) {{ return {symbol}_tensor_arena_size; }}\n");

            Toolchain.Run("arm-none-eabi-g++", $"{ArmFlags} -I out -c out/{symbol}_model_data.cc -o data.o", temp.Path);
            Toolchain.Run("arm-none-eabi-g++", $"{ArmFlags} -I out -c check.cc -o check.o", temp.Path);
            Toolchain.Run("arm-none-eabi-gcc", $"{ArmFlags.Replace("-pedantic", "-std=c99 -pedantic")} -I out -c settings.c -o settings.o", temp.Path);
            // The array is in its section, aligned, and as large as the model (+1 NUL at most).
            string sections = Toolchain.Run("arm-none-eabi-objdump", "-h data.o", temp.Path);
            var line = sections.Split('\n').FirstOrDefault(l => l.Contains(".rodata.models"));
            Assert.NotNull(line);
            long size = long.Parse(line!.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            Assert.InRange(size, bytes.Length, bytes.Length + 1);
        }

        internal static void AssertFacts(string name, Model model, Dictionary<string, string> facts)
        {
            var g = model.MainSubgraph;
            Assert.Equal($"{g.Inputs.Length} {g.Outputs.Length}", facts["counts"]);

            var plan = ArenaPlanner.Plan(model, new ArenaOptions { PointerSize = 4 });
            long expectedArena = (long)Math.Ceiling(plan.ArenaBytes * 1.05 / 16) * 16; // the default 5 % margin, rounded up to 16
            Assert.Equal(expectedArena.ToString(CultureInfo.InvariantCulture), facts["arena"]);
            Assert.Equal(McuAi.Analysis.ModelAnalyzer.Analyze(model).TotalMacs.ToString(CultureInfo.InvariantCulture), facts["macs"]);

            foreach (var (role, indices) in new[] { ("input", g.Inputs), ("output", g.Outputs) })
            {
                var golden = SharedData.HasGolden(name) && SharedData.Golden(name).TryGetProperty(role + "s", out var list) ? list.EnumerateArray().ToList() : null;
                for (int i = 0; i < indices.Length; i++)
                {
                    var t = g.Tensors[indices[i]];
                    var f = facts[$"tensor {role} {i}"].Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
                    // Ground truth: TFLM's own view of the I/O tensors (golden.json), else the model.
                    string typeName = golden?[i].GetProperty("type").GetString() ?? t.Type.ToString();
                    string shape = golden is null ? string.Join(",", t.Shape) : string.Join(",", golden[i].GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
                    long bytes = golden?[i].GetProperty("bytes").GetInt64() ?? t.ByteSize;
                    string tensorName = golden?[i].GetProperty("name").GetString() ?? t.Name ?? "";
                    Assert.Equal(CodeGenKit.TfLiteTypeNumber(typeName).ToString(CultureInfo.InvariantCulture), f["type"]);
                    Assert.Equal(shape.Length == 0 ? "1" : shape, f["shape"]);
                    Assert.Equal(t.Shape.Length.ToString(CultureInfo.InvariantCulture), f["rank"]);
                    Assert.Equal(bytes.ToString(CultureInfo.InvariantCulture), f["bytes"]);
                    Assert.Equal(CodeGenKit.Hex(tensorName), f["name"]);
                    Assert.Equal(t.Type.ElementSize().ToString(CultureInfo.InvariantCulture), f["elem"]);
                    if (golden is not null && golden[i].TryGetProperty("scale", out var scale))
                    {
                        Assert.Equal("1", f["quantized"]);
                        Assert.Equal(golden[i].GetProperty("zero_point").GetInt64().ToString(CultureInfo.InvariantCulture), f["zp"]);
                        double printed = double.Parse(f["scale"], CultureInfo.InvariantCulture);
                        Assert.True(Math.Abs(printed - scale.GetDouble()) <= 1e-7 * Math.Abs(scale.GetDouble()), $"{role} {i} scale {printed} vs golden {scale.GetDouble()}");
                    }
                    if (CodeGenKit.HasQuantizeHelpers(t)) Assert.Equal("1", facts[$"quantize {role} {i}"]);
                }
            }
        }
    }
}
