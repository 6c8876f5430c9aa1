using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Interpreter;
using McuAi.Quantization;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>
    /// Finds the layer where a step adds most error, for models whose activations keep their names and sizes
    /// (quantization, weight pruning, 4-bit weights): both models run on a few samples, every operator output is
    /// compared with the reference's same-named tensor (relative L2 error), and a layer's cost is its output's error
    /// minus the largest error of its inputs.
    /// </summary>
    internal static class LayerErrorProfile
    {
        public static (int Operator, double Cost)? Costliest(Model reference, Model candidate, CalibrationData data, string? fileName, int maxSamples = 8)
        {
            var a = new ModelInterpreter(reference, new InterpreterOptions { AllowHybrid = true }, fileName);
            var b = new ModelInterpreter(candidate, new InterpreterOptions { AllowHybrid = true }, fileName);
            var byName = new Dictionary<string, int>(StringComparer.Ordinal);
            var rg = reference.MainSubgraph;
            for (int t = 0; t < rg.Tensors.Count; t++)
                if (rg.Tensors[t].Name is { } n && !byName.ContainsKey(n)) byName[n] = t;
            var cg = candidate.MainSubgraph;
            var diff = new Dictionary<int, double>();
            var norm = new Dictionary<int, double>();
            for (int s = 0; s < Math.Min(maxSamples, data.Count); s++)
            {
                var recorded = new Dictionary<int, float[]>();
                Feed(a, data.Samples[s]);
                a.Invoke(new Recorder(recorded));
                var seen = new Dictionary<int, float[]>();
                Feed(b, data.Samples[s]);
                b.Invoke(new Recorder(seen));
                foreach (var kv in seen)
                {
                    int tensor = kv.Key;
                    var values = kv.Value;
                    if (cg.Tensors[tensor].Name is not { } name || !byName.TryGetValue(name, out int r) || !recorded.TryGetValue(r, out var expected)) continue;
                    if (expected.Length != values.Length) continue;
                    double d = 0, e = 0;
                    for (int i = 0; i < values.Length; i++) { d += (expected[i] - values[i]) * (double)(expected[i] - values[i]); e += expected[i] * (double)expected[i]; }
                    diff[tensor] = diff.TryGetValue(tensor, out var x) ? x + d : d;
                    norm[tensor] = norm.TryGetValue(tensor, out var y) ? y + e : e;
                }
            }
            double Error(int t) => diff.TryGetValue(t, out var d) && norm[t] > 0 ? Math.Sqrt(d / norm[t]) : 0;
            (int, double)? worst = null;
            for (int k = 0; k < cg.Operators.Count; k++)
            {
                var op = cg.Operators[k];
                if (op.Outputs.Length == 0 || !diff.ContainsKey(op.Outputs[0])) continue;
                double before = op.Inputs.Where(i => i >= 0).Select(Error).DefaultIfEmpty(0).Max();
                double cost = Error(op.Outputs[0]) - before;
                if (worst is null || cost > worst.Value.Item2) worst = (k, cost);
            }
            return worst;
        }

        private static void Feed(ModelInterpreter run, float[][] sample)
        {
            for (int k = 0; k < run.InputCount; k++) TensorCodec.Encode(sample[k], run.Input(k).Info, run.Input(k).Data.Span, null);
        }

        private sealed class Recorder : IInvokeObserver
        {
            private readonly Dictionary<int, float[]> _values;
            public Recorder(Dictionary<int, float[]> values) => _values = values;

            public void OnOperatorEvaluated(int operatorIndex, IReadOnlyList<RuntimeTensor> outputs)
            {
                foreach (var t in outputs)
                    if (t.Type is TensorType.FLOAT32 or TensorType.INT8 or TensorType.INT16) _values[t.Index] = TensorCodec.Decode(t, null);
            }
        }
    }
}
