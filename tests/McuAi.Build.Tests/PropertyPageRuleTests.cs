using System.IO;
using System.Linq;
using System.Xml.Linq;
using McuAi.Build.Tests.Infrastructure;
using Xunit;

namespace McuAi.Build.Tests
{
    /// <summary>Visual Studio cannot run here; what can be checked is that its property page is well-formed and names real metadata.</summary>
    public sealed class PropertyPageRuleTests
    {
        private static readonly XNamespace s_rules = "http://schemas.microsoft.com/build/2009/properties";

        [Fact]
        public void Rule_is_well_formed_and_names_exactly_the_item_metadata()
        {
            var rule = XDocument.Load(Path.Combine(Repo.SdkDir, "rules", "McuAiModel.xaml")).Root!;
            Assert.Equal(s_rules + "Rule", rule.Name);
            var source = rule.Descendants(s_rules + "DataSource").Single();
            Assert.Equal("McuAiModel", (string?)source.Attribute("ItemType"));
            Assert.Equal("ProjectFile", (string?)source.Attribute("Persistence"));

            var categories = rule.Descendants(s_rules + "Category").Select(c => (string?)c.Attribute("Name")).ToHashSet();
            var properties = rule.Elements().Where(e => e.Name.LocalName.EndsWith("Property")).ToList();
            Assert.All(properties, p => Assert.Contains((string?)p.Attribute("Category"), categories));

            // The metadata the SDK defines (ItemDefinitionGroup in build/McuAi.Build.Sdk.props), minus the IDE's own Generator.
            var props = XDocument.Load(Path.Combine(Repo.SdkDir, "build", "McuAi.Build.Sdk.props")).Root!;
            var metadata = props.Descendants().Where(e => e.Parent?.Name.LocalName == "McuAiModel" && e.Parent.Parent?.Name.LocalName == "ItemDefinitionGroup")
                .Select(e => e.Name.LocalName).Where(n => n != "Generator").OrderBy(n => n).ToList();
            Assert.Equal(metadata, properties.Select(p => (string)p.Attribute("Name")!).OrderBy(n => n).ToList());
            Assert.Contains("Symbol", metadata);
            Assert.Contains("ArenaKernels", metadata);
        }

        [Fact]
        public void Targets_register_the_rule_the_item_and_the_up_to_date_inputs()
        {
            var targets = XDocument.Load(Path.Combine(Repo.SdkDir, "build", "McuAi.Build.Sdk.targets")).Root!;
            var items = targets.Descendants().Where(e => e.Parent?.Name.LocalName == "ItemGroup").ToList();
            Assert.Contains(items, e => e.Name.LocalName == "AvailableItemName" && (string?)e.Attribute("Include") == "McuAiModel");
            Assert.Contains(items, e => e.Name.LocalName == "PropertyPageSchema" && ((string?)e.Attribute("Include"))!.EndsWith("McuAiModel.xaml"));
            Assert.Contains(items, e => e.Name.LocalName == "UpToDateCheckInput" && ((string?)e.Attribute("Include"))!.Contains("@(McuAiModel)"));
        }
    }
}
