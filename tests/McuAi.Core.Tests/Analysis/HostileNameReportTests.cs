using System;
using System.IO;
using System.Linq;
using McuAi.Reports;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Analysis
{
    /// <summary>
    /// Issue 10 §C: the structure-aware fuzzer (seed 20261205, mutant 6587) made a model whose 1 MB custom-op
    /// name, one string in the file, was shared by 466 operators; `mcuai analyze` ran for minutes because the
    /// reports printed the whole name once per layer (and a 1 MB tensor name once per operator using it).
    /// Every model string reaching an output is capped, so the output stays small whatever the model says.
    /// </summary>
    public class HostileNameReportTests : IDisposable
    {
        private const int Megabyte = 1 << 20;
        private const int SharingOperators = 500;
        /// <summary>Far above any honest report of a 500-layer model, far below 500 copies of a 1 MB name.</summary>
        private const long MaxOutputBytes = 4 * Megabyte;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "mcuai-hostile-names-" + Guid.NewGuid().ToString("N"));

        public HostileNameReportTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        /// <summary>
        /// hello_world_int8 plus <see cref="SharingOperators"/> custom operators of one op code with a 1 MB name,
        /// each reading the model's input, whose name is also 1 MB: the file holds each long name once.
        /// </summary>
        public static Model SharedLongNamesModel()
        {
            var m = ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));
            var g = m.MainSubgraph;
            int input = g.Inputs[0];
            g.Tensors[input].Name = "in" + new string('i', Megabyte);
            m.OperatorCodes.Add(new OperatorCode { DeprecatedBuiltinCode = 32, BuiltinCode = 32, CustomCode = "op" + new string('o', Megabyte) });
            uint custom = (uint)(m.OperatorCodes.Count - 1);
            var like = g.Tensors[input];
            for (int i = 0; i < SharingOperators; i++)
            {
                g.Tensors.Add(new Tensor { Shape = like.Shape.ToArray(), Type = like.Type, Name = "c" + i, Quantization = like.Quantization, HasRank = true });
                g.Operators.Add(new Operator { OpcodeIndex = custom, Inputs = new[] { input }, Outputs = new[] { g.Tensors.Count - 1 } });
            }
            return m;
        }

        private string WriteModel()
        {
            string path = Path.Combine(_dir, "shared_names.tflite");
            ModelWriter.WriteFile(SharedLongNamesModel(), path);
            return path;
        }

        [Fact]
        public void Reports_of_every_form_stay_small()
        {
            var report = ModelReport.FromFile(WriteModel());
            Assert.Equal(SharingOperators + 3, report.Analysis.Layers.Count);
            Assert.Contains(report.Analysis.Warnings, d => d.Code == "MCUAI1006");
            foreach (string output in new[]
            {
                ReportText.Render(report), ReportJson.Render(report), ReportMarkdown.Render(report),
                ArenaTimelineSvg.Render(report.Arena, report.Model),
            })
            {
                Assert.True(output.Length < MaxOutputBytes, $"an output of {output.Length} characters");
                Assert.Contains("characters)", output); // the long names are shown, cut, with their length
            }
        }

        [Fact]
        public void Shown_names_are_made_once_per_code_and_tensor()
        {
            var m = SharedLongNamesModel();
            var code = m.OperatorCodes[^1];
            Assert.Same(code.ShownName, code.ShownName);
            Assert.True(code.ShownName.Length < 200);
            Assert.StartsWith("CUSTOM:op", code.ShownName);
            var input = m.MainSubgraph.Tensors[m.MainSubgraph.Inputs[0]];
            Assert.Same(input.ShownName, input.ShownName);
            input.Name = "renamed\n";
            Assert.Equal("renamed\\x0a", input.ShownName); // a new name, a new shown form
        }

        [Theory]
        [InlineData("analyze")]
        [InlineData("analyze-json")]
        [InlineData("analyze-report")]
        [InlineData("generate")]
        [InlineData("generate-c")]
        [InlineData("run")]
        public void Every_command_answers_with_bounded_output(string command)
        {
            string model = WriteModel();
            string out1 = Path.Combine(_dir, "out");
            string input = Path.Combine(_dir, "in.bin");
            File.WriteAllBytes(input, new byte[1]);
            var args = command switch
            {
                "analyze-json" => new[] { "analyze", model, "--json" },
                "analyze-report" => new[] { "analyze", model, "--report", out1 },
                "generate" => new[] { "generate", model, "--out", out1, "--symbol", "m" },
                "generate-c" => new[] { "generate", model, "--out", out1, "--symbol", "m", "--runtime", "c" },
                "run" => new[] { "run", model, "--input", input },
                _ => new[] { "analyze", model },
            };
            var (exit, stdout, stderr) = McuaiProcess.Run(args);
            Assert.True(stdout.Length + stderr.Length < MaxOutputBytes, $"{stdout.Length + stderr.Length} characters printed");
            // analyze and generate accept the model (an unknown custom op is a warning); the C backend and the
            // interpreter have no kernel for it and refuse it with their codes.
            var (expectedExit, code) = command switch
            {
                "generate-c" => (1, "MCUAI6001"),
                "run" => (1, "MCUAI1010"),
                _ => (0, "MCUAI1006"),
            };
            Assert.Equal(expectedExit, exit);
            Assert.Contains(code, stdout + stderr);
            if (Directory.Exists(out1))
            {
                // generate's model array holds the 2 MB file itself, as C text (about 2.3 MB), and the settings header
                // the input's name once as an exact C string literal (firmware looks the tensor up by it): about 1 MB
                // each; one copy per operator would be 500 MB.
                long written = Directory.EnumerateFiles(out1).Sum(f => new FileInfo(f).Length);
                Assert.True(written < 2 * MaxOutputBytes, $"{written} bytes written");
                foreach (string f in Directory.EnumerateFiles(out1).Where(f => !f.EndsWith("_data.cc", StringComparison.Ordinal)))
                    Assert.True(new FileInfo(f).Length < 2 * Megabyte, $"{Path.GetFileName(f)}: {new FileInfo(f).Length} bytes");
            }
        }
    }
}
