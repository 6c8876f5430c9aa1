using System.Linq;
using McuAi.TfLite;

namespace McuAi.CodeGen
{
    /// <summary>
    /// Multiply-accumulates of one inference, counted for the ops that dominate TinyML models
    /// (convolutions, fully connected, SVDF); element-wise ops and pooling are not counted.
    /// </summary>
    public static class MacCounter
    {
        public static long Count(Model model) => model.MainSubgraph.Operators.Sum(op => Count(model, op));

        public static long Count(Model model, Operator op)
        {
            var g = model.MainSubgraph;
            Tensor? Input(int k) => k < op.Inputs.Length && op.Inputs[k] >= 0 ? g.Tensors[op.Inputs[k]] : null;
            Tensor? output = op.Outputs.Length > 0 && op.Outputs[0] >= 0 ? g.Tensors[op.Outputs[0]] : null;
            if (output is null) return 0;
            switch (model.CodeOf(op).Op)
            {
                case BuiltinOperator.CONV_2D:
                {
                    // Filter [out_channels, kh, kw, in_channels / groups]: each output element reads kh*kw*in/groups.
                    var filter = Input(1);
                    return filter is { Shape.Length: 4 } ? output.ElementCount * filter.Shape[1] * filter.Shape[2] * filter.Shape[3] : 0;
                }
                case BuiltinOperator.DEPTHWISE_CONV_2D:
                {
                    var filter = Input(1);
                    return filter is { Shape.Length: 4 } ? output.ElementCount * filter.Shape[1] * filter.Shape[2] : 0;
                }
                case BuiltinOperator.FULLY_CONNECTED:
                {
                    var weights = Input(1);
                    return weights is { Shape.Length: 2 } ? output.ElementCount * weights.Shape[1] : 0;
                }
                case BuiltinOperator.TRANSPOSE_CONV:
                {
                    // Inputs: output shape, filter [out_channels, kh, kw, in_channels], input. Every input element scatters into kh*kw*out.
                    var filter = Input(1);
                    var input = Input(2);
                    return filter is { Shape.Length: 4 } && input is not null ? input.ElementCount * filter.Shape[0] * filter.Shape[1] * filter.Shape[2] : 0;
                }
                case BuiltinOperator.SVDF:
                {
                    // Feature weights [filters, input_size], time weights [filters, memory_size], per batch.
                    var input = Input(0);
                    var features = Input(1);
                    var time = Input(2);
                    if (input is not { Shape.Length: 2 } || features is not { Shape.Length: 2 } || time is not { Shape.Length: 2 }) return 0;
                    long batch = input.Shape[0];
                    return batch * ((long)features.Shape[0] * features.Shape[1] + (long)time.Shape[0] * time.Shape[1]);
                }
                default:
                    return 0;
            }
        }
    }
}
