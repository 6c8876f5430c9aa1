using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using McuAi.Analysis;
using McuAi.Memory;
using McuAi.Reports;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Analysis
{
    public class ReportTests
    {
        public static IEnumerable<object[]> Models => SharedData.AllModels();

        private static ModelReport Report(string name, AnalysisOptions? options = null) =>
            ModelReport.FromFile(SharedData.ModelPath(name), options);

        [Theory]
        [MemberData(nameof(Models))]
        public void Json_has_the_documented_fields(string name)
        {
            var report = Report(name);
            using var doc = JsonDocument.Parse(ReportJson.Render(report));
            var root = doc.RootElement;
            Assert.Equal(ModelReport.SchemaVersion, root.GetProperty("schemaVersion").GetInt32());
            Assert.Equal(name + ".tflite", root.GetProperty("model").GetProperty("file").GetString());
            Assert.Equal(SharedData.Golden(name).GetProperty("sha256").GetString(), root.GetProperty("model").GetProperty("sha256").GetString());

            var operators = root.GetProperty("operators").EnumerateArray().ToArray();
            Assert.Equal(report.Analysis.Layers.Count, operators.Length);
            long macs = 0;
            foreach (var op in operators)
            {
                Assert.False(string.IsNullOrEmpty(op.GetProperty("op").GetString()));
                Assert.True(op.GetProperty("version").GetInt32() >= 1);
                Assert.True(op.GetProperty("weightBytes").GetInt64() >= 0);
                Assert.NotEmpty(op.GetProperty("outputs").EnumerateArray());
                macs += op.GetProperty("macs").GetInt64();
            }
            Assert.Equal(macs, root.GetProperty("totalMacs").GetInt64());
            Assert.Equal(report.Analysis.WeightBytes, root.GetProperty("weightBytes").GetInt64());
            Assert.Equal(report.Arena.ArenaBytes, root.GetProperty("arenaBytes").GetInt64());
            Assert.Equal(new FileInfo(SharedData.ModelPath(name)).Length, root.GetProperty("flashBytes").GetInt64());

            var opsUsed = root.GetProperty("opsUsed").EnumerateArray().Select(e => e.GetString()).ToArray();
            Assert.Equal(operators.Select(o => o.GetProperty("op").GetString()).Distinct(), opsUsed);
            Assert.All(root.GetProperty("customOps").EnumerateArray(), c => Assert.Contains("CUSTOM:" + c.GetString(), opsUsed));

            foreach (var key in new[] { "inputs", "outputs" })
                foreach (var io in root.GetProperty(key).EnumerateArray())
                {
                    Assert.NotNull(io.GetProperty("name").GetString());
                    Assert.True(Enum.TryParse<TensorType>(io.GetProperty("type").GetString(), out _));
                    Assert.All(io.GetProperty("shape").EnumerateArray(), d => Assert.True(d.GetInt32() >= -1));
                    Assert.Equal(io.GetProperty("scale").GetArrayLength(), io.GetProperty("zeroPoint").GetArrayLength());
                }
            foreach (var w in root.GetProperty("warnings").EnumerateArray())
            {
                Assert.Matches("^MCUAI1[0-9]{3}$", w.GetProperty("code").GetString());
                Assert.False(string.IsNullOrEmpty(w.GetProperty("message").GetString()));
            }
        }

        [Fact]
        public void Json_quantization_reads_back_exactly()
        {
            var report = Report("hello_world_int8");
            using var doc = JsonDocument.Parse(ReportJson.Render(report));
            var input = doc.RootElement.GetProperty("inputs")[0];
            Assert.Equal(report.Analysis.Inputs[0].Scale[0], input.GetProperty("scale")[0].GetSingle());
            Assert.Equal(-128, input.GetProperty("zeroPoint")[0].GetInt64());
            Assert.Equal(new[] { -1, 1 }, input.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(0, doc.RootElement.GetProperty("outputs")[0].GetProperty("quantizedDimension").GetInt32());
        }

        [Fact]
        public void Json_is_deterministic_and_portable()
        {
            string a = ReportJson.Render(Report("mlperf_vww_int8"));
            string b = ReportJson.Render(Report("mlperf_vww_int8"));
            Assert.Equal(a, b);
            Assert.DoesNotContain("\r", a);
            Assert.EndsWith("}\n", a);
            Assert.DoesNotContain(SharedData.ModelsDir, a);
            // schemaVersion comes first, so a reader can dispatch before parsing the rest.
            Assert.StartsWith("{\n  \"schemaVersion\": 1,", a);
        }

        [Fact]
        public void Pointer_size_and_kernels_reach_the_arena_section()
        {
            var report = Report("person_detection_int8", new AnalysisOptions { PointerSize = 8, Kernels = KernelSet.CmsisNn });
            using var doc = JsonDocument.Parse(ReportJson.Render(report));
            var arena = doc.RootElement.GetProperty("arena");
            Assert.Equal(8, arena.GetProperty("pointerSize").GetInt32());
            Assert.Equal("cmsis-nn", arena.GetProperty("kernels").GetString());
            Assert.Equal(doc.RootElement.GetProperty("arenaBytes").GetInt64(), arena.GetProperty("bytes").GetInt64());
            Assert.Equal(report.Arena.Tensors.Count, arena.GetProperty("tensors").GetArrayLength());
        }

        [Fact]
        public void Pointer_size_and_kernels_change_only_the_arena()
        {
            static string WithoutArena(ModelReport r)
            {
                using var doc = JsonDocument.Parse(ReportJson.Render(r));
                var kept = doc.RootElement.EnumerateObject().Where(p => p.Name is not ("arena" or "arenaBytes"));
                return string.Join("\n", kept.Select(p => p.Name + "=" + p.Value.GetRawText()));
            }
            var small = Report("mlperf_ic_int8");
            var large = Report("mlperf_ic_int8", new AnalysisOptions { PointerSize = 8, Kernels = KernelSet.CmsisNn });
            Assert.Equal(WithoutArena(small), WithoutArena(large));
        }

        [Fact]
        public void Markdown_has_one_row_per_layer_and_the_resolver_calls()
        {
            var report = Report("mlperf_kws_int8");
            string md = ReportMarkdown.Render(report);
            var lines = md.Split('\n');
            foreach (var layer in report.Analysis.Layers)
                Assert.Single(lines, l => l.StartsWith($"| {layer.Index} | {layer.Op}", StringComparison.Ordinal));
            Assert.Contains("| 0 | CONV_2D v3 | [1, 25, 5, 64] | 320,000 |", md);
            Assert.Contains("tflite::MicroMutableOpResolver<6> resolver;\nresolver.AddConv2D();\n", md);
            Assert.DoesNotContain("\r", md);
        }

        [Fact]
        public void Markdown_escapes_model_strings()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));
            var bytes = File.ReadAllBytes(SharedData.ModelPath("hello_world_int8"));
            model.MainSubgraph.Tensors[model.MainSubgraph.Inputs[0]].Name = "in|put\n## <script>";
            string md = ReportMarkdown.Render(ModelReport.Create(model, bytes, "/some/dir/hello.tflite"));
            Assert.Contains("| input 0 | in\\|put ## &lt;script&gt; | INT8 |", md);
            Assert.DoesNotContain("/some/dir", md);
        }

        [Fact]
        public void Report_sections_added_later_appear_in_both_renderers()
        {
            var report = Report("hello_world_int8").Add(new FakeValidationSection());
            using var doc = JsonDocument.Parse(ReportJson.Render(report));
            Assert.Equal(0.999, doc.RootElement.GetProperty("validation").GetProperty("cosine").GetDouble());
            Assert.Contains("## Validation\n", ReportMarkdown.Render(report));
            Assert.Throws<ArgumentException>(() => report.Add(new FakeValidationSection()));
        }

        [Fact]
        public void Writer_writes_markdown_json_and_the_arena_timeline_once()
        {
            string dir = Path.Combine(Path.GetTempPath(), "mcuai-report-" + Guid.NewGuid().ToString("N"));
            try
            {
                var report = Report("micro_speech_int8");
                var paths = ReportWriter.Write(report, dir, "kws");
                Assert.Equal(new[] { "kws_report.md", "kws_report.json", "kws_arena.svg" }, paths.Select(Path.GetFileName));
                Assert.Equal(ReportJson.RenderUtf8(report), File.ReadAllBytes(Path.Combine(dir, "kws_report.json")));
                string svg = File.ReadAllText(Path.Combine(dir, "kws_arena.svg"));
                Assert.Equal(ArenaTimelineSvg.Render(report.Arena, report.Model), svg);
                Assert.Contains("![Arena timeline](kws_arena.svg)", File.ReadAllText(Path.Combine(dir, "kws_report.md")));

                // Unchanged content keeps the files (and their timestamps) as they are.
                var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                foreach (var p in paths) File.SetLastWriteTimeUtc(p, old);
                ReportWriter.Write(report, dir, "kws");
                Assert.All(paths, p => Assert.Equal(old, File.GetLastWriteTimeUtc(p)));
                Assert.Equal(3, Directory.GetFiles(dir).Length); // no temporary file left behind

                // Changed content is replaced.
                File.WriteAllText(Path.Combine(dir, "kws_arena.svg"), "<svg/>\n");
                ReportWriter.Write(report, dir, "kws");
                Assert.Equal(svg, File.ReadAllText(Path.Combine(dir, "kws_arena.svg")));
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void Writer_failure_is_a_coded_error_naming_the_folder()
        {
            string file = Path.GetTempFileName();
            try
            {
                // A folder path that is an existing file cannot be created.
                var e = Assert.Throws<McuAi.Diagnostics.McuAiException>(() => ReportWriter.Write(Report("hello_world_int8"), file, "hw"));
                Assert.Equal(McuAi.Diagnostics.DiagnosticCodes.ReportWriteFailed, e.Code);
                Assert.Equal(file, e.File);
            }
            finally
            {
                File.Delete(file);
            }
        }

        private sealed class FakeValidationSection : IReportSection
        {
            public string Name => "validation";
            public void WriteJson(Utf8JsonWriter writer)
            {
                writer.WriteStartObject();
                writer.WriteNumber("cosine", 0.999);
                writer.WriteEndObject();
            }
            public void WriteMarkdown(StringBuilder markdown) => markdown.Append("## Validation\n\ncosine 0.999\n");
        }
    }
}
