using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Benchmarks
{
    /// <summary>
    /// One inference of the audio front ends (TFLM Signal ops: window, fixed-point 512-point FFT,
    /// 40-channel mel filter bank, noise reduction, PCAN, log) on a random 30 ms frame of 480 samples.
    /// Run: dotnet run -c Release --project tests/McuAi.Benchmarks -- --filter *SignalBenchmarks*
    /// </summary>
    [MemoryDiagnoser]
    public class SignalBenchmarks
    {
        private ModelInterpreter _interpreter = null!;

        [Params("audio_preprocessor_int8", "audio_preprocessor_float")]
        public string Model { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            var model = ModelReader.ReadFile(Path.Combine(SharedModels(), Model + ".tflite"));
            _interpreter = new ModelInterpreter(model, fileName: Model);
            var frame = new byte[_interpreter.InputBytes];
            new Random(1).NextBytes(frame);
            _interpreter.SetInputs(frame);
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
