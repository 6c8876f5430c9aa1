using System.IO;
using McuAi.Quantization;
using McuAi.Tests.Data;
using Xunit;

namespace McuAi.Tests.Quantization
{
    public class QuantizationCacheTests
    {
        [Fact]
        public void KeyChangesWithContentAndSettingsButNotWithATouch()
        {
            string dir = CalibrationDataTests.Folder();
            string calib = Path.Combine(dir, "c.npy");
            File.WriteAllBytes(calib, NpyBytes.Float32(new[] { 1f }, "(1, 1)"));
            var model = new byte[] { 1, 2, 3 };
            var options = new QuantizationOptions();
            string key = QuantizationCache.Key(model, new[] { calib }, options);

            File.SetLastWriteTimeUtc(calib, System.DateTime.UtcNow.AddHours(1)); // touched, same bytes
            Assert.Equal(key, QuantizationCache.Key(model, new[] { calib }, options));

            Assert.NotEqual(key, QuantizationCache.Key(new byte[] { 1, 2, 4 }, new[] { calib }, options));
            Assert.NotEqual(key, QuantizationCache.Key(model, new[] { calib }, new QuantizationOptions { IoType = IoType.Float32 }));
            Assert.NotEqual(key, QuantizationCache.Key(model, new[] { calib, calib }, options)); // a file added
            File.WriteAllBytes(calib, NpyBytes.Float32(new[] { 2f }, "(1, 1)"));
            Assert.NotEqual(key, QuantizationCache.Key(model, new[] { calib }, options));
        }

        [Fact]
        public void GetOrCreateQuantizesOnlyOnAMissAndLeavesNoTemporaryFiles()
        {
            string dir = CalibrationDataTests.Folder();
            var cache = new QuantizationCache(Path.Combine(dir, "cache"));
            int runs = 0;
            byte[] Quantize() { runs++; return new byte[] { 42 }; }

            string first = cache.GetOrCreate(new byte[] { 1 }, "m.tflite", new string[0], new QuantizationOptions(), Quantize, out bool hit1);
            string second = cache.GetOrCreate(new byte[] { 1 }, "m.tflite", new string[0], new QuantizationOptions(), Quantize, out bool hit2);

            Assert.False(hit1);
            Assert.True(hit2);
            Assert.Equal(1, runs);
            Assert.Equal(first, second);
            Assert.Equal(new byte[] { 42 }, File.ReadAllBytes(first));
            Assert.Single(Directory.GetFiles(cache.Folder));
            Assert.StartsWith("m.", Path.GetFileName(first));
        }
    }
}
