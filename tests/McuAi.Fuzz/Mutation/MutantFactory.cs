using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using McuAi.Fuzz.Schema;
using McuAi.Fuzz.Tree;

namespace McuAi.Fuzz.Mutation
{
    /// <summary>A model the mutants start from: its bytes and its node graph.</summary>
    public sealed class SeedModel
    {
        public SeedModel(string name, byte[] bytes)
        {
            Name = name;
            Bytes = bytes;
            Graph = FbTreeReader.Read(bytes, FbsSchema.TfLite);
        }

        public string Name { get; }
        public byte[] Bytes { get; }
        public FbTableNode Graph { get; }

        /// <summary>Every .tflite in a folder (../shared/models), sorted by name.</summary>
        public static IReadOnlyList<SeedModel> LoadFolder(string folder) =>
            Directory.GetFiles(folder, "*.tflite").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new SeedModel(Path.GetFileNameWithoutExtension(f), File.ReadAllBytes(f))).ToList();
    }

    /// <summary>One mutated model: which seed model, its bytes, and the mutations that made it (to replay).</summary>
    public sealed record Mutant(long Iteration, string Model, byte[] Bytes, string Description);

    /// <summary>
    /// Makes mutant number <c>i</c> of a campaign, the same on every run for the same seed: picks a model,
    /// applies one to three graph mutations, encodes, and sometimes adds a raw mutation at a recorded site.
    /// </summary>
    public sealed class MutantFactory
    {
        private readonly IReadOnlyList<SeedModel> _models;
        private readonly int _seed;
        private readonly int _totalWeight;

        public MutantFactory(IReadOnlyList<SeedModel> models, int seed)
        {
            if (models.Count == 0) throw new ArgumentException("no models to mutate", nameof(models));
            _models = models;
            _seed = seed;
            _totalWeight = TreeMutations.All.Sum(m => m.Weight);
        }

        public IReadOnlyList<SeedModel> Models => _models;

        public Mutant Create(long iteration)
        {
            var random = new Random(Mix(_seed, iteration));
            var model = _models[random.Next(_models.Count)];
            var graph = (FbTableNode)model.Graph.Clone(new Dictionary<FbNode, FbNode>(ReferenceEqualityComparer.Instance));
            var done = new List<string>();
            bool rawOnly = random.Next(20) == 0;
            int count = rawOnly ? 0 : 1 + random.Next(3);
            for (int m = 0; m < count; m++)
            {
                var index = GraphIndex.Build(graph, model.Bytes.Length);
                var (name, _, apply) = PickMutation(random);
                string? what = apply(index, random);
                done.Add(what is null ? $"{name}: not applicable" : $"{name}: {what}");
            }
            bool withRaw = rawOnly || random.Next(4) == 0;
            var encoded = FbTreeWriter.Write(graph, model.Bytes.Length + 1024, recordSites: withRaw);
            if (withRaw)
            {
                string? raw = RawMutations.Apply(encoded, random);
                done.Add(raw is null ? "raw: not applicable" : "raw: " + raw);
            }
            return new Mutant(iteration, model.Name, encoded.Bytes, string.Join(" | ", done));
        }

        private (string Name, int Weight, TreeMutations.Apply Apply) PickMutation(Random random)
        {
            int w = random.Next(_totalWeight);
            foreach (var m in TreeMutations.All)
            {
                if (w < m.Weight) return m;
                w -= m.Weight;
            }
            return TreeMutations.All[^1];
        }

        /// <summary>A 32-bit seed for one iteration (SplitMix64 finaliser): nearby iterations get unrelated streams.</summary>
        private static int Mix(int seed, long iteration)
        {
            ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)iteration + 0x632BE59BD9B4E019UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return unchecked((int)(z ^ (z >> 31)));
        }
    }
}
