using System;
using System.IO;
using McuAi.Simplification;
using McuAi.TfLite;

namespace McuAi.Runtime.C.Bench
{
    /// <summary>
    /// A model in the simplified form the build makes of it (the forms of the C backend's SimplifiedWeightsTests): 4-bit
    /// weights on every candidate layer, or weights magnitude-pruned to a share of the blocks, written as a .tflite.
    /// </summary>
    public static class SimplifiedForm
    {
        /// <summary>The path of the model in <paramref name="form"/> (null: the model itself), written into <paramref name="work"/>.</summary>
        public static string Write(string modelPath, string? form, string work)
        {
            if (form is null) return modelPath;
            var model = ModelReader.ReadFile(modelPath);
            var simplified = form switch
            {
                "s4" => Int4Weights.Convert(model, Int4Weights.Candidates(model)).Model,
                "sp50" => MagnitudePruner.Prune(model, new WeightPruningOptions { Sparsity = 0.5 }).Model,
                "sp75" => MagnitudePruner.Prune(model, new WeightPruningOptions { Sparsity = 0.75 }).Model,
                _ => throw new ArgumentException($"unknown form '{form}': use s4, sp50 or sp75", nameof(form)),
            };
            string path = Path.Combine(work, Path.GetFileNameWithoutExtension(modelPath) + "_" + form + ".tflite");
            File.WriteAllBytes(path, ModelWriter.Write(simplified));
            return path;
        }
    }
}
