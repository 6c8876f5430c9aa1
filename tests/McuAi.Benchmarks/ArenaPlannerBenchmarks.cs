using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using McuAi.Memory;
using McuAi.TfLite;

namespace McuAi.Benchmarks
{
    /// <summary>Time and allocations of a full arena plan (every TFLM step replayed) for real models.</summary>
    [MemoryDiagnoser]
    public class ArenaPlannerBenchmarks
    {
        private Model _model = null!;

        [Params("person_detection_int8", "mlperf_vww_int8", "keyword_scrambled_8bit")]
        public string ModelName { get; set; } = "";

        [GlobalSetup]
        public void Setup() => _model = ModelReader.ReadFile(FindModel(ModelName));

        [Benchmark]
        public long PlanCortexM4CmsisNn() =>
            ArenaPlanner.Plan(_model, new ArenaOptions { PointerSize = 4, Kernels = KernelSet.CmsisNn }).ArenaBytes;

        private static string FindModel(string name)
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "McuAi.Build.sln")))
                    return Path.Combine(dir.FullName, "..", "shared", "models", name + ".tflite");
            throw new InvalidOperationException("cannot find the repository root (McuAi.Build.sln)");
        }
    }
}
