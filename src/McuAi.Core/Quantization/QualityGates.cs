using System.Collections.Generic;
using System.Globalization;
using McuAi.Diagnostics;

namespace McuAi.Quantization
{
    /// <summary>Accuracy gates checked on every output (item metadata MinCosine, MaxL2Error, MinTop1Agreement).</summary>
    public sealed class QualityGates
    {
        public double? MinCosine { get; set; }
        public double? MaxL2Error { get; set; }
        /// <summary>Fraction in [0, 1]; applies to classifier outputs only.</summary>
        public double? MinTop1Agreement { get; set; }

        public bool IsEmpty => MinCosine is null && MaxL2Error is null && MinTop1Agreement is null;

        /// <summary>Throws MCUAI3030 listing every violated gate with the measured figure.</summary>
        public void Check(IEnumerable<OutputMetrics> outputs, string? file)
        {
            var violations = Violations(outputs);
            if (violations.Count > 0)
                throw new McuAiException(DiagnosticCodes.AccuracyGateFailed, file,
                    "the quantized model misses its accuracy gates: " + string.Join("; ", violations) +
                    ". Use more representative calibration data, try --calibration-method percentile, or int16x8.");
        }

        /// <summary>Every violated gate with the measured figure (empty when all hold).</summary>
        public List<string> Violations(IEnumerable<OutputMetrics> outputs)
        {
            var violations = new List<string>();
            foreach (var m in outputs)
            {
                if (MinCosine is { } c && !(m.Cosine >= c))
                    violations.Add(F($"output '{m.Name}': cosine similarity {m.Cosine:F6} is below MinCosine {c}"));
                if (MaxL2Error is { } l && !(m.L2RelativeError <= l))
                    violations.Add(F($"output '{m.Name}': L2 relative error {m.L2RelativeError:F5} is above MaxL2Error {l}"));
                if (MinTop1Agreement is { } t && m.Top1Agreement is { } a && !(a >= t))
                    violations.Add(F($"output '{m.Name}': top-1 agreement {a:F4} is below MinTop1Agreement {t}"));
            }
            return violations;
        }

        /// <summary>Throws MCUAI3040 for a gate value that cannot be meant (cosine outside [-1, 1], negative L2, top-1 outside [0, 1]).</summary>
        public static void Validate(QualityGates gates)
        {
            if (gates.MinCosine is { } c && !(c >= -1 && c <= 1)) throw Invalid($"MinCosine {c} is not in [-1, 1]");
            if (gates.MaxL2Error is { } l && !(l >= 0)) throw Invalid($"MaxL2Error {l} is negative");
            if (gates.MinTop1Agreement is { } t && !(t >= 0 && t <= 1)) throw Invalid($"MinTop1Agreement {t} is not a fraction in [0, 1]");
        }

        private static McuAiException Invalid(string message) => new(DiagnosticCodes.QuantizationOptionInvalid, null, F($"{message}."));

        private static string F(System.FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
    }
}
