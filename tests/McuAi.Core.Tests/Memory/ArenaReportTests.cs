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
            var titled = doc.Descendants(ns + "rect").Where(r => r.Element(ns + "title") is not null).ToList();
            Assert.Equal(plan.Tensors.Count(t => t.Subgraph == 0), titled.Count);
            Assert.Contains(titled, r => r.Element(ns + "title")!.Value.StartsWith("input", System.StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "person_detection_int8.arena.svg"), svg);
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "person_detection_int8.arena.md"), ArenaPlanMarkdown.Render(plan, model));
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
