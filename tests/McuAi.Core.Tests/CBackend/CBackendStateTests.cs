using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using McuAi.CodeGen;
using McuAi.Interpreter;
using McuAi.Tests.CodeGen;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.CBackend
{
    /// <summary>
    /// State in the C runtime (SVDF's activation state, the audio front end's noise estimates, an LSTM's hidden and cell states): it persists from one invoke to
    /// the next as in the interpreter (which matches TFLM), and S_init clears it. The golden tests start every vector from a
    /// fresh state; here the self-test's vectors run one after another with the interpreter's outputs for that sequence.
    /// </summary>
    public class CBackendStateTests
    {
        private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);
        private const int Vectors = 10; // more than the SVDF cases' memory (2 and 8): their rings wrap

        private const string Main = """
            #include <stdio.h>
            #include "m_selftest.h"
            /* The self-test runs init, then every vector in turn; twice, so the second run shows that init clears the state. */
            int main(void) {
              int first = m_selftest(), second = m_selftest();
              printf("first %d second %d\n", first, second);
              return first != 0 || second != 0;
            }
            """;

        /// <summary>Models with state whose outputs show it (keyword_scrambled_8bit's do not: its outputs saturate).</summary>
        public static IEnumerable<object[]> Cases() => new[]
        {
            new object[] { "audio_preprocessor_int8", "" },
            new object[] { "svdf_s8_rank2", "" },
            new object[] { "svdf_s8_rank2", "-DMCUAI_DSP_EMULATE" },
            new object[] { "svdf_s8_memory8", "" },
            new object[] { "svdf_s8_memory8", "-DMCUAI_DSP_EMULATE" },
            new object[] { "svdf_s8_int16_state", "" },
            // LSTM: the hidden and cell states (int8 hidden at its zero point after init).
            new object[] { "lstm_s8", "" },
            new object[] { "lstm_s8_time_major", "-DMCUAI_DSP_EMULATE" },
            new object[] { "mnist_lstm_float", "" },
        };

        [RequiresToolTheory("gcc")]
        [MemberData(nameof(Cases))]
        public async Task State_persists_across_invokes_and_init_clears_it(string name, string flags)
        {
            var opCase = OpCases.All().FirstOrDefault(c => c.Symbol == name);
            string path = opCase.Build is null ? SharedData.ModelPath(name) : name + ".tflite";
            var model = opCase.Build is null ? ModelReader.ReadFile(path) : opCase.Build();
            var vectors = SelfTestVectors.FromInterpreter(model, Vectors, path);
            // The test can fail: with a fresh state some vector's outputs differ from the sequence's.
            var fresh = new ModelInterpreter(model, fileName: path);
            Assert.Contains(vectors.Skip(1), v =>
            {
                fresh.ResetVariableTensors();
                fresh.SetInputs(v.Inputs);
                fresh.Invoke();
                return !fresh.GetOutputs().SequenceEqual(v.Outputs);
            });

            using var temp = new TempDir();
            string src = temp.Sub("src");
            var files = ModelCodeGenerator.Generate(model, ReadOnlyMemory<byte>.Empty,
                new GenerationOptions { Symbol = "m", Runtime = ModelRuntime.C, SelfTest = Vectors }, path);
            OutputWriter.WriteAll(src, files);
            File.WriteAllText(Path.Combine(src, "state_main.c"), Main);
            var args = new List<string> { "-std=c99", "-Wall", "-Wextra", "-Werror", "-O2", "-I", src };
            args.AddRange(flags.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            args.AddRange(Directory.GetFiles(src, "*.c").OrderBy(f => f, StringComparer.Ordinal));
            args.AddRange(new[] { "-lm", "-o", Path.Combine(temp.Path, "state") });
            var build = await ProcessRun.RunAsync("gcc", args, temp.Path, s_timeout);
            Assert.True(build.ExitCode == 0, build.Describe("gcc"));
            var run = await ProcessRun.RunAsync(Path.Combine(temp.Path, "state"), Array.Empty<string>(), temp.Path, s_timeout);
            Assert.True(run.ExitCode == 0, run.Describe("the state test"));
            Assert.Contains("first 0 second 0", run.Output);
        }
    }
}
