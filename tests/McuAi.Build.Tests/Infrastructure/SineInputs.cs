using System;
using System.IO;
using McuAi.Data;

namespace McuAi.Build.Tests.Infrastructure
{
    /// <summary>Calibration data for hello_world_float: its real input distribution, x uniform in [0, 2π], shape [N, 1] float32.</summary>
    public static class SineInputs
    {
        public static void Write(string path, int count, int seed, float poison = 0f)
        {
            var random = new Random(seed);
            var x = new float[count];
            for (int i = 0; i < count; i++) x[i] = (float)(random.NextDouble() * 2 * Math.PI);
            if (poison != 0f) x[count / 2] = poison;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            NpyFile.WriteFile(NpyArray.FromFloat32(x, count, 1), path);
        }
    }
}
