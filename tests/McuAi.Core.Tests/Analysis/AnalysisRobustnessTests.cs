using System;
using McuAi.Analysis;
using McuAi.Diagnostics;
using McuAi.Reports;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Analysis
{
    /// <summary>
    /// Whatever the reader accepts, analysis and the renderers must handle: a corrupt but well-formed model
    /// (odd shapes, swapped types, strange op codes) gives a report, never an exception.
    /// </summary>
    public class AnalysisRobustnessTests
    {
        [Theory]
        [InlineData("hello_world_int8", 1)]
        [InlineData("keyword_scrambled_8bit", 2)]
        [InlineData("audio_preprocessor_int8", 3)]
        public void Mutated_models_that_read_also_analyze_and_render(string name, int seed)
        {
            byte[] original = System.IO.File.ReadAllBytes(SharedData.ModelPath(name));
            var random = new Random(seed);
            int analyzed = 0;
            for (int i = 0; i < 500; i++)
            {
                byte[] bytes = (byte[])original.Clone();
                for (int k = random.Next(1, 4); k > 0; k--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                Model model;
                try
                {
                    model = ModelReader.Read(bytes, "mutated.tflite");
                }
                catch (McuAiException)
                {
                    continue; // rejected with a coded error: the reader's business
                }
                var report = ModelReport.Create(model, bytes, "mutated.tflite");
                Assert.NotEmpty(ReportJson.RenderUtf8(report));
                Assert.NotEmpty(ReportMarkdown.Render(report));
                Assert.NotEmpty(ReportText.Render(report));
                analyzed++;
            }
            Assert.True(analyzed > 25, $"only {analyzed} mutations were readable; the test would prove little");
        }
    }
}
