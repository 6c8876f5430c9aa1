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

        /// <summary>How messages name the gates and other settings: command-line flags (default) or item metadata (the SDK).</summary>
        public SettingNames Names { get; set; } = SettingNames.CommandLine;

        /// <summary>Throws MCUAI3030 listing every violated gate with the measured figure.</summary>
        public void Check(IEnumerable<OutputMetrics> outputs, string? file)
        {
            var violations = Violations(outputs);
            if (violations.Count > 0)
                throw new McuAiException(DiagnosticCodes.AccuracyGateFailed, file,
                    "the quantized model misses its accuracy gates: " + string.Join("; ", violations) +
                    $". Use more representative calibration data, try {Names.Assign(Setting.CalibrationMethod, "percentile")}, or {Names.Assign(Setting.QuantizationMode, "int16x8")}.");
        }

        /// <summary>Every violated gate with the measured figure (empty when all hold).</summary>
        public List<string> Violations(IEnumerable<OutputMetrics> outputs)
        {
            var violations = new List<string>();
            foreach (var m in outputs)
            {
                if (MinCosine is { } c && !(m.Cosine >= c))
                    violations.Add($"output '{m.Name}': cosine similarity {Figure(m.Cosine, 6, c)} is below {Names.Name(Setting.MinCosine)} {Shortest(c)}");
                if (MaxL2Error is { } l && !(m.L2RelativeError <= l))
                    violations.Add($"output '{m.Name}': L2 relative error {Figure(m.L2RelativeError, 5, l)} is above {Names.Name(Setting.MaxL2Error)} {Shortest(l)}");
                if (MinTop1Agreement is { } t && m.Top1Agreement is { } a && !(a >= t))
                    violations.Add($"output '{m.Name}': top-1 agreement {Figure(a, 4, t)} is below {Names.Name(Setting.MinTop1Agreement)} {Shortest(t)}");
            }
            return violations;
        }

        /// <summary>Throws MCUAI3040 for a gate value that cannot be meant (cosine outside [-1, 1], negative L2, top-1 outside [0, 1]).</summary>
        public static void Validate(QualityGates gates)
        {
            var n = gates.Names;
            if (gates.MinCosine is { } c && !(c >= -1 && c <= 1)) throw Invalid($"{n.Name(Setting.MinCosine)} {Shortest(c)} is not in [-1, 1]");
            if (gates.MaxL2Error is { } l && !(l >= 0)) throw Invalid($"{n.Name(Setting.MaxL2Error)} {Shortest(l)} is negative");
            if (gates.MinTop1Agreement is { } t && !(t >= 0 && t <= 1)) throw Invalid($"{n.Name(Setting.MinTop1Agreement)} {Shortest(t)} is not a fraction in [0, 1]");
        }

        private static McuAiException Invalid(string message) => new(DiagnosticCodes.QuantizationOptionInvalid, null, message + ".");

        /// <summary>
        /// A measured figure with at least <paramref name="decimals"/> decimals and as many more as it takes to show
        /// on which side of <paramref name="threshold"/> it lies (never "1.000000 is below 0.9999999").
        /// </summary>
        internal static string Figure(double value, int decimals, double threshold)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) return value.ToString(CultureInfo.InvariantCulture);
            for (int d = decimals; d <= 17; d++)
            {
                string text = value.ToString("F" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                double shown = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (shown.CompareTo(threshold) == value.CompareTo(threshold)) return text;
            }
            return Shortest(value);
        }

        /// <summary>The shortest text that reads back as <paramref name="value"/> (a threshold as the user wrote it), on every runtime.</summary>
        internal static string Shortest(double value)
        {
            for (int precision = 1; precision < 17; precision++)
            {
                string text = value.ToString("G" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                if (double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == value) return text;
            }
            return value.ToString("G17", CultureInfo.InvariantCulture);
        }
    }
}
