using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Quantization;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>
    /// Measures simplified models against one reference (the user's float or unpruned model) on validation data: the
    /// reference runs once, each candidate once per <see cref="Measure"/>. The figures are <see cref="OutputMetrics"/>
    /// per output, as quantization validation reports them; <see cref="Damage"/> reduces them to one number for ranking.
    /// </summary>
    public sealed class AccuracyProbe
    {
        private readonly Model _reference;
        private readonly CalibrationData _data;
        private readonly float[][][] _expected;
        private readonly bool _classifier;
        private readonly QuantizationOptions _run;
        private readonly string? _file;

        public AccuracyProbe(Model reference, CalibrationData data, bool classifier, QuantizationOptions? runOptions = null,
                             Action<QuantizationProgress>? progress = null, string? file = null)
        {
            _reference = reference;
            _data = data;
            _classifier = classifier;
            _run = runOptions ?? new QuantizationOptions();
            _file = file;
            _expected = QuantizationValidator.Run(reference, data, _run, progress, "validate (reference)", file);
        }

        public int Samples => _data.Count;

        /// <summary>The validation samples.</summary>
        public CalibrationData Data => _data;

        /// <summary>"cosine 0.998, L2 0.05, top-1 97.0%" for the worst output: a short summary for messages.</summary>
        public static string Summary(IReadOnlyList<OutputMetrics> metrics)
        {
            var worst = metrics.OrderByDescending(m => m.L2RelativeError).First();
            return FormattableString.Invariant($"cosine {worst.Cosine:F4}, L2 relative error {worst.L2RelativeError:F4}") +
                   (worst.Top1Agreement is { } t ? FormattableString.Invariant($", top-1 agreement {t:P1}") : "");
        }

        /// <summary>Per output, how far the candidate's outputs are from the reference's.</summary>
        public IReadOnlyList<OutputMetrics> Measure(Model candidate, Action<QuantizationProgress>? progress = null, string phase = "validate")
        {
            var g = _reference.MainSubgraph;
            var c = candidate.MainSubgraph;
            if (c.Outputs.Length != g.Outputs.Length || c.Inputs.Length != g.Inputs.Length)
                throw new McuAiException(DiagnosticCodes.ValidationModelMismatch, _file, "the simplified model's inputs and outputs do not match the reference model's.");
            var actual = QuantizationValidator.Run(candidate, _data, _run, progress, phase, _file);
            var metrics = new List<OutputMetrics>();
            for (int k = 0; k < g.Outputs.Length; k++)
            {
                var tensor = g.Tensors[g.Outputs[k]];
                var m = new OutputMetrics(tensor.Name ?? $"output {k}", _classifier || QuantizationValidator.ProducedBySoftmax(_reference, g.Outputs[k]));
                int classes = tensor.Shape.Length > 0 ? tensor.Shape[tensor.Shape.Length - 1] : 1;
                for (int s = 0; s < _data.Count; s++) m.Add(_expected[s][k], actual[s][k], classes);
                metrics.Add(m);
            }
            return metrics;
        }

        /// <summary>One number per candidate, higher = worse: the largest L2 relative error plus the largest top-1 disagreement.</summary>
        public static double Damage(IReadOnlyList<OutputMetrics> metrics) =>
            metrics.Max(m => (double.IsNaN(m.L2RelativeError) ? double.MaxValue : m.L2RelativeError) + (1 - (m.Top1Agreement ?? 1)));
    }
}
