using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace McuAi.Runtime.C.Bench
{
    /// <summary>
    /// dotnet run -c Release --project tests/McuAi.Runtime.C.Bench -- calibrate
    ///                                                               -- layers [MODEL[:FORM]...]   (per-operator instructions)
    /// MODEL is a name in ../shared/models (default: the four MLPerf Tiny / person detection int8 models). FORM makes the
    /// model's simplified form first, as the build does: s4 (4-bit weights on every candidate layer), sp50 or sp75 (weights
    /// magnitude-pruned to 50 % / 75 % of the blocks of 4); the C backend then picks the INT4 or block-sparse kernels.
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

        private static string ModelPath(string repo, string name) => Path.Combine(repo, "..", "shared", "models", name + ".tflite");

        private static string RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "McuAi.Build.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("McuAi.Build.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
