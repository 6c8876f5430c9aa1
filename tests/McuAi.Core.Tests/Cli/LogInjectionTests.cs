using System;
using System.IO;
using System.Linq;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Cli
{
    /// <summary>
    /// Issue 10 §C: a custom op's name reached stderr raw in warning MCUAI1006, so a newline forged an
    /// MSBuild-style error line and ANSI escapes drove the terminal. Every model string in a message is now
    /// escaped and capped, in every command.
    /// </summary>
    public class LogInjectionTests : IDisposable
    {
        private const string Forged = "model.tflite(1,1): error MCUAI9999: forged";
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "mcuai-inject-" + Guid.NewGuid().ToString("N"));

        public LogInjectionTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        /// <summary>hello_world_int8 with its first operator turned into a custom op of a hostile name.</summary>
        private string HostileModel(string customName)
        {
            var m = ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));
            m.OperatorCodes.Add(new OperatorCode { DeprecatedBuiltinCode = 32, BuiltinCode = 32, CustomCode = customName });
            var op = m.MainSubgraph.Operators[0];
            op.OpcodeIndex = (uint)(m.OperatorCodes.Count - 1);
            op.BuiltinOptions = null;
            string path = Path.Combine(_dir, "hostile.tflite");
            ModelWriter.WriteFile(m, path);
            return path;
        }

        [Theory]
        [InlineData("analyze")]
        [InlineData("generate")]
        [InlineData("run")]
        public void A_custom_op_name_cannot_forge_lines_or_drive_the_terminal(string command)
        {
            string name = "op\n" + Forged + "\r\n\u001b[31mred\u001b[0m\u202e" + new string('x', 100_000);
            string model = HostileModel(name);
            var args = command switch
            {
                "generate" => new[] { "generate", model, "--out", Path.Combine(_dir, "out"), "--symbol", "m" },
                "run" => new[] { "run", model, "--input", WriteInput() },
                _ => new[] { "analyze", model },
            };
            var (_, stdout, stderr) = McuaiProcess.Run(args);
            foreach (string output in new[] { stdout, stderr })
            {
                Assert.DoesNotContain('\u001b', output);
                Assert.DoesNotContain('\u202e', output);
                Assert.DoesNotContain(output.Split('\n'), line => line.StartsWith(Forged, StringComparison.Ordinal));
                Assert.All(output.Split('\n'), line => Assert.True(line.Length < 4000, $"a line of {line.Length} characters"));
            }
            Assert.Contains("MCUAI10", stdout + stderr);
        }

        private string WriteInput()
        {
            string path = Path.Combine(_dir, "in.bin");
            File.WriteAllBytes(path, new byte[1]);
            return path;
        }
    }
}
