using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.CodeGen
{
    /// <summary>What the self-test templates render (selftest.h.hbs, selftest.c.hbs); the C text of the data is computed here.</summary>
    public sealed class SelfTestView
    {
        public string Symbol { get; internal set; } = "";
        public string Guard { get; internal set; } = "";
        public string Banner { get; internal set; } = "";
        public string SourceComment { get; internal set; } = "";
        public string ModelHeader { get; internal set; } = "";
        public int Count { get; internal set; }
        public int InputBytes { get; internal set; }
        public int OutputBytes { get; internal set; }
        public long InputArrayBytes { get; internal set; }
        public long OutputArrayBytes { get; internal set; }
        public string InputData { get; internal set; } = "";
        public string OutputData { get; internal set; } = "";
        public bool HasFloatOutputs { get; internal set; }
        public bool HasIntegerOutputs { get; internal set; }
        public string FloatTolerances { get; internal set; } = "";
        public string ToleranceText { get; internal set; } = "";
        public string LoadStatements { get; internal set; } = "";
        public string CheckStatements { get; internal set; } = "";
    }

    /// <summary>
    /// <c>S_selftest.h</c> and <c>S_selftest.c</c>: input vectors and their expected outputs in flash, and
    /// functions that run them through the model's C API (the same for Runtime="tflm" and "c") and count
    /// the output values that differ. Integer outputs must be equal; float outputs within
    /// <see cref="FloatTolerance"/> × the largest expected magnitude of that output.
    /// </summary>
    public static class SelfTestGenerator
    {
        /// <summary>Relative tolerance of float outputs (of the largest |expected value| of the output tensor in the vector).</summary>
        public const double FloatTolerance = 1e-5;

        public static IReadOnlyList<string> FileNames(string symbol) => new[] { symbol + "_selftest.h", symbol + "_selftest.c" };

        public static IReadOnlyList<GeneratedFile> Generate(Model model, string symbol, IReadOnlyList<SelfTestVector> vectors, TemplateSet templates, string? fileName)
        {
            var graph = model.MainSubgraph;
            var inputs = graph.Inputs.Select(i => graph.Tensors[i]).ToArray();
            var outputs = graph.Outputs.Select(i => graph.Tensors[i]).ToArray();
            int inputBytes = checked((int)inputs.Sum(t => t.ByteSize));
            int outputBytes = checked((int)outputs.Sum(t => t.ByteSize));
            if (vectors.Count == 0 || vectors.Any(v => v.Inputs.Length != inputBytes || v.Outputs.Length != outputBytes))
                throw new McuAiException(DiagnosticCodes.SelfTestInvalid, fileName,
                    $"self-test vectors must be at least one, each with {inputBytes} input bytes and {outputBytes} output bytes");

            var load = new StringBuilder();
            long offset = 0;
            for (int i = 0; i < inputs.Length; i++)
            {
                load.Append($"  {{ void* p = {symbol}_input({i}); if (p) memcpy(p, data + {offset}, {inputs[i].ByteSize}); }}\n");
                offset += inputs[i].ByteSize;
            }

            var check = new StringBuilder();
            var tolerances = new List<float>();
            int floatOutputs = outputs.Count(t => t.Type == TensorType.FLOAT32);
            offset = 0;
            int floatIndex = 0;
            for (int j = 0; j < outputs.Length; j++)
            {
                var t = outputs[j];
                long elements = t.ElementCount;
                int size = elements == 0 ? 1 : (int)(t.ByteSize / elements);
                if (t.Type == TensorType.FLOAT32)
                {
                    check.Append($"  bad += {symbol}_selftest_floats({symbol}_output({j}), expected + {offset}, {elements}, {symbol}_selftest_tolerances[k * {floatOutputs} + {floatIndex}]);\n");
                    floatIndex++;
                }
                else check.Append($"  bad += {symbol}_selftest_bytes({symbol}_output({j}), expected + {offset}, {elements}, {size});\n");
                offset += t.ByteSize;
            }
            foreach (var vector in vectors)
            {
                offset = 0;
                foreach (var t in outputs)
                {
                    if (t.Type == TensorType.FLOAT32)
                    {
                        float largest = 0;
                        for (long e = 0; e < t.ElementCount; e++) largest = Math.Max(largest, Math.Abs(BitConverter.ToSingle(vector.Outputs, (int)(offset + 4 * e))));
                        tolerances.Add((float)(FloatTolerance * largest));
                    }
                    offset += t.ByteSize;
                }
            }

            var allInputs = vectors.SelectMany(v => v.Inputs).ToArray();
            var allOutputs = vectors.SelectMany(v => v.Outputs).ToArray();
            string source = string.IsNullOrEmpty(fileName) ? "an in-memory model" : System.IO.Path.GetFileName(fileName);
            var view = new SelfTestView
            {
                Symbol = symbol,
                Guard = symbol.ToUpperInvariant(),
                Banner = "generated by McuAi.Build from " + CText.Comment(source) + ", do not edit",
                SourceComment = CText.Comment(source),
                ModelHeader = symbol + "_model.h",
                Count = vectors.Count,
                InputBytes = inputBytes,
                OutputBytes = outputBytes,
                InputArrayBytes = Math.Max(1, allInputs.Length),
                OutputArrayBytes = Math.Max(1, allOutputs.Length),
                InputData = Literal(allInputs),
                OutputData = Literal(allOutputs),
                HasFloatOutputs = floatOutputs > 0,
                HasIntegerOutputs = floatOutputs < outputs.Length,
                FloatTolerances = floatOutputs == 0 ? ""
                    : $"/* Per vector and float output: {FloatTolerance.ToString("G", CultureInfo.InvariantCulture)} x the largest expected magnitude. */\n" +
                      $"static const float {symbol}_selftest_tolerances[{tolerances.Count}] = {{ {string.Join(", ", tolerances.Select(Compiler.CEmitter.Float))} }};\n",
                ToleranceText = FloatTolerance.ToString("G", CultureInfo.InvariantCulture),
                LoadStatements = load.ToString().TrimEnd('\n'),
                CheckStatements = check.ToString(),
            };
            return new[]
            {
                new GeneratedFile(symbol + "_selftest.h", Encoding.UTF8.GetBytes(templates.Render("selftest.h", view))),
                new GeneratedFile(symbol + "_selftest.c", Encoding.UTF8.GetBytes(templates.Render("selftest.c", view))),
            };
        }

        private static string Literal(byte[] bytes) =>
            bytes.Length == 0 ? "  \"\"" : Encoding.ASCII.GetString(ModelDataEncoder.EncodeStringLiteral(bytes));
    }
}
