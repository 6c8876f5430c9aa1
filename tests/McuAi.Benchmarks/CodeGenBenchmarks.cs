using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using McuAi.CodeGen;
using McuAi.TfLite;

namespace McuAi.Benchmarks
{
    /// <summary>
    /// In-process generation of a 5 MB model array (goal: well under xxd -i's 0.3-0.4 s for the same
    /// bytes). The whole-process comparison with xxd and the C compile times are measured by
    /// codegen-vs-xxd.sh beside this file.
    /// </summary>
    [MemoryDiagnoser]
    public class CodeGenBenchmarks
    {
        private const int Size = 5 * 1024 * 1024;
        private Model _model = null!;
        private byte[] _bytes = null!;
        private McuAi.CodeGen.Views.ModelView _view = null!;

        [GlobalSetup]
        public void Setup()
        {
            string models = Path.Combine(FindRepoRoot(), "..", "shared", "models");
            byte[] person = File.ReadAllBytes(Path.Combine(models, "person_detection_int8.tflite"));
            _model = ModelReader.Read(person, "person_detection_int8.tflite");
            // 5 MB of real model bytes (weights have the byte statistics that matter for the encoder).
            var all = Directory.GetFiles(models, "*.tflite").OrderBy(f => f, StringComparer.Ordinal).SelectMany(File.ReadAllBytes).ToArray();
            _bytes = new byte[Size];
            for (int o = 0; o < Size; o += all.Length) Array.Copy(all, 0, _bytes, o, Math.Min(all.Length, Size - o));
            _view = ModelCodeGenerator.BuildView(_model, _bytes, new GenerationOptions { Symbol = "big" }, "big.tflite", new List<McuAi.Diagnostics.Diagnostic>());
        }

        [Benchmark(Description = "encode 5 MB as string literals")]
        public int EncodeString() => ModelDataEncoder.EncodeStringLiteral(_bytes).Length;

        [Benchmark(Description = "encode 5 MB as a byte list")]
        public int EncodeArray() => ModelDataEncoder.EncodeByteArray(_bytes).Length;

        [Benchmark(Description = "Generate(): all files of a 5 MB model, written to a null stream")]
        public long Generate()
        {
            long length = 0;
            foreach (var file in ModelCodeGenerator.Generate(_model, _bytes, new GenerationOptions { Symbol = "big" }, "big.tflite"))
            {
                file.WriteTo(Stream.Null);
                length += file.Length;
            }
            return length;
        }

        [Benchmark(Description = "render one template (model_settings.h)")]
        public int RenderSettings() => TemplateSet.BuiltIn.Render("model_settings.h", _view).Length;

        [Benchmark(Description = "render the six per-model templates")]
        public int RenderModelTemplates()
        {
            int length = 0;
            foreach (string name in new[] { "model_data.h", "model_data.cc", "op_resolver.h", "model_settings.h", "model.h", "model.cc" })
                length += TemplateSet.BuiltIn.Render(name, _view).Length;
            return length;
        }

        private static string FindRepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "McuAi.Build.sln"))) return dir.FullName;
            throw new InvalidOperationException("cannot find McuAi.Build.sln above " + AppContext.BaseDirectory);
        }
    }
}
