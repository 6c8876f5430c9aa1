using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using McuAi.Analysis;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Benchmarks
{
    /// <summary>
    /// One inference of the reference interpreter, single thread, on TFLM's golden input vector 1.
    /// Goal: at least 3× faster than TFLM's reference kernels (g++ -O2, one core), whose times are in
    /// <see cref="TflmReferenceMs"/>. Extra columns: inferences/s, GMAC/s (MACs from the model analysis)
    /// and the speed-up over TFLM.
    /// Run: <c>dotnet run -c Release --project tests/McuAi.Benchmarks -- --filter '*InterpreterBenchmarks*'</c>.
    /// </summary>
    [Config(typeof(Columns))]
    [MinColumn]
    public class InterpreterBenchmarks
    {
        /// <summary>TFLM reference kernels per inference (the figures).</summary>
        public static readonly IReadOnlyDictionary<string, double> TflmReferenceMs = new Dictionary<string, double>
        {
            ["mlperf_vww_float"] = 6.0,
            ["mlperf_ic_float"] = 9.0,
            ["mlperf_kws_int8"] = 13.7,
            ["mlperf_vww_int8"] = 25.8,
            ["mlperf_ic_int8"] = 42.8,
            ["person_detection_int8"] = 47.6,
        };

        private ModelInterpreter _interpreter = null!;
        private byte[] _input = Array.Empty<byte>();

        [ParamsSource(nameof(Models))]
        public string Model { get; set; } = "";

        public static IEnumerable<string> Models => TflmReferenceMs.Keys;

        [GlobalSetup]
        public void Setup()
        {
            _interpreter = new ModelInterpreter(ModelReader.ReadFile(SharedFile("models", Model + ".tflite")));
            _input = File.ReadAllBytes(SharedFile("golden", Path.Combine(Model, "in1.bin")));
        }

        [Benchmark(Description = "inference")]
        public void Inference()
        {
            // Inputs are set every time: the planner reuses input memory for later activations.
            _interpreter.SetInputs(_input);
            _interpreter.Invoke();
        }

        /// <summary>Multiply-accumulates of one inference, from the model analysis.</summary>
        public static long Macs(string model)
        {
            var m = ModelReader.ReadFile(SharedFile("models", model + ".tflite"));
            return m.MainSubgraph.Operators.Sum(op => MacCounter.Count(m, m.MainSubgraph, op));
        }

        internal static string SharedFile(string folder, string file)
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, "..", "shared", folder, file);
                    if (File.Exists(Path.Combine(dir.FullName, "McuAi.Build.sln")) && File.Exists(candidate)) return candidate;
                }
            throw new FileNotFoundException($"cannot find ../shared/{folder}/{file} beside the repository");
        }

        private sealed class Columns : ManualConfig
        {
            public Columns()
            {
                AddColumn(new DerivedColumn("Inferences/s", (model, ns) => (1e9 / ns).ToString("F0", CultureInfo.InvariantCulture)));
                AddColumn(new DerivedColumn("GMAC/s", (model, ns) => (Macs(model) / ns).ToString("F2", CultureInfo.InvariantCulture)));
                AddColumn(new DerivedColumn("TFLM ref ms", (model, ns) => TflmReferenceMs[model].ToString("F1", CultureInfo.InvariantCulture)));
                AddColumn(new DerivedColumn("× TFLM", (model, ns) => (TflmReferenceMs[model] * 1e6 / ns).ToString("F1", CultureInfo.InvariantCulture)));
                AddColumn(new DerivedColumn("× TFLM (min)", (model, ns) => (TflmReferenceMs[model] * 1e6 / ns).ToString("F1", CultureInfo.InvariantCulture), best: true));
            }
        }

        /// <summary>
        /// A column computed from the model name and the time of one inference in nanoseconds: the mean, or with
        /// <c>best</c> the fastest iteration, which a machine shared with other work distorts least.
        /// </summary>
        private sealed class DerivedColumn : IColumn
        {
            private readonly Func<string, double, string> _value;

            private readonly bool _best;

            public DerivedColumn(string name, Func<string, double, string> value, bool best = false)
            {
                ColumnName = name;
                _value = value;
                _best = best;
            }

            public string Id => nameof(DerivedColumn) + ColumnName;
            public string ColumnName { get; }
            public bool AlwaysShow => true;
            public ColumnCategory Category => ColumnCategory.Custom;
            public int PriorityInCategory => 0;
            public bool IsNumeric => true;
            public UnitType UnitType => UnitType.Dimensionless;
            public string Legend => ColumnName;
            public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
            public bool IsAvailable(Summary summary) => true;
            public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

            public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
            {
                var stats = summary[benchmarkCase]?.ResultStatistics;
                if (stats is null) return "-";
                return _value((string)benchmarkCase.Parameters["Model"], _best ? stats.Min : stats.Mean);
            }
        }
    }
}
