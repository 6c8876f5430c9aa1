using System;
using System.Globalization;
using System.IO;
using System.Collections.Generic;
using System.Linq;
using McuAi.Compiler;
using McuAi.Compiler.Cost;
using McuAi.Simplification;
using McuAi.TfLite;

namespace McuAi.Runtime.C.Bench
{
    /// <summary>
    /// dotnet run -c Release --project tests/McuAi.Runtime.C.Bench -- calibrate
    ///                                                               -- layers [MODEL[:FORM]...]   (per-operator instructions)
    /// MODEL is a name in ../shared/models (default: the four MLPerf Tiny / person detection int8 models). FORM makes the
    /// model's simplified form first, as the build does: s4 (4-bit weights on every candidate layer), sp50 or sp75 (weights
    /// magnitude-pruned to 50 % / 75 % of the blocks of 4); the C backend then picks the INT4 or block-sparse kernels.
    ///                                                               -- costs [MODEL[:VARIANT]...]   (fits KernelCostTable)
    /// For costs, MODEL defaults to every model there plus the variants that run the INT4 and sparse kernels: VARIANT
    /// s4 = 4-bit weights, sp50/sp75 = magnitude-pruned, each compiled with Optimize="size"; size = the model as is with
    /// Optimize="size"; and cost_cases, the single-operator models of the kernel paths no model there takes (CostCases).
    /// Whole models against TFLM (golden.json) are measured by the C backend's figures test (docs/c-backend.md).
    /// </summary>
    public static class Program
    {
        private static readonly string[] s_defaultModels = { "person_detection_int8", "mlperf_vww_int8", "mlperf_ic_int8", "mlperf_kws_int8" };

        public static int Main(string[] args)
        {
            string repo = RepoRoot();
            var firmware = new CortexM4Firmware(repo);
            string command = args.Length > 0 ? args[0] : "layers";
            var models = args.Length > 1 ? args.Skip(1).ToArray() : s_defaultModels;
            string work = Path.Combine(Path.GetTempPath(), "mcuai-cbench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(work);
            try
            {
                switch (command)
                {
                    case "calibrate":
                        string elf = firmware.Build(work, new[] { Path.Combine(firmware.FirmwareDir, "calibrate.c") }, Array.Empty<string>());
                        string output = firmware.Execute(elf, TimeSpan.FromMinutes(2));
                        Console.Write(output);
                        return output.Contains("calibrate failures 0") ? 0 : 1;
                    case "layers":
                        foreach (string m in models)
                        {
                            string dir = Path.Combine(work, m.Replace(':', '_'));
                            Directory.CreateDirectory(dir);
                            PrintLayers(m, LayerBench.Run(firmware, SimplifiedForm.Write(ModelPath(repo, m.Split(':')[0]), m.Contains(':') ? m.Split(':')[1] : null, dir), dir));
                        }
                        return 0;
                    case "costs":
                        CalibrateCosts(firmware, repo, args.Length > 1 ? args.Skip(1).ToArray() : CostModels(repo), work);
                        return 0;
                    default:
                        Console.Error.WriteLine($"unknown command '{command}': use calibrate or layers");
                        return 2;
                }
            }
            finally
            {
                // MCUAI_BENCH_KEEP=1 keeps the generated sources and images for inspection.
                if (Environment.GetEnvironmentVariable("MCUAI_BENCH_KEEP") == "1") Console.Error.WriteLine("kept " + work);
                else try { Directory.Delete(work, recursive: true); } catch (IOException) { }
            }
        }

        private static void PrintLayers(string model, System.Collections.Generic.IReadOnlyList<LayerResult> layers)
        {
            Console.WriteLine($"## {model}");
            Console.WriteLine("| op | layer | shape | MACs | instructions | per MAC |");
            Console.WriteLine("|---:|---|---|---:|---:|---:|");
            foreach (var l in layers)
                Console.WriteLine($"| {l.Operator} | {l.Op} | {l.Shape} | {l.Macs} | {(l.Instructions?.ToString(CultureInfo.InvariantCulture) ?? l.Note)} | {(l.PerMac is double p ? p.ToString("F3", CultureInfo.InvariantCulture) : "")} |");
            long total = layers.Sum(l => l.Instructions ?? 0), macs = layers.Sum(l => l.Macs);
            Console.WriteLine($"| | total measured | | {macs} | {total} | {(macs > 0 ? ((double)total / macs).ToString("F3", CultureInfo.InvariantCulture) : "")} |");
            Console.WriteLine();
        }

        /// <summary>Every model of ../shared/models, and the variants that run the INT4 and sparse kernels.</summary>
        private static string[] CostModels(string repo) =>
            Directory.GetFiles(Path.Combine(repo, "..", "shared", "models"), "*.tflite").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal)
                .Concat(new[] { "mlperf_vww_int8:size", CostCases.Name })
                .Concat(new[] { "mlperf_kws_int8", "mlperf_ic_int8", "person_detection_int8" }.SelectMany(m => new[] { m + ":s4", m + ":sp50", m + ":sp75" }))
                .ToArray()!;

