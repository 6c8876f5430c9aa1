using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// TRANSPOSE by a constant permutation (up to 6 dimensions, as TFLM): output dimension i is input
    /// dimension perm[i]. Any element type; Prepare builds the index map.
    /// </summary>
    [KernelFor(BuiltinOperator.TRANSPOSE)]
    public sealed class TransposeKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var permTensor = context.Input(1);
            var output = context.Output(0);
            if (input.Type != output.Type) throw context.UnsupportedType(output);
            if (permTensor.Type != TensorType.INT32) throw context.UnsupportedType(permTensor);
            QuantizedMultipliers.RequireConstant(permTensor, context);
            int rank = input.Rank;
            var perm = permTensor.As<int>().ToArray();
            if (rank > 6 || perm.Length != rank || output.Rank != rank)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"the permutation has {perm.Length} entries for an input of rank {rank} (at most 6)");
            var seen = new bool[rank];
            for (int i = 0; i < rank; i++)
            {
                int p = perm[i] < 0 ? perm[i] + rank : perm[i];
                if (p < 0 || p >= rank || seen[p] || output.Shape[i] != input.Shape[p])
                    throw context.Fail(DiagnosticCodes.InvalidOperator, $"[{string.Join(",", perm)}] is not a permutation from [{string.Join(",", input.Shape)}] to [{string.Join(",", output.Shape)}]");
                seen[p] = true;
                perm[i] = p;
            }
            var inputStrides = new int[rank];
            int stride = 1;
            for (int d = rank - 1; d >= 0; d--)
            {
                inputStrides[d] = stride;
                stride *= input.Shape[d];
            }
            var map = new int[output.ElementCount];
            var position = new int[rank];
            for (int i = 0; i < map.Length; i++)
            {
                int index = 0;
                for (int d = 0; d < rank; d++) index += position[d] * inputStrides[perm[d]];
                map[i] = index;
                for (int d = rank - 1; d >= 0; d--)
                {
                    if (++position[d] < output.Shape[d]) break;
                    position[d] = 0;
                }
            }
            return new GatherOp(input, output, map);
        }
    }
}
