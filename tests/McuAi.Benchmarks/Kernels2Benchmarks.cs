using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Benchmarks
{
    /// <summary>
    /// One inference of the models that exercise the second kernel set: the 16x8 TRANSPOSE_CONV and
    /// CONV_2D single-op models and keyword_scrambled_8bit (SVDF). Inputs are the zero point (golden
    /// vector 0 style); speed does not depend on the values.
    /// Run: dotnet run -c Release --project tests/McuAi.Benchmarks -- --filter *Kernels2*
    /// </summary>
    [MemoryDiagnoser]
    public class Kernels2Benchmarks
    {
        private ModelInterpreter _interpreter = null!;

        [Params("op_seanet_transpose_conv3", "op_seanet_transpose_conv4", "op_seanet_conv21", "keyword_scrambled_8bit")]
        public string Model { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            var model = ModelReader.ReadFile(Path.Combine(SharedModels(), Model + ".tflite"));
            _interpreter = new ModelInterpreter(model, fileName: Model);
            _interpreter.SetInputs(new byte[_interpreter.InputBytes]);
        }

        [Benchmark]
        public void Invoke() => _interpreter.Invoke();

        /// <summary>../shared/models next to the repository root (the folder holding McuAi.Build.sln).</summary>
        private static string SharedModels()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "McuAi.Build.sln")))
                    return Path.Combine(dir.FullName, "..", "shared", "models");
            throw new DirectoryNotFoundException("McuAi.Build.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
