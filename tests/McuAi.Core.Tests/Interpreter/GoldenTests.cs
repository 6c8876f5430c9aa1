using System.Collections.Generic;
using System.Linq;
using McuAi.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Interpreter
{
    /// <summary>Every model and vector in ../shared/golden against TFLM's outputs.</summary>
    public class GoldenTests
    {
        private readonly ITestOutputHelper _output;

        public GoldenTests(ITestOutputHelper output) => _output = output;

        public static IEnumerable<object[]> Models => GoldenRun.GoldenModels().Select(n => new object[] { n });

        /// <summary>
        /// One row per golden model. xunit 2 cannot skip a row at run time, so a model that uses an op
        /// not implemented yet passes here with its reason in the output, and is listed as skipped by
        /// <see cref="All_models_table"/>, which fails if anything else goes wrong.
        /// </summary>
        [Theory]
        [MemberData(nameof(Models))]
        public void Outputs_match_TFLM(string model)
        {
            var outcome = GoldenRun.Run(model);
            _output.WriteLine($"{outcome.Model}: {outcome.Status} ({outcome.Detail})");
            Assert.True(outcome.Passed || outcome.Skipped, $"{outcome.Model}: {outcome.Detail}");
        }

        [Fact]
        public void All_models_table()
        {
            var outcomes = GoldenRun.GoldenModels().Select(GoldenRun.Run).ToList();
            _output.WriteLine($"{"model",-28} {"result",-17} detail");
            foreach (var o in outcomes) _output.WriteLine($"{o.Model,-28} {o.Status,-17} {o.Detail}");
            var skipped = outcomes.Where(o => o.Skipped).ToList();
            _output.WriteLine($"skipped: {skipped.Count} of {outcomes.Count}: " + string.Join("; ", skipped.Select(o => $"{o.Model} ({o.Detail})")));
            _output.WriteLine($"worst float error: {outcomes.Select(o => o.WorstFloatError).DefaultIfEmpty(0).Max():E3} × max|ref|");
            Assert.All(outcomes, o => Assert.True(o.Passed || o.Skipped, $"{o.Model}: {o.Detail}"));
            Assert.Contains(outcomes, o => o.Passed);
        }
    }
}
