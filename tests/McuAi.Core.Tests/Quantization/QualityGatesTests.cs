using System;
using System.Globalization;
using System.Text.RegularExpressions;
using McuAi.Diagnostics;
using McuAi.Quantization;
using Xunit;

namespace McuAi.Tests.Quantization
{
    /// <summary>A violated gate's message: figures precise enough to see the violation, in the words of where it is shown.</summary>
    public class QualityGatesTests
    {
        /// <summary>An output whose cosine similarity to its reference is 1/sqrt(1 + e^2), just below 1.</summary>
        private static OutputMetrics AlmostEqual(double e)
        {
            var m = new OutputMetrics("out", isClassifier: false);
            m.Add(new float[] { 1, 0 }, new float[] { 1, (float)e }, 0);
            return m;
        }

        [Fact]
        public void A_figure_that_rounds_onto_the_wrong_side_of_its_gate_is_printed_with_more_digits()
        {
            var metrics = AlmostEqual(0.001); // cosine 0.9999995..., which six decimals show as 1.000000
            Assert.Equal("1.000000", metrics.Cosine.ToString("F6", CultureInfo.InvariantCulture));
            var e = Assert.Throws<McuAiException>(() => new QualityGates { MinCosine = 0.9999999 }.Check(new[] { metrics }, "m.tflite"));
            Assert.Equal(DiagnosticCodes.AccuracyGateFailed, e.Code);
            var shown = Regex.Match(e.Message, @"cosine similarity ([0-9.]+) is below --min-cosine 0\.9999999\b");
            Assert.True(shown.Success, e.Message);
            Assert.True(double.Parse(shown.Groups[1].Value, CultureInfo.InvariantCulture) < 0.9999999, e.Message);
        }

        [Fact]
        public void A_clear_violation_keeps_the_usual_digits()
        {
            var e = Assert.Throws<McuAiException>(() => new QualityGates { MinCosine = 0.99 }.Check(new[] { AlmostEqual(0.5) }, "m.tflite"));
            Assert.Contains("cosine similarity 0.894427 is below --min-cosine 0.99", e.Message);
        }

        [Fact]
        public void Messages_name_command_line_flags_by_default_and_item_metadata_in_the_SDK()
        {
            var metrics = new[] { AlmostEqual(0.5) };
            var cli = Assert.Throws<McuAiException>(() => new QualityGates { MaxL2Error = 0.1 }.Check(metrics, "m.tflite")).Message;
            Assert.Contains("is above --max-l2-error 0.1", cli);
            Assert.Contains("try --calibration-method percentile, or --mode int16x8", cli);

            var sdk = Assert.Throws<McuAiException>(() => new QualityGates { MaxL2Error = 0.1, Names = SettingNames.ItemMetadata }.Check(metrics, "m.tflite")).Message;
            Assert.Contains("is above MaxL2Error 0.1", sdk);
            Assert.Contains("try CalibrationMethod=\"percentile\", or Quantize=\"int16x8\"", sdk);
            Assert.DoesNotContain("--", sdk);

            var invalid = Assert.Throws<McuAiException>(() => QualityGates.Validate(new QualityGates { MinCosine = 2, Names = SettingNames.ItemMetadata }));
            Assert.Equal(DiagnosticCodes.QuantizationOptionInvalid, invalid.Code);
            Assert.StartsWith("MinCosine 2 is not in [-1, 1]", invalid.Message);
        }
    }
}
