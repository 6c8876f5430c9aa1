using System;
using McuAi.Diagnostics;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// NumPy-style broadcasting of two inputs to an output shape, resolved once in Prepare: for every
    /// output element, the flat index of the element of each input that feeds it. An input whose shape
    /// equals the output's needs no map (null), so same-shape operators run a plain loop.
    /// </summary>
    public static class BroadcastIndex
    {
        /// <summary>
        /// The index map of <paramref name="input"/> into <paramref name="output"/>'s shape, or null when
        /// the shapes are equal. A coded error when the input cannot broadcast to the output.
        /// </summary>
        public static int[]? Map(RuntimeTensor input, RuntimeTensor output, PrepareContext context)
        {
            var inShape = input.Shape;
            var outShape = output.Shape;
            if (input.ElementCount == output.ElementCount && SameTrailingShape(inShape, outShape)) return null;
            int rank = outShape.Length;
            if (inShape.Length > rank)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"input '{input.Name}' [{string.Join(",", inShape)}] has more dimensions than output '{output.Name}' [{string.Join(",", outShape)}]");
            // Strides of the input aligned right to the output's dimensions; 0 where the input broadcasts.
            var strides = new int[rank];
            int stride = 1;
            for (int d = rank - 1; d >= 0; d--)
            {
                int k = d - (rank - inShape.Length);
                int size = k >= 0 ? inShape[k] : 1;
                if (size != 1 && size != outShape[d])
                    throw context.Fail(DiagnosticCodes.InvalidOperator,
                        $"input '{input.Name}' [{string.Join(",", inShape)}] does not broadcast to output '{output.Name}' [{string.Join(",", outShape)}]");
                strides[d] = size == 1 ? 0 : stride;
                stride *= size;
            }
            var map = new int[checked((int)output.ElementCount)];
            var position = new int[rank];
            int offset = 0;
            for (int i = 0; i < map.Length; i++)
            {
                map[i] = offset;
                // Odometer increment over the output's dimensions, updating the input offset as it goes.
                for (int d = rank - 1; d >= 0; d--)
                {
                    offset += strides[d];
                    if (++position[d] < outShape[d]) break;
                    offset -= strides[d] * outShape[d];
                    position[d] = 0;
                }
            }
            return map;
        }

        /// <summary>Equal shapes, ignoring leading 1s.</summary>
        private static bool SameTrailingShape(int[] a, int[] b)
        {
            int i = a.Length - 1, j = b.Length - 1;
            for (; i >= 0 && j >= 0; i--, j--)
                if (a[i] != b[j]) return false;
            for (; i >= 0; i--) if (a[i] != 1) return false;
            for (; j >= 0; j--) if (b[j] != 1) return false;
            return true;
        }

        /// <summary>The flat input index for output element <paramref name="i"/>.</summary>
        public static int At(int[]? map, int i) => map is null ? i : map[i];
    }
}
