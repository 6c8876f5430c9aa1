using System;
#if NET
using System.Numerics;
using System.Runtime.InteropServices;
#endif

namespace McuAi.Quantization
{
    /// <summary>Fast min/max and histograms over activation values (vectorised on .NET).</summary>
    internal static class FloatStats
    {
        public static (float Min, float Max) MinMax(ReadOnlySpan<float> values)
        {
            if (values.Length == 0) return (0, 0);
            float min = values[0], max = values[0];
            int i = 0;
#if NET
            if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count * 2)
            {
                var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
                var vmin = vectors[0];
                var vmax = vectors[0];
                for (int v = 1; v < vectors.Length; v++)
                {
                    vmin = Vector.Min(vmin, vectors[v]);
                    vmax = Vector.Max(vmax, vectors[v]);
                }
                for (int k = 0; k < Vector<float>.Count; k++)
                {
                    if (vmin[k] < min) min = vmin[k];
                    if (vmax[k] > max) max = vmax[k];
                }
                i = vectors.Length * Vector<float>.Count;
            }
#endif
            for (; i < values.Length; i++)
            {
                float v = values[i];
                if (v < min) min = v;
                if (v > max) max = v;
            }
            return (min, max);
        }

        /// <summary>Adds values to a histogram of <paramref name="bins"/> equal bins over [lo, hi] (values outside go to the end bins).</summary>
        public static void Histogram(ReadOnlySpan<float> values, double lo, double hi, long[] bins)
        {
            int n = bins.Length;
            double width = hi > lo ? (hi - lo) / n : 1;
            foreach (float v in values)
            {
                int b = (int)((v - lo) / width);
                bins[b < 0 ? 0 : b >= n ? n - 1 : b]++;
            }
        }

        /// <summary>The value below which <paramref name="fraction"/> of the histogram's mass lies (bin edge).</summary>
        public static double Quantile(long[] bins, double lo, double hi, double fraction)
        {
            long total = 0;
            foreach (long c in bins) total += c;
            if (total == 0) return lo;
            double target = fraction * total;
            double width = (hi - lo) / bins.Length;
            long seen = 0;
            for (int b = 0; b < bins.Length; b++)
            {
                seen += bins[b];
                if (seen >= target) return lo + (b + 1) * width;
            }
            return hi;
        }
    }
}
