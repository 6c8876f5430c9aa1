using System;
using System.Collections.Generic;

namespace McuAi.TfLite
{
    /// <summary>
    /// Which builtin-options table each op takes (TFLite's schema names the union, the TFLite runtime's
    /// per-op parsers name the member: <c>builtin_options_as_Conv2DOptions()</c> for CONV_2D). Most ops follow
    /// the naming rule FOO_BAR → FooBarOptions; the others are listed here. An op whose rule finds no table
    /// takes no options.
    /// </summary>
    public static class OptionsTableOfOp
    {
        private static readonly Dictionary<BuiltinOperator, string> s_exceptions = new()
        {
            [BuiltinOperator.CONV_2D] = "Conv2DOptions",
            [BuiltinOperator.DEPTHWISE_CONV_2D] = "DepthwiseConv2DOptions",
            [BuiltinOperator.AVERAGE_POOL_2D] = "Pool2DOptions",
            [BuiltinOperator.MAX_POOL_2D] = "Pool2DOptions",
            [BuiltinOperator.L2_POOL_2D] = "Pool2DOptions",
            [BuiltinOperator.L2_NORMALIZATION] = "L2NormOptions",
            [BuiltinOperator.LSH_PROJECTION] = "LSHProjectionOptions",
            [BuiltinOperator.LSTM] = "LSTMOptions",
            [BuiltinOperator.RNN] = "RNNOptions",
            [BuiltinOperator.SVDF] = "SVDFOptions",
            [BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_RNN] = "SequenceRNNOptions",
            [BuiltinOperator.BIDIRECTIONAL_SEQUENCE_RNN] = "BidirectionalSequenceRNNOptions",
            [BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM] = "UnidirectionalSequenceLSTMOptions",
            [BuiltinOperator.BIDIRECTIONAL_SEQUENCE_LSTM] = "BidirectionalSequenceLSTMOptions",
            [BuiltinOperator.BATCH_TO_SPACE_ND] = "BatchToSpaceNDOptions",
            [BuiltinOperator.SPACE_TO_BATCH_ND] = "SpaceToBatchNDOptions",
            [BuiltinOperator.MEAN] = "ReducerOptions",
            [BuiltinOperator.SUM] = "ReducerOptions",
            [BuiltinOperator.REDUCE_PROD] = "ReducerOptions",
            [BuiltinOperator.REDUCE_MAX] = "ReducerOptions",
            [BuiltinOperator.REDUCE_MIN] = "ReducerOptions",
            [BuiltinOperator.REDUCE_ANY] = "ReducerOptions",
            [BuiltinOperator.REDUCE_ALL] = "ReducerOptions",
            [BuiltinOperator.TOPK_V2] = "TopKV2Options",
            [BuiltinOperator.MAXIMUM] = "MaximumMinimumOptions",
            [BuiltinOperator.MINIMUM] = "MaximumMinimumOptions",
            [BuiltinOperator.PADV2] = "PadV2Options",
            [BuiltinOperator.BATCH_MATMUL] = "BatchMatMulOptions",
            [BuiltinOperator.CONV_3D] = "Conv3DOptions",
            [BuiltinOperator.CONV_3D_TRANSPOSE] = "Conv3DOptions",
            [BuiltinOperator.RANDOM_STANDARD_NORMAL] = "RandomOptions",
            [BuiltinOperator.RANDOM_UNIFORM] = "RandomOptions",
            [BuiltinOperator.MULTINOMIAL] = "RandomOptions",
            [BuiltinOperator.ATAN2] = "ATan2Options",
        };

        /// <summary>Ops whose options this table does not know: any table is let through.</summary>
        private static readonly HashSet<BuiltinOperator> s_unchecked = new()
        {
            BuiltinOperator.CUSTOM, BuiltinOperator.DELEGATE, BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES,
            BuiltinOperator.TEMP_STREAMING_CONV_2D,
        };

        private static readonly Dictionary<BuiltinOperator, (OptionsTableSchema? Table, bool SecondUnion)> s_byOp = Build();

        /// <summary>
        /// The options table <paramref name="op"/> takes (null: none), and whether it lives in BuiltinOptions2.
        /// False when the op is unknown to this version or its options are not checked.
        /// </summary>
        public static bool TryGet(BuiltinOperator op, out OptionsTableSchema? table, out bool secondUnion)
        {
            bool known = s_byOp.TryGetValue(op, out var entry);
            table = entry.Table;
            secondUnion = entry.SecondUnion;
            return known;
        }

        private static Dictionary<BuiltinOperator, (OptionsTableSchema?, bool)> Build()
        {
            var first = Index(OptionsSchema.BuiltinOptions);
            var second = Index(OptionsSchema.BuiltinOptions2);
            var result = new Dictionary<BuiltinOperator, (OptionsTableSchema?, bool)>();
            foreach (BuiltinOperator op in Enum.GetValues(typeof(BuiltinOperator)))
            {
                if (s_unchecked.Contains(op)) continue;
                string name = s_exceptions.TryGetValue(op, out var listed) ? listed : Pascal(op.ToString()) + "Options";
                if (first.TryGetValue(name, out var t1)) result[op] = (t1, false);
                else if (second.TryGetValue(name, out var t2)) result[op] = (t2, true);
                else result[op] = (null, false);
            }
            return result;
        }

        private static Dictionary<string, OptionsTableSchema> Index(IReadOnlyList<OptionsTableSchema> tables)
        {
            var d = new Dictionary<string, OptionsTableSchema>(StringComparer.Ordinal);
            foreach (var t in tables) d[t.Name] = t;
            return d;
        }

        /// <summary>STABLEHLO_REDUCE_WINDOW → StablehloReduceWindow.</summary>
        private static string Pascal(string opName)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var part in opName.Split('_'))
                if (part.Length > 0) sb.Append(char.ToUpperInvariant(part[0])).Append(part.Substring(1).ToLowerInvariant());
            return sb.ToString();
        }
    }
}
