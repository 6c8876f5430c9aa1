using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using McuAi.Memory;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Memory
{
    /// <summary>
    /// The estimate against the smallest arena TFLM really needed (golden.json, found by bisection):
    /// never below it, at most 10 % above it, on a 64-bit host and on a Cortex-M4 with both kernel sets.
    /// </summary>
    public class ArenaGoldenTests
    {
        private readonly ITestOutputHelper _out;
        public ArenaGoldenTests(ITestOutputHelper output) => _out = output;

        /// <summary>One golden figure: model, target, the real minimum and what TFLM reported as used.</summary>
        public sealed record Figure(string Model, string Target, int PointerSize, KernelSet Kernels, long MinArena, long ArenaUsed);

        public static IEnumerable<Figure> Figures()
        {
            foreach (string name in SharedData.ModelNames().Where(SharedData.TflmRuns))
            {
                var g = SharedData.Golden(name);
                yield return new Figure(name, "host (64-bit, reference)", 8, KernelSet.Reference,
                    g.GetProperty("min_arena_bytes").GetInt64(), g.GetProperty("arena_used_bytes").GetInt64());
                if (!g.TryGetProperty("cortex_m4", out var m4)) continue;
                foreach (var (key, kernels) in new[] { ("ref", KernelSet.Reference), ("cmsis_nn", KernelSet.CmsisNn) })
                    if (m4.TryGetProperty(key, out var k) && k.TryGetProperty("min_arena_bytes", out var min) && min.ValueKind == System.Text.Json.JsonValueKind.Number)
                        yield return new Figure(name, $"Cortex-M4, {key}", 4, kernels, min.GetInt64(), k.GetProperty("arena_used_bytes").GetInt64());
            }
        }

        public static IEnumerable<object[]> FigureRows() => Figures().Select(f => new object[] { f.Model, f.Target });

        private static Figure Find(string model, string target) => Figures().Single(f => f.Model == model && f.Target == target);

        private static ArenaPlan PlanFor(Figure f) =>
            ArenaPlanner.Plan(ModelReader.ReadFile(SharedData.ModelPath(f.Model)),
                new ArenaOptions { PointerSize = f.PointerSize, Kernels = f.Kernels });

        [Theory]
        [MemberData(nameof(FigureRows))]
        public void Estimate_is_never_below_TFLM_and_at_most_10_percent_above(string model, string target)
        {
            var f = Find(model, target);
            var plan = PlanFor(f);
            _out.WriteLine($"{model} {target}: estimate {plan.ArenaBytes}, TFLM {f.MinArena} (used {plan.ArenaUsedBytes} vs {f.ArenaUsed})");
            foreach (var t in plan.Terms) _out.WriteLine($"  {t.Bytes,8}  {t.Description}");
            Assert.True(plan.ArenaBytes >= f.MinArena, $"estimate {plan.ArenaBytes} is below TFLM's real minimum {f.MinArena}");
            Assert.True(plan.ArenaBytes <= f.MinArena * 1.10, $"estimate {plan.ArenaBytes} is more than 10 % above TFLM's {f.MinArena}");
        }

        [Theory]
        [MemberData(nameof(FigureRows))]
        public void Terms_add_up_to_the_estimate(string model, string target)
        {
            var plan = PlanFor(Find(model, target));
            Assert.Equal(plan.ArenaBytes, plan.Terms.Sum(t => t.Bytes));
            Assert.Equal(plan.ArenaUsedBytes, plan.NonPersistentBytes + plan.PersistentBytes);
        }

        /// <summary>Prints the estimate-versus-TFLM table (docs/arena.md quotes it).</summary>
        [Fact]
        public void Print_table_of_estimates_against_TFLM()
        {
            var sb = new StringBuilder();
            sb.AppendLine("| model | target | TFLM min | estimate | over | TFLM used | our used |");
            sb.AppendLine("|---|---|---:|---:|---:|---:|---:|");
            int rows = 0;
            foreach (var f in Figures())
            {
                var plan = PlanFor(f);
                double over = 100.0 * (plan.ArenaBytes - f.MinArena) / f.MinArena;
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {f.Model} | {f.Target} | {f.MinArena} | {plan.ArenaBytes} | {over:+0.0;-0.0;0.0} % | {f.ArenaUsed} | {plan.ArenaUsedBytes} |"));
                rows++;
            }
            _out.WriteLine(sb.ToString());
            Assert.True(rows >= 40, $"expected a figure for every model and target, got {rows}");
        }
    }
}
