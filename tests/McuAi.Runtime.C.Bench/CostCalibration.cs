using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using McuAi.Compiler.Cost;

namespace McuAi.Runtime.C.Bench
{
    /// <summary>
    /// Fits <see cref="KernelCostTable"/>: each measured operator's instructions = the sum over its kernel calls of
    /// coefficient × term, one coefficient per (kernel path, term). Non-negative least squares (coordinate descent on
    /// the normal equations), each operator weighted by 1/measured so that small layers count as much as large ones
    /// in relative error. A weighted kernel's fixed cost per call is bounded by <see cref="MaxCallCost"/>, so that it
    /// cannot absorb what the shape terms should explain (a constant fitted to a few large layers would make every
    /// small layer look expensive). Prints the table as C# to paste into KernelCostTable.cs.
    /// </summary>
    public static class CostCalibration
    {
        public const double MaxCallCost = 20_000;

        public static IReadOnlyDictionary<string, double[]> Fit(IEnumerable<LayerResult> layers)
        {
            var rows = layers.Where(l => l.Instructions is > 0 && l.Calls.Count > 0).ToList();
            var columns = rows.SelectMany(r => r.Calls).SelectMany(c => Enumerable.Range(0, CostTerms.Count).Where(t => c.Terms[t] != 0).Select(t => (c.Key, Term: t)))
                .Distinct().OrderBy(c => c.Key, StringComparer.Ordinal).ThenBy(c => c.Term).ToList();
            var index = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
            int n = columns.Count;
            var weightedKeys = new HashSet<string>(rows.SelectMany(r => r.Calls).Where(c => c.Terms.Macs > 0).Select(c => c.Key), StringComparer.Ordinal);
            var upper = columns.Select(col => col.Term == 0 && weightedKeys.Contains(col.Key) ? MaxCallCost : double.PositiveInfinity).ToArray();
            var ata = new double[n, n];
            var atb = new double[n];
            foreach (var row in rows)
            {
                double weight = 1.0 / row.Instructions!.Value;
                var x = new double[n];
                foreach (var (key, terms) in row.Calls)
                    for (int t = 0; t < CostTerms.Count; t++)
                        if (terms[t] != 0) x[index[(key, t)]] += terms[t] * weight;
                for (int i = 0; i < n; i++)
                {
                    if (x[i] == 0) continue;
                    atb[i] += x[i] * row.Instructions.Value * weight;
                    for (int j = 0; j < n; j++) ata[i, j] += x[i] * x[j];
                }
            }
            var c = new double[n];
            for (int sweep = 0; sweep < 200_000; sweep++)
            {
                double change = 0;
                for (int i = 0; i < n; i++)
                {
                    if (ata[i, i] == 0) continue;
                    double r = atb[i];
                    for (int j = 0; j < n; j++) if (j != i) r -= ata[i, j] * c[j];
                    double next = Math.Clamp(r / ata[i, i], 0, upper[i]);
                    change = Math.Max(change, Math.Abs(next - c[i]) * Math.Sqrt(ata[i, i]));
                    c[i] = next;
                }
                if (change < 1e-9) break;
            }
            var table = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
            foreach (var ((key, term), i) in columns.Select((col, i) => (col, i)))
            {
                if (!table.TryGetValue(key, out var coefficients)) table[key] = coefficients = new double[CostTerms.Count];
                coefficients[term] = c[i];
            }
            return table;
        }

        /// <summary>An operator's estimate with <paramref name="table"/> (null when a call's key is missing).</summary>
        public static long? Estimate(LayerResult layer, IReadOnlyDictionary<string, double[]> table)
        {
            double sum = 0;
            foreach (var (key, terms) in layer.Calls)
            {
                if (!table.TryGetValue(key, out var c)) return null;
                for (int t = 0; t < CostTerms.Count; t++) sum += c[t] * terms[t];
            }
            return (long)Math.Round(sum);
        }

        /// <summary>The fitted table as the C# initializer lines of KernelCostTable.Coefficients.</summary>
        public static string CSharp(IReadOnlyDictionary<string, double[]> table)
        {
            var text = new StringBuilder();
            text.Append("            //").Append(' ', 40).Append(string.Join(", ", CostTerms.Names)).Append('\n');
            foreach (var (key, c) in table)
                text.Append("            [\"").Append(key).Append("\"] = new[] { ")
                    .Append(string.Join(", ", c.Select(v => Round(v)))).Append(" },\n");
            return text.ToString();
        }

        /// <summary>Four significant digits, invariant culture, C# double literal.</summary>
        private static string Round(double v)
        {
            if (v < 1e-6) return "0.0"; // what the solver leaves of a term it does not use
            double rounded = Math.Round(v, Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 15));
            string s = rounded.ToString("0.0###########", CultureInfo.InvariantCulture);
            return s;
        }
    }
}
