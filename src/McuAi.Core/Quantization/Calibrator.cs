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
    /// activation (graph inputs and op outputs) and of each float state (variable) tensor an operator
    /// updates: its values after the operator ran, and, for recurrent operators, every value it took
    /// in between (<see cref="IStateRangeSource"/>). Every sample starts from reset states, as an
    /// independent sequence. Samples run in parallel, each worker on its own interpreter clone;
    /// per-sample figures are kept by sample index and reduced in sample order, so the result does not
    /// depend on thread timing.
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
            var statesAfter = StateInputs(graph);
            var stateSlots = new HashSet<int>();
            foreach (int t in statesAfter.SelectMany(x => x).Distinct())
                if (!tracked.Contains(t))
                {
                    stateSlots.Add(tracked.Count);
                    tracked.Add(t);
                }
            var slotOf = new Dictionary<int, int>();
            for (int s = 0; s < tracked.Count; s++) slotOf[tracked[s]] = s;

            int samples = data.Count;
            var mins = new float[samples, tracked.Count];
            var maxs = new float[samples, tracked.Count];
            for (int s = 0; s < samples; s++)
                foreach (int slot in stateSlots) (mins[s, slot], maxs[s, slot]) = (float.PositiveInfinity, float.NegativeInfinity);
            var interpreter = new ModelInterpreter(model, new InterpreterOptions { AllowHybrid = true }, fileName);

            int total = options.CalibrationMethod == CalibrationMethod.Percentile ? 2 * samples : samples;
            var reporter = new ProgressCounter(progress, "calibrate", total);
            ForEachSample(interpreter, data, options, (sample, run) =>
            {
                // Activations overwrite their figure (each is written once per sample); states widen theirs.
                void Record(int slot, ReadOnlySpan<float> values)
                {
                    var (min, max) = FloatStats.MinMax(values);
                    bool state = stateSlots.Contains(slot);
                    mins[sample, slot] = state ? Math.Min(mins[sample, slot], min) : min;
                    maxs[sample, slot] = state ? Math.Max(maxs[sample, slot], max) : max;
                }
                run.ResetVariableTensors();
                RecordInputs(run, data.Samples[sample], slotOf, graph, Record);
                run.Invoke(new RangeObserver(slotOf, Record, run, statesAfter));
                foreach (var op in run.PreparedOps)
                    if (op is IStateRangeSource source)
                        foreach (var (tensor, min, max) in source.StateRanges)
                            if (slotOf.TryGetValue(tensor, out int slot) && stateSlots.Contains(slot))
                            {
                                mins[sample, slot] = Math.Min(mins[sample, slot], min);
                                maxs[sample, slot] = Math.Max(maxs[sample, slot], max);
                            }
                reporter.Step();
            });

            var ranges = new Dictionary<int, TensorRange>();
            for (int slot = 0; slot < tracked.Count; slot++)
            {
                var range = options.CalibrationMethod == CalibrationMethod.MovingAverage && !stateSlots.Contains(slot)
                    ? MovingAverage(mins, maxs, slot, samples)
                    : MinMax(mins, maxs, slot, samples);
                if (range.Min <= range.Max) ranges[tracked[slot]] = range; // a state no operator wrote has no range
            }

            if (options.CalibrationMethod == CalibrationMethod.Percentile)
                ranges = Percentile(interpreter, data, options, graph, tracked, slotOf, stateSlots, ranges, reporter);
            return ranges;
        }

        /// <summary>For each operator, its float variable (state) inputs: the tensors it updates in place.</summary>
        private static int[][] StateInputs(SubGraph graph) =>
            graph.Operators.Select(op => op.Inputs
                .Where(i => i >= 0 && graph.Tensors[i].IsVariable && graph.Tensors[i].Type == TensorType.FLOAT32)
                .ToArray()).ToArray();

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
        /// <remarks>States keep their min/max range: their histogram would need every step's values.</remarks>
        private static Dictionary<int, TensorRange> Percentile(ModelInterpreter interpreter, CalibrationData data, QuantizationOptions options, SubGraph graph,
                                                              List<int> tracked, Dictionary<int, int> slotOf, HashSet<int> stateSlots, Dictionary<int, TensorRange> minMax, ProgressCounter reporter)
        {
            var activationSlots = new Dictionary<int, int>();
            foreach (var kv in slotOf) if (!stateSlots.Contains(kv.Value)) activationSlots[kv.Key] = kv.Value;
            slotOf = activationSlots;
            var bounds = tracked.Select(t => minMax.TryGetValue(t, out var r) ? r : new TensorRange(0, 0)).ToArray();
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
                run.ResetVariableTensors();
                RecordInputs(run, data.Samples[sample], slotOf, graph, Add);
                run.Invoke(new RangeObserver(slotOf, Add, run, null));
                reporter.Step();
            });
            var result = new Dictionary<int, TensorRange>();
            double tail = 1 - options.Percentile / 100;
            for (int slot = 0; slot < tracked.Count; slot++)
            {
                if (stateSlots.Contains(slot))
                {
                    if (minMax.TryGetValue(tracked[slot], out var stateRange)) result[tracked[slot]] = stateRange;
                    continue;
                }
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
            private readonly ModelInterpreter _run;
            private readonly int[][]? _statesAfter;

            /// <param name="statesAfter">Per operator, the state tensors to record after it ran (null: none).</param>
            public RangeObserver(Dictionary<int, int> slotOf, SpanAction record, ModelInterpreter run, int[][]? statesAfter)
            {
                _slotOf = slotOf;
                _record = record;
                _run = run;
                _statesAfter = statesAfter;
            }

            public void OnOperatorEvaluated(int operatorIndex, IReadOnlyList<RuntimeTensor> outputs)
            {
                foreach (var t in outputs)
                    if (_slotOf.TryGetValue(t.Index, out int slot)) _record(slot, t.As<float>());
                if (_statesAfter is null) return;
                foreach (int state in _statesAfter[operatorIndex])
                    if (_slotOf.TryGetValue(state, out int slot)) _record(slot, _run.Tensor(state).As<float>());
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
