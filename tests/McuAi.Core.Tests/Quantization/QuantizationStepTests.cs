using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Quantization;
using McuAi.Tests.Data;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.Quantization
{
    /// <summary>The build's quantization step: incremental through the cache, progress every 10%, gates.</summary>
    public class QuantizationStepTests
    {
        private static string SineFile(string dir, string name, int seed, int n = 100)
        {
            var rng = new Random(seed);
            string path = Path.Combine(dir, name);
            File.WriteAllBytes(path, NpyBytes.Float32(Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 * Math.PI)).ToArray(), $"({n}, 1)"));
            return path;
        }

        [Fact]
        public void SecondBuildQuantizesNothingEvenAfterATouchButAChangedFileDoes()
        {
            string dir = CalibrationDataTests.Folder();
            string calibration = SineFile(dir, "calib.npy", 1);
            var request = new QuantizationStepRequest
            {
                ModelPath = SharedData.ModelPath("hello_world_float"),
                CalibrationFiles = new[] { calibration },
                CacheFolder = Path.Combine(dir, "obj"),
            };
            var log = new List<string>();

            var first = QuantizationStep.Run(request, log.Add);
            Assert.True(first.Quantized);
            for (int p = 0; p <= 100; p += 10) Assert.Contains(log, l => l.Contains($"calibrate {p}%"));

            File.SetLastWriteTimeUtc(calibration, DateTime.UtcNow.AddMinutes(5));
            log.Clear();
            var second = QuantizationStep.Run(request, log.Add);
            Assert.False(second.Quantized);
            Assert.Equal(first.ModelPath, second.ModelPath);
            Assert.Contains("up to date", Assert.Single(log));

            SineFile(dir, "calib.npy", 2);
            var third = QuantizationStep.Run(request, log.Add);
            Assert.True(third.Quantized);
            Assert.NotEqual(first.ModelPath, third.ModelPath);
        }

        [Fact]
        public void GatesAreCheckedOnceAndAFailureCachesNothing()
        {
            string dir = CalibrationDataTests.Folder();
            var request = new QuantizationStepRequest
            {
                ModelPath = SharedData.ModelPath("hello_world_float"),
                CalibrationFiles = new[] { SineFile(dir, "calib.npy", 3) },
                ValidationFiles = new[] { SineFile(dir, "val.npy", 4, 50) },
                Gates = new QualityGates { MinCosine = 0.99 },
                CacheFolder = Path.Combine(dir, "obj"),
            };
            var passed = QuantizationStep.Run(request);
            Assert.True(passed.Quantized);
            Assert.Contains("\"cosine\"", File.ReadAllText(passed.MetricsJsonPath!));
            Assert.False(QuantizationStep.Run(request).Quantized);

            var strict = new QuantizationStepRequest
            {
                ModelPath = request.ModelPath,
                CalibrationFiles = request.CalibrationFiles,
                ValidationFiles = request.ValidationFiles,
                Gates = new QualityGates { MaxL2Error = 1e-9 },
                CacheFolder = Path.Combine(dir, "obj2"),
            };
            var e = Assert.Throws<McuAiException>(() => QuantizationStep.Run(strict));
            Assert.Equal(DiagnosticCodes.AccuracyGateFailed, e.Code);
            Assert.False(Directory.Exists(strict.CacheFolder) && Directory.EnumerateFiles(strict.CacheFolder).Any());
        }
    }
}
