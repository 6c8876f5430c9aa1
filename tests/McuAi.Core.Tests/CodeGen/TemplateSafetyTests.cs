using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.CodeGen
{
    /// <summary>
    /// Rendering is bounded and confined: big output is never cut short, a runaway template stops
    /// with MCUAI2005, and a template reaches nothing but the view models and Scriban's builtins.
    /// </summary>
    public class TemplateSafetyTests
    {
        private const int TenMegabytes = 10 * 1024 * 1024;

        [Theory]
        [InlineData(ModelDataFormat.String)]
        [InlineData(ModelDataFormat.Array)]
        [InlineData(ModelDataFormat.Incbin)]
        public void ATenMegabyteModelArrayIsWrittenWhole(ModelDataFormat format)
        {
            var (model, bytes) = TenMegabyteModel();
            var files = ModelCodeGenerator.Generate(model, bytes, new GenerationOptions { Symbol = "big", DataFormat = format }, "big.tflite");
            string data = Encoding.ASCII.GetString(files.Single(f => f.RelativePath == "big_model_data.cc").Content);
            // Far beyond Scriban's default 1 MiB output limit, and ends as the template does.
            Assert.EndsWith($"\nconst unsigned int g_big_model_data_size = {TenMegabytes}u;\n", data);
            byte[] embedded = format switch
            {
                ModelDataFormat.String => StringInitializer(data),
                ModelDataFormat.Array => ArrayInitializer(data),
                _ => files.Single(f => f.RelativePath == "big_model_data.tflite").Content,
            };
            Assert.True(embedded.AsSpan().SequenceEqual(bytes), $"{format}: {embedded.Length} bytes embedded of {bytes.Length}");
        }

        [Fact]
        public void OutputBeyondScribansDefaultLimitIsNotCut()
        {
            // Scriban's default (1 MiB) would end this output with "..." and no error.
            string text = Render("{{ for i in 1..3000 }}{{ '' | string.pad_left 999 }}|{{ end }}");
            Assert.Equal(3_000_000, text.Length);
            Assert.EndsWith(new string(' ', 999) + "|", text);
        }

        [Theory]
        [InlineData("{{ for i in 1..100000000 }}{{ end }}", "LoopLimit")]
        [InlineData("{{ while true }}{{ end }}", "limit")]
        // Nested loops share one budget: a thousand times a thousand and one is too many.
        [InlineData("{{ for i in 1..1000 }}{{ for j in 0..1000 }}{{ end }}{{ end }}", "limit")]
        [InlineData("{{ func down(n); ret down(n + 1); end; down 0 }}", "recursive")]
        [InlineData("{{ '' | string.pad_left 100000000 }}", "LimitToString")]
        [InlineData("{{ for i in 1..999999 }}{{ '' | string.pad_left 100 }}{{ end }}", "OutputLimit")]
        public void ARunawayTemplateStopsWithACodedError(string template, string mentioned)
        {
            var e = Assert.Throws<McuAiException>(() => Render(template));
            Assert.Equal(DiagnosticCodes.TemplateError, e.Code);
            Assert.Equal(1, e.Line);
            Assert.Contains(mentioned, e.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Theory]
        // .NET members beyond the view models' properties: list and string members, methods.
        [InlineData("{{ inputs.count }}", "count")]
        [InlineData("{{ inputs.Count }}", "Count")]
        [InlineData("{{ symbol.length }}", "length")]
        [InlineData("{{ inputs[0].get_type }}", "get_type")]
        [InlineData("{{ inputs[0].GetType }}", "GetType")]
        [InlineData("{{ symbol.to_upper_invariant }}", "to_upper_invariant")]
        // The internal setters do not make names: the C# name is not a template name.
        [InlineData("{{ ArenaSize }}", "ArenaSize")]
        // No clock (outputs are deterministic), no functions a view does not have.
        [InlineData("{{ date.now }}", "date")]
        [InlineData("{{ environment 'HOME' }}", "environment")]
        // Include needs a partial of a template folder; the built-in set has none.
        [InlineData("{{ include '/etc/passwd' }}", "partial")]
        public void ATemplateReachesOnlyTheViewAndTheBuiltins(string template, string mentioned)
        {
            var e = Assert.Throws<McuAiException>(() => Render(template));
            Assert.Equal(DiagnosticCodes.TemplateError, e.Code);
            Assert.Contains(mentioned, e.Message);
        }

        [Fact]
        public void ATemplateCannotChangeTheViewOrTheBuiltinsOfTheNextRender()
        {
            var e = Assert.Throws<McuAiException>(() => Render("{{ inputs[0].id = 'x' }}"));
            Assert.Equal(DiagnosticCodes.TemplateError, e.Code);
            // A member added to a builtin object lives for one render only.
            Assert.Equal("1", Render("{{ string.extra = 1 }}{{ string.extra }}"));
            Assert.Equal(DiagnosticCodes.TemplateError, Assert.Throws<McuAiException>(() => Render("{{ string.extra }}")).Code);
        }

        [Fact]
        public void AGlobalAssignedInOneTemplateIsNotSeenByTheNextFile()
        {
            var (model, bytes) = CodeGenKit.Load("hello_world_int8");
            using var temp = new TempDir();
            File.WriteAllText(Path.Combine(temp.Path, "model_data.h.scriban"), "{{ symbol = 'changed' }}{{ symbol }}\n");
            File.WriteAllText(Path.Combine(temp.Path, "model.h.scriban"), "{{ symbol }}\n");
            var files = ModelCodeGenerator.Generate(model, bytes, new GenerationOptions { Symbol = "hw", TemplateDirectory = temp.Path }, "hw.tflite");
            Assert.Equal("changed\n", Encoding.UTF8.GetString(files.Single(f => f.RelativePath == "hw_model_data.h").Content));
            Assert.Equal("hw\n", Encoding.UTF8.GetString(files.Single(f => f.RelativePath == "hw_model.h").Content));
        }

        [Fact]
        public void NumbersAndCaseAreWrittenTheSameInEveryCulture()
        {
            var previous = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo("de-DE");
                Assert.Equal("1.5 1234567 -3", Render("{{ 1.5 }} {{ 1234567 }} {{ -3 }}"));
                // Turkish upper-cases i to İ: not in generated code.
                CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
                Assert.Equal("Input INPUT", Render("{{ 'input' | string.capitalize }} {{ 'input' | string.upcase }}"));
                Assert.Equal("tr-TR", CultureInfo.CurrentCulture.Name);
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }
        }

        /// <summary>Renders <paramref name="template"/> as a user's model.h for hello_world_int8.</summary>
        private static string Render(string template)
        {
            var (model, bytes) = CodeGenKit.Load("hello_world_int8");
            using var temp = new TempDir();
            File.WriteAllText(Path.Combine(temp.Path, "model.h.scriban"), template);
            return TemplateOverrideTests.Text(model, bytes, new GenerationOptions { Symbol = "hw", TemplateDirectory = temp.Path }, "hw_model.h");
        }

        /// <summary>person_detection_int8 followed by real model bytes up to 10 MB (the reader accepts trailing data).</summary>
        private static (Model, byte[]) TenMegabyteModel()
        {
            var (model, person) = CodeGenKit.Load("person_detection_int8");
            var filler = Directory.GetFiles(Path.GetDirectoryName(McuAi.Tests.Infrastructure.SharedData.ModelPath("person_detection_int8"))!, "*.tflite")
                .OrderBy(f => f, StringComparer.Ordinal).SelectMany(File.ReadAllBytes).ToArray();
            var bytes = new byte[TenMegabytes];
            person.CopyTo(bytes, 0);
            for (int at = person.Length; at < bytes.Length; at += filler.Length)
                Array.Copy(filler, 0, bytes, at, Math.Min(filler.Length, bytes.Length - at));
            return (model, bytes);
        }

        private static byte[] StringInitializer(string data)
        {
            var match = Regex.Match(data, @"\[(\d+)\] =\n(.*?);\n\nconst unsigned", RegexOptions.Singleline);
            Assert.True(match.Success, "no string initializer");
            byte[] literal = CLiteralDecoder.Decode(match.Groups[2].Value);
            // The array holds the literal and its NUL; the model's last byte may be that NUL.
            long arrayLength = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return literal.Concat(new byte[] { 0 }).Take((int)Math.Min(arrayLength, TenMegabytes)).ToArray();
        }

        private static byte[] ArrayInitializer(string data)
        {
            int open = data.IndexOf("= {\n", StringComparison.Ordinal), close = data.IndexOf("\n};", StringComparison.Ordinal);
            return Regex.Matches(data.Substring(open, close - open), "0x([0-9a-fA-F]{2})")
                .Select(m => byte.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
        }
    }
}
