using McuAi.TfLite;

namespace McuAi.Analysis
{
    /// <summary>
    /// Multiply-accumulates of one operator, by one convention (docs/analysis.md): the multiplications of its
    /// matrix products and convolutions. Pooling, elementwise ops and activations count 0. Shapes are the static
    /// shapes TFLM allocates; a malformed operator (too few inputs, wrong rank) counts 0 rather than failing,
    /// because analysis reports on models the validator accepted, not on kernels' preconditions.
    /// </summary>
    internal static class MacCounter
    {
        public static long Count(Model model, SubGraph graph, Operator op)
        {
            var code = model.CodeOf(op);
            if (code.IsCustom) return 0;
            switch (code.Op)
            {
                case BuiltinOperator.CONV_2D:
                {
                    // filter [out_channels, kh, kw, in_channels / groups]
                    var filter = Input(graph, op, 1);
                    var output = Output(graph, op, 0);
                    if (filter is null || output is null || filter.Shape.Length != 4) return 0;
                    return Product(output.ElementCount, filter.Shape[1], filter.Shape[2], filter.Shape[3]);
                }
                case BuiltinOperator.DEPTHWISE_CONV_2D:
                {
                    // filter [1, kh, kw, out_channels]: one multiply per output element and kernel tap.
                    var filter = Input(graph, op, 1);
                    var output = Output(graph, op, 0);
                    if (filter is null || output is null || filter.Shape.Length != 4) return 0;
                    return Product(output.ElementCount, filter.Shape[1], filter.Shape[2]);
                }
                case BuiltinOperator.FULLY_CONNECTED:
                {
                    // weights [units, depth]; the input is batch x depth whatever its rank.
                    var input = Input(graph, op, 0);
                    var weights = Input(graph, op, 1);
                    if (input is null || weights is null || weights.Shape.Length != 2 || weights.Shape[1] == 0) return 0;
                    long depth = weights.Shape[1];
                    long batch = input.ElementCount / depth;
                    return Product(batch, weights.Shape[0], depth);
                }
                case BuiltinOperator.TRANSPOSE_CONV:
                {
                    // inputs: output shape, filter [out_channels, kh, kw, in_channels], data input.
                    var filter = Input(graph, op, 1);
                    var input = Input(graph, op, 2);
                    if (filter is null || input is null || filter.Shape.Length != 4) return 0;
                    return Product(input.ElementCount, filter.Shape[1], filter.Shape[2], filter.Shape[0]);
                }
                case BuiltinOperator.BATCH_MATMUL:
                {
                    // [..., m, k] x [..., k, n] -> [..., m, n]: k multiplies per output element.
                    var lhs = Input(graph, op, 0);
                    var output = Output(graph, op, 0);
                    if (lhs is null || output is null || lhs.Shape.Length < 2) return 0;
                    bool adjX = op.Options is { TypeName: "BatchMatMulOptions" } o && o.GetBool("adj_x");
                    long k = adjX ? lhs.Shape[lhs.Shape.Length - 2] : lhs.Shape[lhs.Shape.Length - 1];
                    return Product(output.ElementCount, k);
                }
                case BuiltinOperator.SVDF:
                {
                    // input [batch, input_size], weights_feature [filters, input_size], weights_time [filters, memory]:
                    // a feature matrix product and a time-filter product per batch row.
                    var input = Input(graph, op, 0);
                    var feature = Input(graph, op, 1);
                    var time = Input(graph, op, 2);
                    if (input is null || feature is null || time is null || feature.Shape.Length != 2 || time.Shape.Length != 2 || feature.Shape[1] == 0) return 0;
                    long batch = input.ElementCount / feature.Shape[1];
                    return Product(batch, feature.ElementCount + time.ElementCount);
                }
                case BuiltinOperator.LSTM:
                case BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM:
                    return LstmMacs(graph, op);
                default:
                    return 0;
            }
        }

        /// <summary>
        /// Per time step and batch row: the input-to-gate products (inputs 1-4, [cells, input]), the recurrent products
        /// (inputs 5-8, [cells, output]) and the optional projection (input 16, [output, cells]). Absent gates (CIFG) are skipped.
        /// </summary>
        private static long LstmMacs(SubGraph graph, Operator op)
        {
            var input = Input(graph, op, 0);
            var inputToForget = Input(graph, op, 2);
            if (input is null || inputToForget is null || inputToForget.Shape.Length != 2 || inputToForget.Shape[1] == 0) return 0;
            long rows = input.ElementCount / inputToForget.Shape[1];
            long perRow = 0;
            foreach (int k in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 16 })
                if (Input(graph, op, k) is { } w && w.Shape.Length == 2) perRow += w.ElementCount;
            return Product(rows, perRow);
        }

        /// <summary>A product that saturates at long.MaxValue: a hostile file's shapes must not crash the report.</summary>
        private static long Product(params long[] factors)
        {
            long result = 1;
            foreach (long f in factors)
            {
                if (f <= 0) return 0;
                if (result > long.MaxValue / f) return long.MaxValue;
                result *= f;
            }
            return result;
        }

        private static Tensor? Input(SubGraph graph, Operator op, int k) =>
            k < op.Inputs.Length && op.Inputs[k] >= 0 ? graph.Tensors[op.Inputs[k]] : null;

        private static Tensor? Output(SubGraph graph, Operator op, int k) =>
            k < op.Outputs.Length && op.Outputs[k] >= 0 ? graph.Tensors[op.Outputs[k]] : null;
    }
}
