using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using McuAi.Diagnostics;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.Diagnostics
{
    /// <summary>Every diagnostic code has one meaning and a line in the README's diagnostics table.</summary>
    public class DiagnosticCodeTests
    {
        private static readonly string[] s_codes = typeof(DiagnosticCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

        [Fact]
        public void Codes_are_unique_and_well_formed()
        {
            Assert.NotEmpty(s_codes);
            Assert.Equal(s_codes.Length, s_codes.Distinct().Count());
            Assert.All(s_codes, c => Assert.Matches("^MCUAI[0-9]{4}$", c));
        }

        [Fact]
        public void Every_code_is_documented_in_the_README()
        {
            string readme = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "README.md"));
            var documented = Regex.Matches(readme, @"^\| (MCUAI[0-9]{4}) \|", RegexOptions.Multiline).Cast<Match>().Select(m => m.Groups[1].Value).ToHashSet();
            var missing = s_codes.Where(c => !documented.Contains(c)).OrderBy(c => c).ToArray();
            Assert.True(missing.Length == 0, "README's diagnostics table lacks: " + string.Join(", ", missing));
            var stale = documented.Where(c => !s_codes.Contains(c)).OrderBy(c => c).ToArray();
            Assert.True(stale.Length == 0, "README documents codes that do not exist: " + string.Join(", ", stale));
        }
    }
}
