using System;
using McuAi.Diagnostics;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// NumPy-style broadcasting of two inputs to a binary op's output, resolved in Prepare: either the
    /// shapes match (element i of each input makes element i of the output) or each output element's
    /// input indices are precomputed. Dimensions are aligned from the right; a dimension of 1 repeats.
    /// </summary>
    public sealed class Broadcast
    {
        private Broadcast(int count, int[]? indexA, int[]? indexB)
        {
            Count = count;
            IndexA = indexA;
            IndexB = indexB;
        }

        /// <summary>Number of output elements.</summary>
        public int Count { get; }
        /// <summary>Output index → index into the first input; null when it is the output index.</summary>
        public int[]? IndexA { get; }
        /// <summary>Output index → index into the second input; null when it is the output index.</summary>
        public int[]? IndexB { get; }
        /// <summary>True when no input is broadcast.</summary>
        public bool IsElementwise => IndexA is null && IndexB is null;

        public static Broadcast Create(PrepareContext context, RuntimeTensor a, RuntimeTensor b, RuntimeTensor output)
        {
            int count = checked((int)output.ElementCount);
            if (a.ElementCount == count && b.ElementCount == count && SameDims(a.Shape, output.Shape) && SameDims(b.Shape, output.Shape))
                return new Broadcast(count, null, null);
            int rank = Math.Max(Math.Max(a.Rank, b.Rank), output.Rank);
            var outDims = Align(output.Shape, rank);
            var aDims = Align(a.Shape, rank);
            var bDims = Align(b.Shape, rank);
            for (int d = 0; d < rank; d++)
            {
                if ((aDims[d] != outDims[d] && aDims[d] != 1) || (bDims[d] != outDims[d] && bDims[d] != 1) || Math.Max(aDims[d], bDims[d]) != outDims[d])
                    throw context.Fail(DiagnosticCodes.InvalidOperator,
                        $"shapes [{string.Join(",", a.Shape)}] and [{string.Join(",", b.Shape)}] do not broadcast to the output's [{string.Join(",", output.Shape)}]");
            }
            return new Broadcast(count, Indices(aDims, outDims), Indices(bDims, outDims));
        }

        private static bool SameDims(int[] x, int[] y)
        {
            // Leading 1s do not change the layout: [1, 4] and [4] are the same elements.
            int rank = Math.Max(x.Length, y.Length);
            var ax = Align(x, rank);
            var ay = Align(y, rank);
            for (int i = 0; i < rank; i++) if (ax[i] != ay[i]) return false;
            return true;
        }

        private static int[] Align(int[] shape, int rank)
        {
            var result = new int[rank];
            for (int i = 0; i < rank; i++)
            {
                int source = i - (rank - shape.Length);
                result[i] = source < 0 ? 1 : shape[source];
            }
            return result;
        }

        private static int[] Indices(int[] inputDims, int[] outDims)
        {
            int rank = outDims.Length;
            var strides = new int[rank];
            int stride = 1;
            for (int d = rank - 1; d >= 0; d--)
            {
                strides[d] = inputDims[d] == 1 ? 0 : stride;
                stride *= inputDims[d];
            }
            int count = 1;
            foreach (int d in outDims) count *= d;
            var result = new int[count];
            var position = new int[rank];
            int index = 0;
            for (int i = 0; i < count; i++)
            {
                result[i] = index;
                for (int d = rank - 1; d >= 0; d--)
                {
                    position[d]++;
                    index += strides[d];
                    if (position[d] < outDims[d]) break;
                    index -= strides[d] * position[d];
                    position[d] = 0;
                }
            }
            return result;
        }
    }
}
