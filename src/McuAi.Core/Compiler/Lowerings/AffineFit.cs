using System;
using McuAi.Diagnostics;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// Describes an index map of the interpreter (position in a grid → element index, or −1) with a box and strides:
    /// inside the box [Lo, Hi) map = Start + Σ (i_d − Lo_d) · Strides_d, outside it −1. The fit is verified on every
    /// position, so a map the description cannot express is an error, never a wrong kernel.
    /// </summary>
    internal sealed class AffineFit
    {
        private AffineFit(int[] lo, int[] hi, int[] strides, int start)
        {
            Lo = lo;
            Hi = hi;
            Strides = strides;
            Start = start;
        }

        public int[] Lo { get; }
        public int[] Hi { get; }
        public int[] Strides { get; }
        public int Start { get; }

        public static AffineFit Fit(int[] map, int[] dims, LoweringContext context)
        {
            int rank = dims.Length;
            long count = 1;
            foreach (int d in dims) count *= d;
            if (count != map.Length) throw Fail(context, $"{map.Length} entries for a grid of {count}");
            var lo = new int[rank];
            var hi = new int[rank];
            for (int d = 0; d < rank; d++) lo[d] = int.MaxValue;
            var position = new int[rank];
            bool any = false;
            for (int i = 0; i < map.Length; i++)
            {
                if (map[i] >= 0)
                {
                    any = true;
                    for (int d = 0; d < rank; d++)
                    {
                        lo[d] = Math.Min(lo[d], position[d]);
                        hi[d] = Math.Max(hi[d], position[d] + 1);
                    }
                }
                Step(position, dims);
            }
            var strides = new int[rank];
            if (!any)
            {
                Array.Clear(lo, 0, rank);
                return Verified(map, dims, new AffineFit(lo, hi, strides, 0), context);
            }
            int start = map[Flat(lo, dims)];
            for (int d = 0; d < rank; d++)
            {
                if (hi[d] - lo[d] < 2) continue;
                var next = (int[])lo.Clone();
                next[d]++;
                strides[d] = map[Flat(next, dims)] - start;
            }
            return Verified(map, dims, new AffineFit(lo, hi, strides, start), context);
        }

        private static AffineFit Verified(int[] map, int[] dims, AffineFit fit, LoweringContext context)
        {
            var position = new int[dims.Length];
            for (int i = 0; i < map.Length; i++)
            {
                bool inside = true;
                long expected = fit.Start;
                for (int d = 0; d < dims.Length; d++)
                {
                    if (position[d] < fit.Lo[d] || position[d] >= fit.Hi[d]) inside = false;
                    expected += (long)(position[d] - fit.Lo[d]) * fit.Strides[d];
                }
                if (map[i] != (inside ? expected : -1)) throw Fail(context, $"entry {i} is {map[i]}, not {(inside ? expected : -1)}");
                Step(position, dims);
            }
            return fit;
        }

        private static void Step(int[] position, int[] dims)
        {
            for (int d = dims.Length - 1; d >= 0; d--)
            {
                if (++position[d] < dims[d]) return;
                position[d] = 0;
            }
        }

        private static int Flat(int[] position, int[] dims)
        {
            int index = 0;
            for (int d = 0; d < dims.Length; d++) index = index * dims[d] + position[d];
            return index;
        }

        private static McuAiException Fail(LoweringContext context, string why) =>
            context.Operator.Fail(DiagnosticCodes.CBackendLoweringFailed,
                $"the element moves cannot be expressed as a box and strides ({why}); use {context.Names.Assign(Setting.Runtime, "tflm")} for this model");
    }
}
