using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using McuAi.Analysis;
using McuAi.Reports;
using McuAi.TfLite;

namespace McuAi.Benchmarks
{
    /// <summary>
    /// Parse + analyze of the largest shared model (mlperf_vww_float, 866 KB). Goal: under 5 ms, and no copy of the
    /// weight bytes: the allocation column must stay far below the file size.
    /// </summary>
    [MemoryDiagnoser]
    public class AnalysisBenchmarks
    {
        private byte[] _bytes = Array.Empty<byte>();
        private Model _model = null!;

        [GlobalSetup]
        public void Setup()
        {
            _bytes = File.ReadAllBytes(FindModel("mlperf_vww_float.tflite"));
            _model = ModelReader.Read(_bytes);
        }

        [Benchmark(Description = "parse + analyze")]
        public ModelAnalysis ParseAndAnalyze() => ModelAnalyzer.Analyze(ModelReader.Read(_bytes), new AnalysisOptions { ModelSizeBytes = _bytes.Length });

        [Benchmark(Description = "analyze (parsed model)")]
        public ModelAnalysis Analyze() => ModelAnalyzer.Analyze(_model, new AnalysisOptions { ModelSizeBytes = _bytes.Length });

        [Benchmark(Description = "report JSON")]
        public byte[] ReportJsonOnly() => ReportJson.RenderUtf8(ModelReport.Create(_model, _bytes, "mlperf_vww_float.tflite"));

        /// <summary>The shared models folder beside the repository clone (../shared/models), found from the working or base directory.</summary>
        private static string FindModel(string file)
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
