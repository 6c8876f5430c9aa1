using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>One layer's weights after magnitude pruning.</summary>
    /// <param name="Name">The layer's output tensor.</param>
    /// <param name="Weights">Values of the filter.</param>
    /// <param name="Zeros">Values that are zero after pruning (blocks zeroed plus zeros already there).</param>
    public sealed record SparseLayer(int Operator, string Op, string Name, long Weights, long Zeros, int Blocks, int ZeroBlocks)
    {
        public double Sparsity => Weights == 0 ? 0 : (double)Zeros / Weights;
    }

    /// <summary>
    /// Weight (magnitude) pruning: in each CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED filter (float32 or int8), the
    /// blocks of <see cref="WeightPruningOptions.Block"/> values along the last dimension with the smallest mean
    /// magnitude (dequantized, so channels of different scales compare) are set to zero until the layer reaches the
    /// target sparsity. The model keeps its format and size: a dense runtime (TFLM) computes the same MACs; a backend
    /// with <see cref="SparseWeightLayout"/> stores and skips the zero blocks.
    /// </summary>
    public static class MagnitudePruner
    {
        public static (Model Model, IReadOnlyList<SparseLayer> Layers) Prune(Model model, WeightPruningOptions options)
        {
            options.Validate();
            var copy = ModelCopier.Copy(model);
            var editor = new ConstantEditor(copy);
            var g = copy.MainSubgraph;
            var layers = new List<SparseLayer>();
            for (int k = 0; k < g.Operators.Count; k++)
            {
                var op = g.Operators[k];
                var code = copy.CodeOf(op);
                if (code.IsCustom || code.Op is not (BuiltinOperator.CONV_2D or BuiltinOperator.DEPTHWISE_CONV_2D or BuiltinOperator.FULLY_CONNECTED)) continue;
                if (op.Inputs.Length < 2 || op.Inputs[1] < 0 || !editor.IsPrivate(op.Inputs[1])) continue;
                var filter = g.Tensors[op.Inputs[1]];
                if (filter.Type is not (TensorType.FLOAT32 or TensorType.INT8) || filter.Shape.Length == 0) continue;
                layers.Add(PruneOne(copy, editor, k, filter, options));
            }
            return (copy, layers);
        }

        private static SparseLayer PruneOne(Model model, ConstantEditor editor, int k, Tensor filter, WeightPruningOptions options)
        {
            var real = ConstantValues.Real(model, filter);
            int rowLength = filter.Shape[filter.Shape.Length - 1];
            int rows = real.Length / Math.Max(1, rowLength);
            int perRow = (rowLength + options.Block - 1) / options.Block;
            var scores = new (double Score, int Index)[rows * perRow];
            for (int r = 0; r < rows; r++)
                for (int b = 0; b < perRow; b++)
                {
                    int start = r * rowLength + b * options.Block, length = Math.Min(options.Block, rowLength - b * options.Block);
                    double sum = 0;
                    for (int i = start; i < start + length; i++) sum += Math.Abs(real[i]);
                    scores[r * perRow + b] = (sum / length, r * perRow + b);
                }
            int zeroBlocks = (int)Math.Floor(options.Sparsity * scores.Length + 1e-9);
            var chosen = scores.OrderBy(s => s.Score).ThenBy(s => s.Index).Take(zeroBlocks).Select(s => s.Index).ToList();

            var data = model.DataOf(filter).ToArray();
            int elementSize = filter.Type.ElementSize();
            foreach (int block in chosen)
            {
                int r = block / perRow, b = block % perRow;
                int start = r * rowLength + b * options.Block, length = Math.Min(options.Block, rowLength - b * options.Block);
                Array.Clear(data, start * elementSize, length * elementSize);
            }
            editor.SetData(filter, data);
            long zeros = filter.Type == TensorType.FLOAT32
                ? MemoryMarshal.Cast<byte, float>(data.AsSpan()).ToArray().LongCount(v => v == 0)
                : data.LongCount(v => v == 0);
            var g = model.MainSubgraph;
            var op = g.Operators[k];
            return new SparseLayer(k, model.CodeOf(op).DisplayName, g.Tensors[op.Outputs[0]].Name ?? $"operator {k}", real.Length, zeros, scores.Length, zeroBlocks);
        }
    }
}
