using System;
using System.IO;
using McuAi.TfLite.Schema;
using Xunit;

namespace McuAi.Tests.TfLite.Writer
{
    public class SchemaFileTests
    {
        /// <summary>Set to 1 to rewrite the checked-in schema from the generator (then review the diff).</summary>
        private const string RegenerateVariable = "MCUAI_REGENERATE_SCHEMA";

        [Fact]
        public void Checked_in_schema_equals_the_generated_one()
        {
            string generated = FbsSchemaGenerator.Generate();
            if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
                File.WriteAllText(Flatc.SchemaPath, generated);
            string checkedIn = File.ReadAllText(Flatc.SchemaPath).Replace("\r\n", "\n");
            Assert.True(generated == checkedIn,
                $"{Flatc.SchemaPath} is out of date with OptionsSchema/BuiltinOperator: run the tests with {RegenerateVariable}=1 and commit the result.");
        }

        [RequiresToolFact("flatc")]
        public void Flatc_accepts_the_schema()
        {
            string dir = Path.Combine(Path.GetTempPath(), "mcuai-schema-" + Guid.NewGuid().ToString("N"));
            try
            {
                var (code, output) = Flatc.Run("--cpp", "-o", dir, Flatc.SchemaPath);
                Assert.True(code == 0, $"flatc rejected {Flatc.SchemaPath}: {output}");
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
        }
    }
}
