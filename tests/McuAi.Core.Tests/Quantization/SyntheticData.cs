using System;
using System.Linq;
using McuAi.Quantization;
using McuAi.TfLite;

namespace McuAi.Tests.Quantization
{
    /// <summary>
    /// Calibration and validation inputs for tests: uniform random values over a model's input range,
    /// from a fixed seed (the MLPerf datasets are not in the repository, so figures on these are synthetic).
    /// </summary>
    internal static class SyntheticData
    {
        public static CalibrationData Uniform(Model model, int samples, double lo, double hi, int seed)
        {
            var rng = new Random(seed);
            var g = model.MainSubgraph;
            var list = Enumerable.Range(0, samples).Select(_ => g.Inputs.Select(i =>
            {
                var values = new float[g.Tensors[i].ElementCount];
                for (int k = 0; k < values.Length; k++) values[k] = (float)(lo + rng.NextDouble() * (hi - lo));
                return values;
            }).ToArray());
            return CalibrationData.FromSamples(list, model, "synthetic");
        }
    }
}
