using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// FULLY_CONNECTED: output[b, o] = Σ_d input[b, d] · weights[o, d] + bias[o], then the fused activation.
    /// Types: float32; int8 with int32 bias (per-tensor or per-channel INT8 weights, per-tensor INT4 weights); hybrid (float input,
    /// int8 weights) when allowed. int16 activations are another kernel's (an <see cref="ISpecializedKernel"/>).
    /// </summary>
    [KernelFor(BuiltinOperator.FULLY_CONNECTED)]
    public sealed class FullyConnectedKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var shape = FullyConnectedShape.Of(context);
            var input = context.Input(0);
            var weights = context.Input(1);
            var output = context.Output(0);
            QuantizedMultipliers.RequireConstant(weights, context);
            return (input.Type, weights.Type, output.Type) switch
            {
                (TensorType.FLOAT32, TensorType.FLOAT32, TensorType.FLOAT32) => new FullyConnectedFloat(context, shape, weights.As<float>().ToArray()),
                (TensorType.FLOAT32, TensorType.INT8, TensorType.FLOAT32) => new FullyConnectedFloat(context, shape, context.DequantizedHybridWeights(weights)),
                (TensorType.INT8, TensorType.INT8, TensorType.INT8) => new FullyConnectedInt8(context, shape),
                (TensorType.INT8, TensorType.INT4, TensorType.INT8) when weights.Scales.Length <= 1 => new FullyConnectedInt8(context, shape),
                (TensorType.INT8, TensorType.INT4, TensorType.INT8) => throw context.Fail(DiagnosticCodes.UnsupportedType,
                    $"weights '{weights.Name}' are INT4 with {weights.Scales.Length} per-channel scales; TFLM's FULLY_CONNECTED takes INT4 weights per tensor only. Quantize them with one scale"),
                _ => throw context.UnsupportedType(input.Type != TensorType.FLOAT32 && input.Type != TensorType.INT8 ? input
                                                   : weights.Type != input.Type && weights.Type is not (TensorType.INT8 or TensorType.INT4) ? weights : output),
            };
        }
    }

    /// <summary>The dimensions of a FULLY_CONNECTED operator, checked once.</summary>
    public readonly struct FullyConnectedShape
    {
        public FullyConnectedShape(int batches, int depth, int outputs)
        {
            Batches = batches;
            Depth = depth;
            Outputs = outputs;
        }

        /// <summary>Rows of the input (all input elements / depth).</summary>
        public int Batches { get; }
        /// <summary>Values summed per output (the weights' last dimension).</summary>
        public int Depth { get; }
        /// <summary>Output values per row (the weights' first dimension).</summary>
        public int Outputs { get; }

        public static FullyConnectedShape Of(PrepareContext context)
        {
            var input = context.Input(0);
            var weights = context.Input(1);
            var output = context.Output(0);
            var options = context.Options;
            if (options is { Schema: not null } && options.GetInt32("weights_format") != 0)
                throw context.Fail(DiagnosticCodes.UnsupportedType, "shuffled weights (weights_format SHUFFLED4x16INT8) are not supported");
            if (weights.Rank != 2)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"weights '{weights.Name}' must have 2 dimensions, not {weights.Rank}");
            int outputs = weights.Shape[0];
            int depth = weights.Shape[1];
            if (depth <= 0 || input.ElementCount % depth != 0)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"input '{input.Name}' has {input.ElementCount} values, not a multiple of the weights' depth {depth}");
            int batches = (int)(input.ElementCount / depth);
            if (output.ElementCount != (long)batches * outputs)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"output '{output.Name}' has {output.ElementCount} values but {batches} × {outputs} are computed");
            return new FullyConnectedShape(batches, depth, outputs);
        }
    }
}
