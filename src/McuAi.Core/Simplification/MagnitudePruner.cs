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
    /// magnitude (dequantized, so channels of different scales compare) are set to zero: the same fraction of every
    /// layer, or (<see cref="WeightPruningOptions.Global"/>) the smallest blocks of the whole model. The model keeps its
    /// format and size: a dense runtime (TFLM) computes the same MACs; a backend with <see cref="SparseWeightLayout"/>
    /// stores and skips the zero blocks.
    /// </summary>
    public static class MagnitudePruner
    {
        public static (Model Model, IReadOnlyList<SparseLayer> Layers) Prune(Model model, WeightPruningOptions options)
        {
            options.Validate();
            var copy = ModelCopier.Copy(model);
            var editor = new ConstantEditor(copy);
            var g = copy.MainSubgraph;
            var layers = new List<LayerBlocks>();
            for (int k = 0; k < g.Operators.Count; k++)
            {
                var op = g.Operators[k];
                var code = copy.CodeOf(op);
                if (code.IsCustom || code.Op is not (BuiltinOperator.CONV_2D or BuiltinOperator.DEPTHWISE_CONV_2D or BuiltinOperator.FULLY_CONNECTED)) continue;
                if (op.Inputs.Length < 2 || op.Inputs[1] < 0 || !editor.IsPrivate(op.Inputs[1])) continue;
                var filter = g.Tensors[op.Inputs[1]];
                if (filter.Type is not (TensorType.FLOAT32 or TensorType.INT8) || filter.Shape.Length == 0) continue;
                layers.Add(new LayerBlocks(copy, k, filter, options.Block));
            }
            if (options.Global)
            {
                var all = layers.SelectMany((l, i) => l.Scores.Select((score, b) => (Score: score, Layer: i, Block: b)))
                    .OrderBy(x => x.Score).ThenBy(x => x.Layer).ThenBy(x => x.Block)
                    .Take((int)Math.Floor(options.Sparsity * layers.Sum(l => l.Scores.Length) + 1e-9));
                foreach (var x in all) layers[x.Layer].Zeroed.Add(x.Block);
            }
            else
                foreach (var l in layers)
                    l.Zeroed.AddRange(l.Scores.Select((score, b) => (score, b)).OrderBy(x => x.score).ThenBy(x => x.b)
                        .Take((int)Math.Floor(options.Sparsity * l.Scores.Length + 1e-9)).Select(x => x.b));
            return (copy, layers.Select(l => l.Apply(copy, editor)).ToList());
        }

        /// <summary>One filter cut into blocks along its last dimension, with each block's mean magnitude.</summary>
        private sealed class LayerBlocks
        {
            private readonly int _operator, _rowLength, _block, _perRow;
            private readonly Tensor _filter;

            public LayerBlocks(Model model, int k, Tensor filter, int block)
            {
                _operator = k;
                _filter = filter;
                _block = block;
                var real = ConstantValues.Real(model, filter);
                _rowLength = filter.Shape[filter.Shape.Length - 1];
                int rows = real.Length / Math.Max(1, _rowLength);
                _perRow = (_rowLength + block - 1) / block;
                Scores = new double[rows * _perRow];
                for (int r = 0; r < rows; r++)
                    for (int b = 0; b < _perRow; b++)
                    {
                        var (start, length) = Span(r * _perRow + b);
                        double sum = 0;
                        for (int i = start; i < start + length; i++) sum += Math.Abs(real[i]);
                        Scores[r * _perRow + b] = sum / length;
                    }
            }

            public double[] Scores { get; }
            public List<int> Zeroed { get; } = new();

            private (int Start, int Length) Span(int block)
            {
                int r = block / _perRow, b = block % _perRow;
                return (r * _rowLength + b * _block, Math.Min(_block, _rowLength - b * _block));
            }

            public SparseLayer Apply(Model model, ConstantEditor editor)
            {
                var data = model.DataOf(_filter).ToArray();
                int elementSize = _filter.Type.ElementSize();
                foreach (int block in Zeroed)
                {
                    var (start, length) = Span(block);
                    Array.Clear(data, start * elementSize, length * elementSize);
                }
                editor.SetData(_filter, data);
                long zeros = _filter.Type == TensorType.FLOAT32
                    ? MemoryMarshal.Cast<byte, float>(data.AsSpan()).ToArray().LongCount(v => v == 0)
                    : data.LongCount(v => v == 0);
                var g = model.MainSubgraph;
                var op = g.Operators[_operator];
                return new SparseLayer(_operator, model.CodeOf(op).ShownName, g.Tensors[op.Outputs[0]].Name ?? $"operator {_operator}",
                    _filter.ElementCount, zeros, Scores.Length, Zeroed.Count);
            }
        }
    }
}
