using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Quantization
{
    /// <summary>
    /// Runs the float model on every calibration sample and records the range of each float
    /// activation (graph inputs and op outputs). Samples run in parallel, each worker on its own
    /// interpreter clone; per-sample figures are kept by sample index and reduced in sample order,
    /// so the result does not depend on thread timing.
    /// </summary>
    public static class Calibrator
    {
        private const int HistogramBins = 2048;

        public static IReadOnlyDictionary<int, TensorRange> Run(Model model, CalibrationData data, QuantizationOptions options,
                                                                Action<QuantizationProgress>? progress = null, string? fileName = null)
        {
            var graph = model.MainSubgraph;
            var tracked = new List<int>();
            foreach (int i in graph.Inputs) if (graph.Tensors[i].Type == TensorType.FLOAT32) tracked.Add(i);
            foreach (var op in graph.Operators)
                foreach (int o in op.Outputs)
                    if (o >= 0 && graph.Tensors[o].Type == TensorType.FLOAT32 && !tracked.Contains(o)) tracked.Add(o);
            var slotOf = new Dictionary<int, int>();
            for (int s = 0; s < tracked.Count; s++) slotOf[tracked[s]] = s;

            int samples = data.Count;
            var mins = new float[samples, tracked.Count];
            var maxs = new float[samples, tracked.Count];
            var interpreter = new ModelInterpreter(model, new InterpreterOptions { AllowHybrid = true }, fileName);

            int total = options.CalibrationMethod == CalibrationMethod.Percentile ? 2 * samples : samples;
            var reporter = new ProgressCounter(progress, "calibrate", total);
            ForEachSample(interpreter, data, options, (sample, run) =>
            {
                var observer = new RangeObserver(slotOf, (slot, values) =>
                {
                    var (min, max) = FloatStats.MinMax(values);
                    mins[sample, slot] = min;
                    maxs[sample, slot] = max;
                });
                RecordInputs(run, data.Samples[sample], slotOf, graph, (slot, values) =>
                {
                    var (min, max) = FloatStats.MinMax(values);
                    mins[sample, slot] = min;
                    maxs[sample, slot] = max;
                });
                run.Invoke(observer);
                reporter.Step();
            });

            var ranges = new Dictionary<int, TensorRange>();
            for (int slot = 0; slot < tracked.Count; slot++)
                ranges[tracked[slot]] = options.CalibrationMethod == CalibrationMethod.MovingAverage
                    ? MovingAverage(mins, maxs, slot, samples)
                    : MinMax(mins, maxs, slot, samples);

            if (options.CalibrationMethod == CalibrationMethod.Percentile)
                ranges = Percentile(interpreter, data, options, graph, tracked, slotOf, ranges, reporter);
            return ranges;
        }

        private static TensorRange MinMax(float[,] mins, float[,] maxs, int slot, int samples)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int s = 0; s < samples; s++)
            {
                min = Math.Min(min, mins[s, slot]);
                max = Math.Max(max, maxs[s, slot]);
            }
            return new TensorRange(min, max);
        }

        /// <summary>Exponential moving average (decay 0.9) of per-sample min and max, in sample order.</summary>
        private static TensorRange MovingAverage(float[,] mins, float[,] maxs, int slot, int samples)
        {
            const double decay = 0.9;
            double min = mins[0, slot], max = maxs[0, slot];
            for (int s = 1; s < samples; s++)
            {
                min = decay * min + (1 - decay) * mins[s, slot];
                max = decay * max + (1 - decay) * maxs[s, slot];
            }
            return new TensorRange(min, max);
        }

        /// <summary>Second pass: histograms over the min/max range, then the percentile at each tail.</summary>
        private static Dictionary<int, TensorRange> Percentile(ModelInterpreter interpreter, CalibrationData data, QuantizationOptions options, SubGraph graph,
                                                              List<int> tracked, Dictionary<int, int> slotOf, Dictionary<int, TensorRange> minMax, ProgressCounter reporter)
        {
            var bounds = tracked.Select(t => minMax[t]).ToArray();
            var perWorker = new List<long[][]>();
            var locals = new ThreadLocal<long[][]>(() =>
            {
                var h = tracked.Select(_ => new long[HistogramBins]).ToArray();
                lock (perWorker) perWorker.Add(h);
                return h;
            });
            ForEachSample(interpreter, data, options, (sample, run) =>
            {
                var histograms = locals.Value!;
                void Add(int slot, ReadOnlySpan<float> values) => FloatStats.Histogram(values, bounds[slot].Min, bounds[slot].Max, histograms[slot]);
                RecordInputs(run, data.Samples[sample], slotOf, graph, Add);
                run.Invoke(new RangeObserver(slotOf, Add));
                reporter.Step();
            });
            var result = new Dictionary<int, TensorRange>();
            double tail = 1 - options.Percentile / 100;
            for (int slot = 0; slot < tracked.Count; slot++)
            {
                // Bin counts are integers: their sum does not depend on which worker saw which sample.
                var sum = new long[HistogramBins];
                foreach (var h in perWorker) for (int b = 0; b < HistogramBins; b++) sum[b] += h[slot][b];
                var (lo, hi) = (bounds[slot].Min, bounds[slot].Max);
                double min = lo >= 0 ? lo : FloatStats.Quantile(sum, lo, hi, tail) - (hi - lo) / HistogramBins;
                double max = FloatStats.Quantile(sum, lo, hi, 1 - tail);
                result[tracked[slot]] = new TensorRange(Math.Max(lo, min), Math.Min(hi, max));
            }
            locals.Dispose();
            return result;
        }

        private static void RecordInputs(ModelInterpreter run, float[][] sample, Dictionary<int, int> slotOf, SubGraph graph, SpanAction record)
        {
            for (int k = 0; k < sample.Length; k++)
                if (slotOf.TryGetValue(graph.Inputs[k], out int slot)) record(slot, sample[k]);
            // Straight into the input tensors (float in a model being calibrated): no per-sample buffer.
            for (int k = 0; k < sample.Length; k++)
            {
                var input = run.Input(k);
                if (input.Type == TensorType.FLOAT32) sample[k].AsSpan().CopyTo(input.As<float>());
                else TensorCodec.Encode(sample[k], input.Info, input.Data.Span, null);
            }
        }

        /// <summary>Runs <paramref name="work"/> for every sample on parallel workers, each with its own interpreter clone.</summary>
        internal static void ForEachSample(ModelInterpreter interpreter, CalibrationData data, QuantizationOptions options, Action<int, ModelInterpreter> work)
        {
            int workers = Math.Max(1, Math.Min(options.MaxParallelism > 0 ? options.MaxParallelism : Environment.ProcessorCount, data.Count));
            int next = -1;
            var interpreters = new ModelInterpreter[workers];
            interpreters[0] = interpreter;
            for (int w = 1; w < workers; w++) interpreters[w] = interpreter.Clone();
            Exception? failure = null;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                try
                {
                    for (int s = Interlocked.Increment(ref next); s < data.Count && failure is null; s = Interlocked.Increment(ref next))
                        work(s, interpreters[w]);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            });
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        internal delegate void SpanAction(int slot, ReadOnlySpan<float> values);

        private sealed class RangeObserver : IInvokeObserver
        {
            private readonly Dictionary<int, int> _slotOf;
            private readonly SpanAction _record;

            public RangeObserver(Dictionary<int, int> slotOf, SpanAction record)
            {
                _slotOf = slotOf;
                _record = record;
            }

            public void OnOperatorEvaluated(int operatorIndex, IReadOnlyList<RuntimeTensor> outputs)
            {
                foreach (var t in outputs)
                    if (_slotOf.TryGetValue(t.Index, out int slot)) _record(slot, t.As<float>());
            }
        }
    }

    /// <summary>Counts finished work items and reports progress in order from any thread.</summary>
    internal sealed class ProgressCounter
    {
        private readonly Action<QuantizationProgress>? _callback;
        private readonly string _phase;
        private readonly int _total;
        private int _done;

        public ProgressCounter(Action<QuantizationProgress>? callback, string phase, int total)
        {
            _callback = callback;
            _phase = phase;
            _total = total;
        }

        public void Step()
        {
            if (_callback is null) return;
            lock (this)
            {
                _done++;
                _callback(new QuantizationProgress(_phase, _done, _total));
            }
        }
    }
}
