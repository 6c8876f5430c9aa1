using System;
using System.Linq;
using McuAi.Interpreter.Kernels;
using Xunit;

namespace McuAi.Tests.Interpreter.Kernels2
{
    /// <summary>
    /// The int16 sigmoid table: node i = round(65536·(σ(x) − σ″(x)/(16·24²))), x = i/24, last node 65535.
    /// </summary>
    public class SigmoidTableTests
    {
        private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

        [Theory]
        // x = 0: σ = 1/2 and σ″ = 0, so exactly one half.
        [InlineData(0, 32768)]
        // x = 1: 65536σ = 47910.655, σ″ = −0.0908577 raises it by 0.646 to 47911.301.
        [InlineData(24, 47911)]
        // x = 7/6: 65536σ = 49973.951 rounds to 49974, but σ″ = −0.0950778 raises it by 0.676 to 49974.627.
        [InlineData(28, 49975)]
        // x = 4: 65536σ = 64357.256, raised by 0.121 to 64357.377.
        [InlineData(96, 64357)]
        // x = 7.25: 65536σ = 65489.4910, raised by 0.0050 to 65489.4961, the closest any node comes to a tie.
        [InlineData(174, 65489)]
        // The last node only closes segment 254 and holds the saturated value (the formula gives 65534.4).
        [InlineData(255, 65535)]
        public void Hand_derived_nodes(int node, int expected) => Assert.Equal(expected, SigmoidTable.Values[node]);

        [Fact]
        public void Every_node_but_the_last_is_the_formula_evaluated_in_double()
        {
            // The table is computed in decimal; double's Math.Exp is far more accurate than the 0.004 step margin
            // to the nearest rounding boundary, so the two must agree everywhere.
            var table = SigmoidTable.Values.ToArray();
            for (int i = 0; i < SigmoidTable.Nodes - 1; i++)
            {
                double s = Sigmoid(i / 24.0);
                double node = 65536 * (s - s * (1 - s) * (1 - 2 * s) / (16 * 24 * 24));
                Assert.True(Math.Round(node, MidpointRounding.AwayFromZero) == table[i], $"node {i}: {table[i]} vs {node:F4}");
            }
        }

        [Fact]
        public void Nodes_rise_monotonically_to_the_saturated_value()
        {
            var table = SigmoidTable.Values.ToArray();
            Assert.Equal(SigmoidTable.Nodes, table.Length);
            for (int i = 1; i < table.Length; i++)
                Assert.True(table[i] >= table[i - 1], $"node {i} decreases");
            Assert.Equal(ushort.MaxValue, table[^1]);
        }

        [Fact]
        public void Raised_nodes_keep_the_interpolated_curve_within_1_11_of_sigmoid()
        {
            // Plain round(65536σ) nodes let the chords sag up to 1.62 below the curve; raising each node by half the
            // sag centres the error, 1.109 at worst.
            var table = SigmoidTable.Values.ToArray();
            double worst = 0;
            for (int segment = 0; segment < SigmoidTable.Nodes - 1; segment++)
            {
                for (int step = 0; step <= SigmoidTable.Steps; step++)
                {
                    double t = (double)step / SigmoidTable.Steps;
                    double interpolated = table[segment] + t * (table[segment + 1] - table[segment]);
                    worst = Math.Max(worst, Math.Abs(interpolated - 65536 * Sigmoid((segment + t) / 24)));
                }
            }
            Assert.True(worst < 1.11, $"worst interpolation error {worst:F3} (Q0.16 steps)");
        }
    }
}
