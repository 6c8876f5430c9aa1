using System;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The 256-node table of sigmoid(i/24) in Q0.16 that TFLite's int16 LOGISTIC and TANH (and the
    /// integer LSTM's gates) interpolate linearly, 512 steps per node.
    /// <para>
    /// The nodes are not round(65536·σ(i/24)): for x &gt; 0 sigmoid is concave, so a chord between nodes
    /// h = 1/24 apart falls below the curve, by σ″·h²/8 at the middle of the segment. Every node is raised
    /// by half that sag, which centres the interpolation error around the curve (for constant curvature
    /// this is the chord of smallest maximum error):
    /// node i = round(65536·(σ(x) − σ″(x)·h²/16)), x = i·h, with σ″ = σ(1 − σ)(1 − 2σ).
    /// The last node is the exception: it is never interpolated from, only closes segment 254, and holds
    /// the saturated value 65535 (0xFFFF, the largest Q0.16 value; TANH saturates to it past the table)
    /// where the formula would give 65534. This reproduces TFLite's constant at all 256 nodes (checked
    /// outside the repository; the constant itself is not part of it).
    /// </para>
    /// </summary>
    public static class SigmoidTable
    {
        /// <summary>Number of nodes: inputs 0 … 255/24 ≈ 10.6.</summary>
        public const int Nodes = 256;

        /// <summary>Interpolation steps between two nodes (the 9 fractional bits of the table index).</summary>
        public const int Steps = 512;

        /// <summary>Nodes per unit of input: the node spacing h is 1/24.</summary>
        private const int NodesPerUnit = 24;

        /// <summary>The last node's value: 1 in Q0.16, saturated to the largest ushort.</summary>
        private const ushort Saturated = ushort.MaxValue;

        private static readonly Lazy<ushort[]> s_table = new(Compute);

        /// <summary>The table, Q0.16 (index i holds ≈ 65536·sigmoid(i/24)).</summary>
        public static ReadOnlySpan<ushort> Values => s_table.Value;

        /// <summary>
        /// Evaluates the formula in <see cref="decimal"/>, software arithmetic with 28 significant digits
        /// that gives the same digits on every machine and runtime (Math.Exp comes from the platform's C
        /// library and may differ in the last bit). The closest any node comes to a rounding boundary is
        /// 0.004 of a step (node 174); the arithmetic's error stays below 1e-20 of a step.
        /// </summary>
        private static ushort[] Compute()
        {
            decimal stepDecay = ExpOfMinusOneOver(NodesPerUnit);
            decimal sagFactor = 16m * NodesPerUnit * NodesPerUnit;
            var table = new ushort[Nodes];
            decimal decay = 1m; // e^(−i·h)
            for (int i = 0; i < Nodes - 1; i++)
            {
                decimal sigmoid = 1m / (1m + decay);
                decimal secondDerivative = sigmoid * (1m - sigmoid) * (1m - 2m * sigmoid);
                decimal node = 65536m * (sigmoid - secondDerivative / sagFactor);
                table[i] = (ushort)Math.Round(node, MidpointRounding.AwayFromZero);
                decay *= stepDecay;
            }
            table[Nodes - 1] = Saturated;
            return table;
        }

        /// <summary>e^(−1/n) by its Taylor series, summed until the terms vanish at decimal's precision.</summary>
        private static decimal ExpOfMinusOneOver(int n)
        {
            decimal sum = 1m, term = 1m;
            for (int k = 1; term != 0m; k++)
            {
                term /= -n * k;
                sum += term;
            }
            return sum;
        }
    }
}