        private static void CalibrateCosts(CortexM4Firmware firmware, string repo, string[] models, string work)
        {
            var measured = new List<(string Model, IReadOnlyList<LayerResult> Layers)>();
            foreach (string spec in models)
            {
                if (spec == CostCases.Name)
                {
                    Console.Error.WriteLine("measuring " + spec);
                    measured.Add((spec, MeasureCostCases(firmware, Path.Combine(work, spec))));
                    continue;
                }
                string[] parts = spec.Split(':');
                string path = ModelPath(repo, parts[0]);
                var model = ModelReader.ReadFile(path);
                string variant = parts.Length > 1 ? parts[1] : "";
                model = variant switch
                {
                    "s4" => Int4Weights.Convert(model, Int4Weights.Candidates(model)).Model,
                    "sp50" => MagnitudePruner.Prune(model, new WeightPruningOptions { Sparsity = 0.5 }).Model,
                    "sp75" => MagnitudePruner.Prune(model, new WeightPruningOptions { Sparsity = 0.75 }).Model,
                    "" or "size" => model,
                    _ => throw new ArgumentException($"unknown variant '{variant}' in '{spec}': use s4, sp50, sp75 or size"),
                };
                model = ModelReader.Read(ModelWriter.Write(model), path); // through the file format, as a build reads it
                var optimization = variant.Length == 0 ? CompileOptimization.Speed : CompileOptimization.Size;
                Console.Error.WriteLine("measuring " + spec);
                try
                {
                    var layers = LayerBench.Run(firmware, model, path, optimization, Path.Combine(work, spec.Replace(':', '_')), LayerBench.GoldenInput(path));
                    if (layers.Any(l => l.Instructions is not null)) measured.Add((spec, layers));
                }
                catch (Exception e) when (e is InvalidOperationException || e is IOException || e is TimeoutException)
                {
                    Console.Error.WriteLine($"{spec}: not measured: {e.Message}");
                }
            }
            var table = CostCalibration.Fit(measured.SelectMany(m => m.Layers));
            // MCUAI_COSTS_DUMP=FILE: every measured call with its terms, tab-separated, to study the fit elsewhere.
            if (Environment.GetEnvironmentVariable("MCUAI_COSTS_DUMP") is { Length: > 0 } dump)
                File.WriteAllLines(dump, measured.SelectMany(m => m.Layers.Where(l => l.Instructions is not null).Select(l =>
                    $"{m.Model}\t{l.Operator}\t{l.Instructions}\t" + string.Join(";", l.Calls.Select(c => c.Key + "=" + string.Join(",", Enumerable.Range(0, CostTerms.Count).Select(t => c.Terms[t])))))));
            Console.WriteLine("## Estimate errors (sum of the operators measured alone; fitted table / table in KernelCostTable.cs)");
            Console.WriteLine("| model | measured | fitted estimate | error | current estimate | error | largest layer error (>= 5 % of the model) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (spec, layers) in measured)
            {
                var ran = layers.Where(l => l.Instructions is not null).ToList();
                long total = ran.Sum(l => l.Instructions!.Value);
                long? fitted = ran.Aggregate((long?)0, (s, l) => s + CostCalibration.Estimate(l, table));
                long? current = ran.Aggregate((long?)0, (s, l) => s + l.Estimate);
                double worst = ran.Where(l => l.Instructions >= 0.05 * total && CostCalibration.Estimate(l, table) is not null)
                    .Select(l => Math.Abs((double)CostCalibration.Estimate(l, table)!.Value / l.Instructions!.Value - 1)).DefaultIfEmpty(0).Max();
                Console.WriteLine($"| {spec} | {total} | {fitted} | {Error(fitted, total)} | {current} | {Error(current, total)} | {worst * 100:F1} % |");
            }
            Console.WriteLine();
            Console.WriteLine("## Layers of at least 5 % of their model estimated more than 10 % off (fitted table)");
            Console.WriteLine("| model | op | layer | kernel paths | measured | estimate | error |");
            Console.WriteLine("|---|---:|---|---|---:|---:|---:|");
            foreach (var (spec, layers) in measured)
            {
                long total = layers.Sum(l => l.Instructions ?? 0);
                foreach (var l in layers)
                    if (l.Instructions is long m && m >= 0.05 * total && CostCalibration.Estimate(l, table) is long e && Math.Abs((double)e / m - 1) > 0.10)
                        Console.WriteLine($"| {spec} | {l.Operator} | {l.Op} {l.Shape} | {string.Join(" ", l.Calls.Select(c => c.Key))} | {m} | {e} | {Error(e, m)} |");
            }
            Console.WriteLine();
            Console.WriteLine("## KernelCostTable.Coefficients (paste into src/McuAi.Core/Compiler/Cost/KernelCostTable.cs)");
            Console.Write(CostCalibration.CSharp(table));
        }

        /// <summary>Every operator of <see cref="CostCases"/> measured alone (on its deterministic inputs).</summary>
        public static IReadOnlyList<LayerResult> MeasureCostCases(CortexM4Firmware firmware, string work)
        {
            Directory.CreateDirectory(work);
            string path = Path.Combine(work, CostCases.Name + ".tflite");
            File.WriteAllBytes(path, ModelWriter.Write(CostCases.Combined()));
            var model = ModelReader.ReadFile(path); // through the file format, as a build reads it
            return LayerBench.Run(firmware, model, path, CompileOptimization.Speed, work, CostCases.Input(model));
        }

        private static string Error(long? estimate, long measured) =>
            estimate is long e ? Math.Round(((double)e / measured - 1) * 100, 1).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %" : "-";

        private static string ModelPath(string repo, string name) => Path.Combine(repo, "..", "shared", "models", name + ".tflite");

        private static string RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "McuAi.Build.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("McuAi.Build.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
