using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using McuAi.TfLite;

namespace McuAi.Benchmarks
{
    /// <summary>
    /// Parsing and writing the largest shared model (mlperf_vww_float, 866 KB). Goal: parse under 5 ms
    /// with allocations far below the model size (weights are sliced from the file, never copied).
    /// Run: dotnet run -c Release --project tests/McuAi.Benchmarks -- --filter '*Format*'
    /// </summary>
    [MemoryDiagnoser]
    public class FormatBenchmarks
    {
        private byte[] _bytes = Array.Empty<byte>();
        private Model _model = new();

        [Params("mlperf_vww_float", "mlperf_vww_int8")]
        public string ModelName { get; set; } = "mlperf_vww_float";

        [GlobalSetup]
        public void Setup()
        {
            _bytes = File.ReadAllBytes(ModelPath(ModelName));
            _model = ModelReader.Read(_bytes, ModelName);
        }

        [Benchmark]
        public Model Read() => ModelReader.Read(_bytes, ModelName);

        [Benchmark]
        public byte[] Write() => ModelWriter.Write(_model);

        [Benchmark]
        public StripResult Strip() => ModelStripper.Strip(_model);

        /// <summary>../shared/models beside the repository root (found from the benchmark's own folder).</summary>
        private static string ModelPath(string name)
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "McuAi.Build.sln")))
                    return Path.Combine(dir.FullName, "..", "shared", "models", name + ".tflite");
            throw new InvalidOperationException("cannot find the repository root (McuAi.Build.sln) above " + AppContext.BaseDirectory);
        }
    }
}
