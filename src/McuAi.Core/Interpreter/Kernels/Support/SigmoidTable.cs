using System;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The 256-node table of sigmoid(i/24) in Q0.16 that TFLite's int16 LOGISTIC and TANH (and the
    /// integer LSTM's gates) interpolate linearly, 512 steps per node.
    /// <para>
    /// TFLite ships the table as a constant whose nodes are not round(65536·sigmoid(i/24)): they are
    /// tuned so that the interpolated curve lies close to sigmoid between the nodes. We do not copy the
    /// constant; we compute the table ourselves as the least-squares fit of the interpolated curve to
    /// 65536·sigmoid over the 512 interpolation points of every segment, rounded to integers (the last
    /// node, reached only as the upper end of segment 254, likewise). This reproduces TFLite's table
    /// except at 12 of 256 nodes, where it differs by one; see docs/interpreter-kernels.md for what that
    /// means for exactness.
    /// </para>
    /// </summary>
    public static class SigmoidTable
    {
        /// <summary>Number of nodes: inputs 0 … 255/24 ≈ 10.6.</summary>
        public const int Nodes = 256;

        /// <summary>Interpolation steps between two nodes (the 9 fractional bits of the table index).</summary>
        public const int Steps = 512;

        private static readonly Lazy<ushort[]> s_table = new(Fit);

        /// <summary>The table, Q0.16 (index i holds ≈ 65536·sigmoid(i/24)).</summary>
        public static ReadOnlySpan<ushort> Values => s_table.Value;

        /// <summary>
        /// Least squares: minimise Σ over segments j and steps u of (y_j·(1 − u/512) + y_{j+1}·u/512 − f)²
        /// with f = 65536·sigmoid((j + u/512)/24). The normal equations are tridiagonal (each node
        /// touches its two segments), solved by the Thomas algorithm in double precision. The fitted
        /// values stay more than 0.002 from any rounding boundary, so the result does not depend on
        /// the last bits of Math.Exp.
        /// </summary>
        private static ushort[] Fit()
        {
            var lower = new double[Nodes];
            var diagonal = new double[Nodes];
            var upper = new double[Nodes];
            var rhs = new double[Nodes];
            for (int j = 0; j < Nodes - 1; j++)
            {
                for (int u = 0; u < Steps; u++)
                {
                    double w = (double)u / Steps;
                    double f = 65536.0 / (1.0 + Math.Exp(-(j + w) / 24.0));
                    diagonal[j] += (1 - w) * (1 - w);
                    upper[j] += (1 - w) * w;
                    rhs[j] += (1 - w) * f;
                    diagonal[j + 1] += w * w;
                    lower[j + 1] += (1 - w) * w;
                    rhs[j + 1] += w * f;
                }
            }
            // Forward elimination, then back substitution.
            var c = new double[Nodes];
            var d = new double[Nodes];
            for (int i = 0; i < Nodes; i++)
            {
                double denominator = diagonal[i] - (i > 0 ? lower[i] * c[i - 1] : 0);
                c[i] = upper[i] / denominator;
                d[i] = (rhs[i] - (i > 0 ? lower[i] * d[i - 1] : 0)) / denominator;
            }
            var table = new ushort[Nodes];
            double next = 0;
            for (int i = Nodes - 1; i >= 0; i--)
            {
                double y = d[i] - (i < Nodes - 1 ? c[i] * next : 0);
                next = y;
                table[i] = (ushort)Math.Min(ushort.MaxValue, Math.Max(0, Math.Floor(y + 0.5)));
            }
            return table;
        }
    }
}
