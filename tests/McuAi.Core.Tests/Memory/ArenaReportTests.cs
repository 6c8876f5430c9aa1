using System.IO;
using System.Linq;
using System.Xml.Linq;
using McuAi.Memory;
using McuAi.Reports;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Memory
{
    public class ArenaReportTests
    {
        [Fact]
        public void Timeline_svg_is_well_formed_deterministic_and_has_one_box_per_buffer()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("person_detection_int8"));
            var plan = ArenaPlanner.Plan(model);
            string svg = ArenaTimelineSvg.Render(plan, model);
            Assert.Equal(svg, ArenaTimelineSvg.Render(ArenaPlanner.Plan(model), model));
            var doc = XDocument.Parse(svg);
            XNamespace ns = "http://www.w3.org/2000/svg";
            var titled = doc.Descendants(ns + "rect").Where(r => r.Element(ns + "title") is not null && r.Attribute("class") is null).ToList();
            Assert.Equal(plan.Tensors.Count(t => t.Subgraph == 0), titled.Count);
            Assert.Contains(titled, r => r.Element(ns + "title")!.Value.StartsWith("input", System.StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "person_detection_int8.arena.svg"), svg);
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "person_detection_int8.arena.md"), ArenaPlanMarkdown.Render(plan, model));
        }

        [Fact]
        public void Timeline_axis_covers_the_whole_arena_with_the_persistent_part_on_top()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("person_detection_int8"));
            var plan = ArenaPlanner.Plan(model);
            Assert.True(plan.PersistentBytes > 0);
            XNamespace ns = "http://www.w3.org/2000/svg";
            var doc = XDocument.Parse(ArenaTimelineSvg.Render(plan, model));
            double Attr(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, System.Globalization.CultureInfo.InvariantCulture);
            var band = doc.Descendants(ns + "rect").Single(r => (string?)r.Attribute("class") == "persistent");
            Assert.StartsWith($"persistent: {plan.PersistentBytes} bytes", band.Element(ns + "title")!.Value);
            // The plot is 420 units high from y=50: the band is its top, in proportion to the whole arena.
            Assert.Equal(50, Attr(band, "y"));
            Assert.InRange(Attr(band, "height") / 420, 0.99 * plan.PersistentBytes / plan.ArenaBytes, 1.01 * plan.PersistentBytes / plan.ArenaBytes);
            var boxes = doc.Descendants(ns + "rect").Where(r => r.Element(ns + "title") is not null && r.Attribute("class") is null).ToList();
            Assert.All(boxes, b => Assert.True(Attr(b, "y") >= Attr(band, "y") + Attr(band, "height") - 0.01, b.ToString()));
        }

        [Fact]
        public void Kernel_set_is_spelled_as_users_write_it_in_every_report()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("person_detection_int8"));
            var plan = ArenaPlanner.Plan(model, new ArenaOptions { Kernels = KernelSet.CmsisNn });
            var report = ModelReport.Create(model, File.ReadAllBytes(SharedData.ModelPath("person_detection_int8")), "person_detection_int8.tflite",
                new McuAi.Analysis.AnalysisOptions { Kernels = KernelSet.CmsisNn });
            foreach (string text in new[] { ArenaTimelineSvg.Render(plan, model), ArenaPlanMarkdown.Render(plan, model), ReportMarkdown.Render(report), ReportText.Render(report), ReportJson.Render(report) })
            {
                Assert.Contains("cmsis-nn", text);
                Assert.DoesNotContain("CmsisNn", text);
                Assert.DoesNotContain("CMSIS-NN kernels", text);
            }
        }

        [Fact]
        public void Names_from_the_model_are_escaped_in_svg_and_markdown()
        {
            var model = ArenaPlannerGraphTests.BranchAndResidual();
            model.MainSubgraph.Tensors[0].Name = "in\"<&>|'\u0001";
            var plan = ArenaPlanner.Plan(model);
            string svg = ArenaTimelineSvg.Render(plan, model);
            var doc = XDocument.Parse(svg); // throws if escaping is wrong
            Assert.Contains(doc.Descendants().Select(e => e.Value), v => v.StartsWith("in\"<&>|'", System.StringComparison.Ordinal));
            string md = ArenaPlanMarkdown.Render(plan, model);
            Assert.Contains("in\"&lt;&&gt;\\|'", md);
            Assert.Contains($"**{plan.ArenaBytes} bytes**", md);
        }
    }
}
