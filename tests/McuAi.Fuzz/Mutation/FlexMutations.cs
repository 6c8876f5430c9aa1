using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.FlatBuffers;
using McuAi.Fuzz.Flex;
using McuAi.Fuzz.Schema;
using McuAi.Fuzz.Tree;

namespace McuAi.Fuzz.Mutation
{
    /// <summary>
    /// Custom options (FlexBuffers maps, the parameters of TFLM's Signal ops): decoded, changed and written
    /// again as a valid FlexBuffer (huge or negative integers, values of the wrong type, missing, extra,
    /// unsorted or duplicate keys, another root type), or damaged as bytes.
    /// </summary>
    public static class FlexMutations
    {
        public static string? Apply(GraphIndex graph, Random random)
        {
            var ops = graph.OfType("Operator");
            if (ops.Count == 0) return null;
            // Prefer operators that have custom options: that is where the parameters are.
            var withOptions = ops.Where(o => o.Child("custom_options") is FbVectorNode).ToList();
            var op = withOptions.Count > 0 && random.Next(8) != 0 ? TreeMutations.Pick(withOptions, random) : TreeMutations.Pick(ops, random);
            var field = op.Schema.Field("custom_options");
            var old = op.Child("custom_options") as FbVectorNode;
            byte[] bytes = old?.Scalars ?? Array.Empty<byte>();
            string what;
            if (random.Next(4) == 0 || bytes.Length == 0)
            {
                (bytes, what) = random.Next(3) == 0 || bytes.Length == 0 ? (FlexWriter.Write(RandomValue(random, 2)), "random FlexBuffer") : Damage(bytes, random);
            }
            else
            {
                FlexNode root;
                try
                {
                    root = FlexNode.From(new FlexBuffer(bytes).Root);
                }
                catch (Exception e) when (e is Diagnostics.McuAiException or ArgumentException or InvalidCastException or OverflowException)
                {
                    (bytes, what) = Damage(bytes, random);
                    op.Fields[field.Id] = new FbVectorNode(FieldElement(field), 1) { Scalars = bytes };
                    return "custom options (undecodable): " + what;
                }
                what = root is FlexMapNode map ? MutateMap(map, random) : "root replaced";
                if (root is not FlexMapNode) root = RandomValue(random, 2);
                bytes = FlexWriter.Write(root);
            }
            op.Fields[field.Id] = new FbVectorNode(FieldElement(field), 1) { Scalars = bytes };
            return "custom options: " + what;
        }

        private static FbsType FieldElement(FbsField field) => field.Type.Element!;

        private static string MutateMap(FlexMapNode map, Random random)
        {
            var entries = map.Entries;
            switch (random.Next(7))
            {
                case 0 when entries.Count > 0:
                case 1 when entries.Count > 0:
                case 2 when entries.Count > 0:
                {
                    int i = random.Next(entries.Count);
                    var value = random.Next(3) == 0 ? RandomValue(random, 1) : HostileScalar(random);
                    entries[i] = (entries[i].Key, value);
                    return $"'{entries[i].Key}' = {Describe(value)}";
                }
                case 3 when entries.Count > 0:
                {
                    int i = random.Next(entries.Count);
                    string key = entries[i].Key;
                    entries.RemoveAt(i);
                    return $"'{key}' removed";
                }
                case 4:
                {
                    string key = entries.Count > 0 && random.Next(2) == 0 ? entries[random.Next(entries.Count)].Key : "k" + random.Next(100);
                    entries.Insert(random.Next(entries.Count + 1), (key, HostileScalar(random)));
                    return $"'{key}' added (possibly twice, out of order)";
                }
                case 5:
                    entries.Reverse();
                    return "keys out of order";
                default:
                {
                    foreach (int i in Enumerable.Range(0, entries.Count)) entries[i] = (entries[i].Key, HostileScalar(random));
                    return "every parameter hostile";
                }
            }
        }

        private static FlexNode HostileScalar(Random random) => random.Next(6) switch
        {
            0 => FlexScalar.Int(random.Next(2) == 0 ? long.MaxValue : long.MinValue),
            1 => FlexScalar.UInt(ulong.MaxValue - (ulong)random.Next(2)),
            2 => FlexScalar.Float(HostileValues.Float(random)),
            3 => FlexScalar.Bool(random.Next(2) == 0),
            _ => FlexScalar.Int(HostileValues.Integer(random)),
        };

        private static FlexNode RandomValue(Random random, int depth)
        {
            switch (random.Next(depth > 0 ? 7 : 4))
            {
                case 0: return HostileScalar(random);
                case 1: return new FlexString(HostileValues.String(random));
                case 2: return new FlexScalar(FlexBufferType.Null, 0);
                case 3: return new FlexTypedVector(FlexBufferType.VectorInt, Enumerable.Range(0, random.Next(0, 300)).Select(_ => HostileValues.Integer(random)).ToList());
                case 4: return new FlexVectorNode(Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomValue(random, depth - 1)).ToList());
                default:
                {
                    var map = new FlexMapNode();
                    foreach (var key in new[] { "a", "fft_length", "num_channels", "shift", "snr_shift" }.Where(_ => random.Next(2) == 0))
                        map.Entries.Add((key, RandomValue(random, depth - 1)));
                    return map;
                }
            }
        }

        private static (byte[], string) Damage(byte[] bytes, Random random)
        {
            var copy = (byte[])bytes.Clone();
            switch (random.Next(4))
            {
                case 0 when copy.Length > 0:
                    int length = random.Next(copy.Length);
                    return (copy.AsSpan(0, length).ToArray(), $"truncated to {length} bytes");
                case 1 when copy.Length > 0:
                    copy[^1] = (byte)Pick(random, 0, 3, 5, 16, 255);
                    return (copy, $"root width {copy[^1]}");
                case 2 when copy.Length > 1:
                    copy[^2] = (byte)random.Next(256);
                    return (copy, $"root type byte {copy[^2]}");
                default:
                    for (int k = 0; k < 1 + random.Next(4) && copy.Length > 0; k++) copy[random.Next(copy.Length)] = (byte)random.Next(256);
                    return (copy, "random bytes");
            }
        }

        private static int Pick(Random random, params int[] values) => values[random.Next(values.Length)];

        private static string Describe(FlexNode node) => node switch
        {
            FlexScalar s => $"{s.Type} {s.Bits}",
            _ => node.Type.ToString(),
        };
    }
}
