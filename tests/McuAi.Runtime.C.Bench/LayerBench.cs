using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using McuAi.Analysis;
using McuAi.CodeGen;
using McuAi.Compiler;
using McuAi.Compiler.Cost;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Runtime.C.Bench
{
    /// <summary>One operator of a model compiled alone and measured on the Cortex-M4.</summary>
    public sealed record LayerResult(int Operator, string Op, string Shape, long Macs, long? Instructions, string? Note)
    {
        /// <summary>The kernel calls the operator compiles to, with their cost-model keys and terms (empty for a view).</summary>
        public IReadOnlyList<(string Key, CostTerms Terms)> Calls { get; init; } = Array.Empty<(string, CostTerms)>();

        /// <summary>The cost model's estimate of the operator (its calls), or null when a call's kernel path has no coefficients.</summary>
        public long? Estimate => Calls.Aggregate((long?)0, (sum, c) => sum + InstructionCostModel.Estimate(c.Key, c.Terms));

        public double? PerMac => Instructions is long n && Macs > 0 ? (double)n / Macs : null;
    }

    /// <summary>
    /// Instructions of every operator of a model on the emulated Cortex-M4: each operator becomes a model of its
    /// own (<see cref="SingleOperatorModel"/>), compiled by the real C backend (Runtime="c"); one firmware runs
    /// them all and counts the instructions of each invoke (mcuai_icount). Each layer reads the activations the
    /// interpreter computes for the model's input when one is given (some kernels' costs depend on the values: exp and
    /// log tables, float special cases), up to <see cref="MaxRealInputBytes"/> per layer; else pseudo-random bytes.
    /// </summary>
    public static class LayerBench
    {
        public const int MaxRealInputBytes = 64 * 1024;

        private static readonly Regex s_line = new(@"^layer (\d+) instructions (\d+)", RegexOptions.Multiline);

        public static IReadOnlyList<LayerResult> Run(CortexM4Firmware firmware, string modelPath, string work) =>
            Run(firmware, ModelReader.ReadFile(modelPath), modelPath, CompileOptimization.Speed, work, GoldenInput(modelPath));

        /// <summary>Golden vector 1's input of a model of ../shared (the vector golden.json's instruction counts use), or null.</summary>
        public static byte[]? GoldenInput(string modelPath)
        {
            string file = Path.Combine(Path.GetDirectoryName(modelPath)!, "..", "golden", Path.GetFileNameWithoutExtension(modelPath), "in1.bin");
            return File.Exists(file) ? File.ReadAllBytes(file) : null;
        }

        public static IReadOnlyList<LayerResult> Run(CortexM4Firmware firmware, Model model, string modelPath, CompileOptimization optimization, string work, byte[]? input = null)
        {
            var activations = input is null ? null : Activations(model, input, modelPath);
            var analysis = ModelAnalyzer.Analyze(model, null, modelPath);
            string src = Path.Combine(work, "src");
            Directory.CreateDirectory(src);
            var results = new List<LayerResult>();
            var measured = new List<(int Operator, Model Layer, IReadOnlyList<byte[]?> Inputs)>();
            for (int k = 0; k < model.MainSubgraph.Operators.Count; k++)
            {
                var info = analysis.Layers[k];
                string shape = string.Join(" ", info.Inputs.Where(i => !i.IsConstant).Select(i => "[" + string.Join(",", i.Shape) + "]")) + " -> " +
                               string.Join(" ", info.Outputs.Select(o => "[" + string.Join(",", o.Shape) + "]"));
                var layer = SingleOperatorModel.Extract(model, k);
                try
                {
                    var options = new GenerationOptions { Symbol = "l" + k.ToString(CultureInfo.InvariantCulture), Runtime = ModelRuntime.C, Optimize = optimization };
                    var compiled = CModelCompiler.Compile(layer, options.Symbol, modelPath, optimization);
                    OutputWriter.WriteAll(src, ModelCodeGenerator.Generate(layer, ModelWriter.Write(layer), options, modelPath, new List<Diagnostic>(), compiled));
                    var op = model.MainSubgraph.Operators[k];
                    var tensors = model.MainSubgraph.Tensors;
                    // The single-operator model's inputs, in its order: the operator's activation inputs (see SingleOperatorModel).
                    var sources = op.Inputs.Where(t => t >= 0 && !model.IsConstant(tensors[t]) && !tensors[t].IsVariable).Distinct()
                        .Select(t => activations is not null && activations.TryGetValue(t, out var bytes) ? bytes : null).ToList();
                    if (sources.Sum(b => b?.Length ?? 0) > MaxRealInputBytes || sources.Any(b => b is null)) sources = sources.Select(_ => (byte[]?)null).ToList();
                    measured.Add((k, layer, sources));
                    var calls = compiled.Program.Layers.Select(l => (InstructionCostModel.KeyOf(l), InstructionCostModel.TermsOf(l, compiled.Program))).ToList();
                    results.Add(new LayerResult(k, info.Op, shape, info.Macs, null, null) { Calls = calls });
                }
                catch (McuAiException e)
                {
                    results.Add(new LayerResult(k, info.Op, shape, info.Macs, null, e.Code));
                }
            }
            if (measured.Count == 0) return results;

            string main = Path.Combine(work, "bench_layers.c");
            File.WriteAllText(main, MainSource(measured));
            string elf = firmware.Build(work, Directory.GetFiles(src, "*.c").OrderBy(f => f, StringComparer.Ordinal).Append(main), new[] { src });
            string output = firmware.Execute(elf, TimeSpan.FromMinutes(10));
            var counts = s_line.Matches(output).Cast<Match>().ToDictionary(m => int.Parse(m.Groups[1].Value), m => long.Parse(m.Groups[2].Value));
            return results.Select(r => counts.TryGetValue(r.Operator, out long n) ? r with { Instructions = n } : r).ToList();
        }

        /// <summary>Every tensor's value when the interpreter runs the model on <paramref name="input"/>; null when it cannot run it.</summary>
        private static Dictionary<int, byte[]>? Activations(Model model, byte[] input, string path)
        {
            try
            {
                var interpreter = new McuAi.Interpreter.ModelInterpreter(model, null, path);
                if (input.Length != interpreter.InputBytes) return null;
                interpreter.SetInputs(input);
                var values = model.MainSubgraph.Inputs.ToDictionary(t => t, t => interpreter.Tensor(t).Data.ToArray());
                interpreter.Invoke(new Recorder(values));
                return values;
            }
            catch (McuAiException)
            {
                return null;
            }
        }

        private sealed class Recorder : McuAi.Interpreter.IInvokeObserver
        {
            private readonly Dictionary<int, byte[]> _values;
            public Recorder(Dictionary<int, byte[]> values) => _values = values;
            public void OnOperatorEvaluated(int operatorIndex, IReadOnlyList<McuAi.Interpreter.RuntimeTensor> outputs)
            {
                foreach (var o in outputs) _values[o.Index] = o.Data.ToArray();
            }
        }

        /// <summary>The firmware's main: sets each layer's inputs (real activations or pseudo-random bytes), then counts one invoke.</summary>
        private static string MainSource(IReadOnlyList<(int Operator, Model Layer, IReadOnlyList<byte[]?> Inputs)> layers)
        {
            var c = new StringBuilder();
            c.Append("/* Generated by McuAi.Runtime.C.Bench: instructions of one invoke of each layer. */\n");
            c.Append("#include <stdio.h>\n#include <stdint.h>\n#include <stddef.h>\n#include <string.h>\n#include \"console.h\"\n#include \"mcuai_icount.h\"\n");
            foreach (var (k, _, _) in layers) c.Append($"#include \"l{k}_model.h\"\n");
            c.Append("static uint32_t s_seed = 12345u;\n");
            c.Append("static void fill(void* data, size_t n) { uint8_t* p = (uint8_t*)data; while (n--) { s_seed = s_seed * 1664525u + 1013904223u; *p++ = (uint8_t)(s_seed >> 24); } }\n");
            foreach (var (k, _, inputs) in layers)
                for (int i = 0; i < inputs.Count; i++)
                    if (inputs[i] is { } bytes) c.Append($"static const uint8_t s_in{k}_{i}[{bytes.Length}] = {{").Append(string.Join(",", bytes)).Append("};\n");
            foreach (var (k, _, _) in layers) c.Append($"static void run{k}(void* unused) {{ (void)unused; l{k}_invoke(); }}\n");
            c.Append("int main(void)\n{\n  char line[80];\n  mcuai_icount_init();\n");
            foreach (var (k, layer, inputs) in layers)
            {
                c.Append($"  l{k}_init();\n");
                var sub = layer.MainSubgraph;
                for (int i = 0; i < sub.Inputs.Length; i++)
                    c.Append(i < inputs.Count && inputs[i] is not null ? $"  memcpy(l{k}_input({i}), s_in{k}_{i}, sizeof s_in{k}_{i});\n"
                        : $"  fill(l{k}_input({i}), {sub.Tensors[sub.Inputs[i]].ByteSize});\n");
                c.Append($"  snprintf(line, sizeof line, \"layer {k} instructions %lu\\n\", (unsigned long)mcuai_icount_call(run{k}, 0));\n  console_write(line);\n");
            }
            c.Append("  return 0;\n}\n");
            return c.ToString();
        }
    }
}
