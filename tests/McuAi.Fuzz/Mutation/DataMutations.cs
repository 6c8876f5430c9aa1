using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using McuAi.Data;
using McuAi.TfLite;

namespace McuAi.Fuzz.Mutation
{
    /// <summary>
    /// Hostile calibration and validation data for a model: a .npz whose arrays are made for the model's inputs and then
    /// spoiled along the format's own structure — sample counts from none to thousands, shapes without the batch, with
    /// a wrong or extra or zero dimension, element types NumPy writes (float16/64, integers, bools, big-endian), values
    /// that are NaN, infinite, huge, denormal or all equal, members named after no input or missing — and, one time in
    /// three, the archive itself rewritten by <see cref="ZipMutations"/>.
    /// </summary>
    public static class DataMutations
    {
        private static readonly string[] s_dtypes = { "<f4", "<f4", "<f4", "<f8", "<f2", "|i1", "|u1", "<i4", "<i8", "|b1", ">f4" };

        /// <summary>Most samples of one archive: each runs through the interpreter a few times, and real data is bounded the same way.</summary>
        private const int MaxSamples = 2000;

        public static (byte[] Bytes, string Description) Make(Model model, Random random)
        {
            var graph = model.MainSubgraph;
            var inputs = graph.Inputs.Select(i => graph.Tensors[i]).ToArray();
            var what = new System.Collections.Generic.List<string>();
            var stream = new MemoryStream();
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                int members = random.Next(10) == 0 ? random.Next(0, 3) : inputs.Length;
                for (int m = 0; m < members; m++)
                {
                    var input = inputs.Length > 0 ? inputs[m % inputs.Length] : null;
                    string name = random.Next(8) switch
                    {
                        0 => "arr_" + m,
                        1 => "unrelated",
                        _ => input?.Name ?? "x",
                    };
                    var array = Array(input, random, out string how, out bool bigEndian);
                    what.Add($"{name}: {how}");
                    using var entry = zip.CreateEntry(name + ".npy", random.Next(2) == 0 ? CompressionLevel.Fastest : CompressionLevel.NoCompression).Open();
                    entry.Write(Npy(array, bigEndian));
                }
            }
            var bytes = stream.ToArray();
            if (random.Next(3) == 0)
            {
                var (mutated, zipWhat) = ZipMutations.Mutate(bytes, random);
                bytes = mutated;
                what.Add("zip: " + zipWhat);
            }
            return (bytes, what.Count == 0 ? "no members" : string.Join("; ", what));
        }

        private static NpyArray Array(Tensor? input, Random random, out string how, out bool bigEndian)
        {
            int[] sample = input?.Shape.Length > 0 ? input.Shape.Select(d => Math.Max(d, 1)).ToArray() : new[] { 1 };
            int n = random.Next(6) switch
            {
                0 => 0,
                1 => 1,
                2 => random.Next(1000, MaxSamples + 1),
                _ => random.Next(2, 40),
            };
            int[] shape = random.Next(8) switch
            {
                0 => sample, // one sample without the batch dimension
                1 => new[] { n }.Concat(sample.Skip(1)).ToArray(), // the batch replaces the input's first dimension
                2 => new[] { n }.Concat(sample).Append(2).ToArray(), // an extra dimension
                3 => new[] { n }.Concat(sample.Select((d, i) => i == sample.Length - 1 ? d + 1 : d)).ToArray(), // the last one wrong
                4 => System.Array.Empty<int>(), // a scalar
                _ => new[] { n }.Concat(sample).ToArray(),
            };
            long count = shape.Aggregate(1L, (a, d) => a * d);
            if (count > MaxSamples * 64L) shape = new[] { 1 }.Concat(sample).ToArray();
            count = shape.Aggregate(1L, (a, d) => a * d);
            string dtype = s_dtypes[random.Next(s_dtypes.Length)];
            int itemSize = int.Parse(dtype.Substring(2), System.Globalization.CultureInfo.InvariantCulture);
            var data = new byte[checked(count * itemSize)];
            string values = Fill(data, dtype, random);
            how = $"{dtype}[{string.Join(",", shape)}] {values}";
            bigEndian = dtype == ">f4";
            return new NpyArray(bigEndian ? "<f4" : dtype, shape, data);
        }

        /// <summary>The .npy image; big-endian data (which NpyArray does not hold) gets its descriptor written into the header.</summary>
        private static byte[] Npy(NpyArray array, bool bigEndian)
        {
            var bytes = NpyFile.Write(array);
            if (bigEndian)
                for (int i = 10; i + 3 < bytes.Length && i < 128; i++)
                    if (bytes[i] == (byte)'<' && bytes[i + 1] == (byte)'f' && bytes[i + 2] == (byte)'4') { bytes[i] = (byte)'>'; break; }
            return bytes;
        }

        private static string Fill(byte[] data, string dtype, Random random)
        {
            if (dtype[1] != 'f')
            {
                random.NextBytes(data);
                if (dtype == "|b1") for (int i = 0; i < data.Length; i++) data[i] &= 1;
                return "random";
            }
            int kind = random.Next(7);
            int size = data.Length / Math.Max(1, int.Parse(dtype.Substring(2), System.Globalization.CultureInfo.InvariantCulture));
            for (int i = 0; i < size; i++)
            {
                double v = kind switch
                {
                    0 => double.NaN,
                    1 => random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
                    2 => (random.NextDouble() * 2 - 1) * 3e38,
                    3 => 1e-42 * random.Next(1, 100),
                    4 => 0.5,
                    5 => random.Next(10) == 0 ? double.NaN : random.NextDouble() * 2 - 1,
                    _ => random.NextDouble() * 2 - 1,
                };
                Write(data, i, dtype, v);
            }
            return new[] { "NaN", "infinite", "huge", "denormal", "constant", "some NaN", "normal" }[kind];
        }

        private static void Write(byte[] data, int i, string dtype, double v)
        {
            var span = data.AsSpan();
            switch (dtype)
            {
                case "<f8": System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(span.Slice(i * 8), v); break;
                case "<f2": System.Buffers.Binary.BinaryPrimitives.WriteHalfLittleEndian(span.Slice(i * 2), (Half)v); break;
                case ">f4": System.Buffers.Binary.BinaryPrimitives.WriteSingleBigEndian(span.Slice(i * 4), (float)v); break;
                default: System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(span.Slice(i * 4), (float)v); break;
            }
        }
    }
}
