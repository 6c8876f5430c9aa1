using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using McuAi.Quantization;
using McuAi.TfLite;

namespace McuAi.Benchmarks
{
    /// <summary>
    /// Quantization of mlperf_vww_float with 200 synthetic calibration samples (uniform [0, 1], seed 1), by phase.
    /// Goal: a whole `mcuai quantize` run (process start, .npy read, calibrate, quantize, write) in at most 3 s on a
    /// 2-core machine. Run: dotnet run -c Release --project tests/McuAi.Benchmarks -- --filter *Quantization*
    /// </summary>
    [MemoryDiagnoser]
    public class QuantizationBenchmarks
    {
        private byte[] _bytes = Array.Empty<byte>();
        private Model _model = null!;
        private CalibrationData _data = null!;
        private System.Collections.Generic.IReadOnlyDictionary<int, TensorRange> _ranges = null!;

        [GlobalSetup]
        public void Setup()
        {
            _bytes = File.ReadAllBytes(SharedModels.Find("mlperf_vww_float.tflite"));
            _model = ModelReader.Read(_bytes);
            var rng = new Random(1);
            int size = (int)_model.MainSubgraph.Tensors[_model.MainSubgraph.Inputs[0]].ElementCount;
            _data = CalibrationData.FromSamples(Enumerable.Range(0, 200).Select(_ =>
                new[] { Enumerable.Range(0, size).Select(_ => (float)rng.NextDouble()).ToArray() }), _model);
            _ranges = Calibrator.Run(_model, _data, new QuantizationOptions());
        }

        [Benchmark(Description = "calibrate (200 samples)")]
        public int Calibrate() => Calibrator.Run(_model, _data, new QuantizationOptions()).Count;

        [Benchmark(Description = "quantize graph (ranges given)")]
        public int QuantizeGraph()
        {
            var model = ModelReader.Read(_bytes);
            return ModelQuantizer.Quantize(model, _ranges, new QuantizationOptions()).QuantizedWeightTensors;
        }

        [Benchmark(Description = "whole run: calibrate + quantize + serialise")]
        public int Whole() => Quantizer.Quantize(_bytes, "vww", _ => _data, new QuantizationOptions()).ModelBytes.Length;
    }

    internal static class SharedModels
    {
        /// <summary>The shared models folder beside the repository clone (../shared/models).</summary>
        public static string Find(string file)
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, "..", "shared", "models", file);
                    if (File.Exists(Path.Combine(dir.FullName, "McuAi.Build.sln")) && File.Exists(candidate)) return candidate;
                }
            throw new FileNotFoundException("cannot find ../shared/models/" + file + " beside the repository");
        }
    }
}
