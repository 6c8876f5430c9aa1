using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// DEPTHWISE_CONV_2D on NHWC tensors with a [1, H, W, C·M] filter: output channel c·M + m sees only
    /// input channel c. Types: float32; int8 with int32 bias and per-channel INT8 or INT4 filters; hybrid
    /// when allowed. int16 activations are another kernel's (an <see cref="ISpecializedKernel"/>).
    /// </summary>
    [KernelFor(BuiltinOperator.DEPTHWISE_CONV_2D)]
    public sealed class DepthwiseConv2DKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var filter = context.Input(1);
            var output = context.Output(0);
            QuantizedMultipliers.RequireConstant(filter, context);
            if (filter.Rank != 4 || filter.Shape[0] != 1)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"filter '{filter.Name}' must be [1, height, width, channels], not [{string.Join(",", filter.Shape)}]");
            var geometry = ConvGeometry.Create(context, input, output, filter.Shape[1], filter.Shape[2]);
            if (filter.Shape[3] != geometry.OutputDepth || geometry.InputDepth == 0 || geometry.OutputDepth % geometry.InputDepth != 0)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"filter '{filter.Name}' has {filter.Shape[3]} channels; it needs the output's {geometry.OutputDepth}, a multiple of the input's {geometry.InputDepth}");
            return (input.Type, filter.Type, output.Type) switch
            {
                (TensorType.FLOAT32, TensorType.FLOAT32, TensorType.FLOAT32) => new DepthwiseConv2DFloat(context, geometry, filter.As<float>().ToArray()),
                (TensorType.FLOAT32, TensorType.INT8, TensorType.FLOAT32) => new DepthwiseConv2DFloat(context, geometry, context.DequantizedHybridWeights(filter)),
                (TensorType.INT8, TensorType.INT8 or TensorType.INT4, TensorType.INT8) => new DepthwiseConv2DInt8(context, geometry),
                _ => throw context.UnsupportedType(input.Type is not (TensorType.FLOAT32 or TensorType.INT8) ? input
                                                   : filter.Type is not (TensorType.FLOAT32 or TensorType.INT8 or TensorType.INT4) ? filter : output),
            };
        }
    }
}
