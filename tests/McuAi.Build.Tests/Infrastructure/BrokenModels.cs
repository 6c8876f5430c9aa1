using System;
using System.IO;
using McuAi.FlatBuffers;

namespace McuAi.Build.Tests.Infrastructure
{
    /// <summary>Real model files made wrong in one specific way, for the diagnostics tests.</summary>
    public static class BrokenModels
    {
        /// <summary>LSH_PROJECTION: a TFLite builtin that TFLM has no kernel for.</summary>
        public const int OpTflmCannotRun = 15;

        /// <summary>hello_world_int8 with its FULLY_CONNECTED operator code changed to <see cref="OpTflmCannotRun"/>.</summary>
        public static void WriteWithUnsupportedOp(string path)
        {
            byte[] bytes = File.ReadAllBytes(Repo.Model("hello_world_int8"));
            var codes = new FlatBuffer(bytes).Root().GetVector(1, 4) ?? throw new InvalidOperationException("no operator_codes");
            for (int i = 0; i < codes.Count; i++)
            {
                var code = codes.GetTable(i);
                // Field 0: deprecated_builtin_code (int8); field 3: builtin_code (int32). The op is the larger.
                if (code.Has(0)) bytes[code.Position + code.RawFieldOffset(0)] = OpTflmCannotRun;
                if (code.Has(3)) BitConverter.GetBytes(OpTflmCannotRun).CopyTo(bytes, code.Position + code.RawFieldOffset(3));
            }
            File.WriteAllBytes(path, bytes);
        }

        /// <summary>A text file with a .tflite name.</summary>
        public static void WriteNotAModel(string path) =>
            File.WriteAllText(path, "this is a README saved with the wrong extension, not a TensorFlow Lite flatbuffer\n");
    }
}
