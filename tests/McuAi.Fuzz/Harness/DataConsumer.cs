using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using McuAi.Fuzz.Mutation;
using McuAi.Quantization;
using McuAi.Simplification;
using McuAi.TfLite;

namespace McuAi.Fuzz.Harness
{
    /// <summary>
    /// The consumers of calibration and validation data, fed a hostile .npz (<see cref="DataMutations"/>) made for a real
    /// model: on a float model, channel pruning ranked by activations with bias compensation (`mcuai prune --ratio 0.5
    /// --criterion activation --calibration data.npz`, which also validates against --min-cosine on the same data); on an
    /// int8 model, 4-bit weights chosen by validation (`mcuai quantize --weight-bits auto --validation data.npz
    /// --min-cosine 0.99`). The model is not mutated: the data is the hostile input here.
    /// </summary>
    internal static class DataConsumer
    {
        private static readonly string[] s_floatModels = { "hello_world_float" };
        private static readonly string[] s_int8Models = { "hello_world_int8" };

        public static ConsumerRun Run(long iteration, IReadOnlyList<SeedModel> seeds)
        {
            var random = new Random(unchecked((int)(iteration * 31 + 7)));
            bool pruning = random.Next(2) == 0;
            string[] names = pruning ? s_floatModels : s_int8Models;
            var seed = seeds.FirstOrDefault(s => names.Contains(s.Name));
            if (seed is null) return new ConsumerRun("data", Outcome.Skipped, "", 0, 0, "no seed model for data");
            string modelPath = SimplifyInput.Path;
            string dataPath = Path.Combine(Path.GetDirectoryName(modelPath)!, "data.npz");
            File.WriteAllBytes(modelPath, seed.Bytes);
            var (npz, _) = DataMutations.Make(ModelReader.Read(seed.Bytes, modelPath), random);
            File.WriteAllBytes(dataPath, npz);
            return Consumers.Measure("data", () =>
            {
                var request = new SimplificationRequest { ModelPath = modelPath, MaxParallelism = 1 };
                if (pruning)
                {
                    request.CalibrationFiles = new[] { dataPath };
                    request.Settings = new SimplificationSettings { Channels = new ChannelPruningOptions { Ratio = 0.5, Criterion = PruneCriterion.Activation } };
                    request.Gates = new QualityGates { MinCosine = 0.5 };
                }
                else
                {
                    request.ValidationFiles = new[] { dataPath };
                    request.Settings = new SimplificationSettings { WeightBits = WeightBitsMode.Auto };
                    request.Gates = new QualityGates { MinCosine = 0.99 };
                }
                var result = SimplificationPipeline.Run(request);
                ModelReader.Read(result.ModelBytes, modelPath);
                return OutputChecks.Diagnostics(result.Diagnostics, modelPath);
            }, modelPath, dataPath);
        }
    }
}
