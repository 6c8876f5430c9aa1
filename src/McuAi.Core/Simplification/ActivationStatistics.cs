using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Interpreter;
using McuAi.Quantization;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>
    /// Means of activations over calibration samples, per index of the last dimension taken modulo a period (the
    /// channel count for a convolution's input, the depth for a FULLY_CONNECTED's): the mean value (to fold a removed
    /// channel into the next layer's bias) and the mean square (with the mean, the spread the activation criterion
    /// weighs). Integer activations are
    /// dequantized. Samples run in parallel; per-sample sums are reduced in sample order, so results do not depend on threads.
    /// </summary>
    internal sealed class ActivationStatistics
    {
        private readonly Dictionary<(int Tensor, int Period), (double[] Mean, double[] MeanSquare)> _results;

        private ActivationStatistics(Dictionary<(int, int), (double[], double[])> results) => _results = results;

        public static ActivationStatistics Collect(Model model, CalibrationData data, IEnumerable<(int Tensor, int Period)> requests,
                                                   QuantizationOptions options, Action<QuantizationProgress>? progress, string? file)
        {
            var wanted = requests.Distinct().OrderBy(r => r.Tensor).ThenBy(r => r.Period).ToArray();
            var byTensor = wanted.Select((r, i) => (r, i)).GroupBy(x => x.r.Tensor).ToDictionary(g => g.Key, g => g.ToArray());
            int samples = data.Count;
            var sums = new double[samples][][];
            var counts = new long[wanted.Length];
            var graph = model.MainSubgraph;
            var interpreter = new ModelInterpreter(model, new InterpreterOptions { AllowHybrid = true }, file);
            var reporter = new ProgressCounter(progress, "statistics", samples);
            Calibrator.ForEachSample(interpreter, data, options, (sample, run) =>
            {
                var mine = wanted.Select(r => new double[2 * r.Period]).ToArray();
                for (int k = 0; k < run.InputCount; k++)
                    TensorCodec.Encode(data.Samples[sample][k], run.Input(k).Info, run.Input(k).Data.Span, file);
                run.Invoke(new Observer(byTensor, mine));
                sums[sample] = mine;
                reporter.Step();
            });
            for (int r = 0; r < wanted.Length; r++) counts[r] = graph.Tensors[wanted[r].Tensor].ElementCount / wanted[r].Period * samples;

            var results = new Dictionary<(int, int), (double[], double[])>();
            for (int r = 0; r < wanted.Length; r++)
            {
                int period = wanted[r].Period;
                var mean = new double[period];
                var meanSquare = new double[period];
                for (int s = 0; s < samples; s++)
                    for (int i = 0; i < period; i++)
                    {
                        mean[i] += sums[s][r][i];
                        meanSquare[i] += sums[s][r][period + i];
                    }
                for (int i = 0; i < period; i++)
                {
                    mean[i] /= Math.Max(1, counts[r]);
                    meanSquare[i] /= Math.Max(1, counts[r]);
                }
                results[wanted[r]] = (mean, meanSquare);
            }
            return new ActivationStatistics(results);
        }

        public bool Has(int tensor, int period) => _results.ContainsKey((tensor, period));

        /// <summary>Mean value of the elements whose last-dimension index is i (mod period).</summary>
        public double[] Mean(int tensor, int period) => _results[(tensor, period)].Mean;

        /// <summary>Mean square of the elements whose last-dimension index is i (mod period).</summary>
        public double[] MeanSquare(int tensor, int period) => _results[(tensor, period)].MeanSquare;

        private sealed class Observer : IInvokeObserver
        {
            private readonly Dictionary<int, ((int Tensor, int Period) r, int i)[]> _byTensor;
            private readonly double[][] _sums;

            public Observer(Dictionary<int, ((int, int) r, int i)[]> byTensor, double[][] sums)
            {
                _byTensor = byTensor;
                _sums = sums;
            }

            public void OnOperatorEvaluated(int operatorIndex, IReadOnlyList<RuntimeTensor> outputs)
            {
                foreach (var t in outputs)
                {
                    if (!_byTensor.TryGetValue(t.Index, out var requests)) continue;
                    float[] values = TensorCodec.Decode(t, null);
                    foreach (var (r, i) in requests)
                    {
                        var sum = _sums[i];
                        int period = r.Period;
                        for (int e = 0; e < values.Length; e++)
                        {
                            int slot = e % period;
                            sum[slot] += values[e];
                            sum[period + slot] += (double)values[e] * values[e];
                        }
                    }
                }
            }
        }
    }
}
