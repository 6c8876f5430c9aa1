using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// CONV_2D on NHWC tensors with OHWI filters, grouped convolution included. Types: float32;
    /// int8 with int32 bias and per-channel (or per-tensor) INT8 or INT4 filters; hybrid (float input, int8
    /// filter) when allowed. int16 activations are another kernel's (an <see cref="ISpecializedKernel"/>).
    /// </summary>
    [KernelFor(BuiltinOperator.CONV_2D)]
    public sealed class Conv2DKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var filter = context.Input(1);
            var output = context.Output(0);
            var layout = ConvLayout.Create(context);
            return (input.Type, filter.Type, output.Type) switch
            {
                (TensorType.FLOAT32, TensorType.FLOAT32, TensorType.FLOAT32) => new Conv2DFloat(context, layout, filter.As<float>().ToArray()),
                (TensorType.FLOAT32, TensorType.INT8, TensorType.FLOAT32) => new Conv2DFloat(context, layout, context.DequantizedHybridWeights(filter)),
                (TensorType.INT8, TensorType.INT8 or TensorType.INT4, TensorType.INT8) => new Conv2DInt8(context, layout),
                _ => throw context.UnsupportedType(input.Type is not (TensorType.FLOAT32 or TensorType.INT8) ? input
                                                   : filter.Type is not (TensorType.FLOAT32 or TensorType.INT8 or TensorType.INT4) ? filter : output),
            };
        }
    }

    /// <summary>The checked geometry of a CONV_2D operator and its grouping of channels.</summary>
    public sealed class ConvLayout
    {
        private ConvLayout(ConvGeometry geometry, int filterDepth, int groups)
        {
            Geometry = geometry;
            FilterDepth = filterDepth;
            Groups = groups;
        }

        public ConvGeometry Geometry { get; }
        /// <summary>Input channels each filter sees (the filter's last dimension).</summary>
        public int FilterDepth { get; }
        /// <summary>Input depth / filter depth; output channels are split evenly between groups.</summary>
        public int Groups { get; }
        /// <summary>Values in one filter: height × width × filter depth.</summary>
        public int PatchSize => Geometry.FilterHeight * Geometry.FilterWidth * FilterDepth;

        public static ConvLayout Create(PrepareContext context)
        {
            var input = context.Input(0);
            var filter = context.Input(1);
            var output = context.Output(0);
            QuantizedMultipliers.RequireConstant(filter, context);
            if (filter.Rank != 4)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"filter '{filter.Name}' must be 4-D (OHWI), not {filter.Rank}-D");
            var geometry = ConvGeometry.Create(context, input, output, filter.Shape[1], filter.Shape[2]);
            int filterDepth = filter.Shape[3];
            if (filter.Shape[0] != geometry.OutputDepth)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"filter '{filter.Name}' has {filter.Shape[0]} output channels but the output has {geometry.OutputDepth}");
            if (filterDepth <= 0 || geometry.InputDepth <= 0 || geometry.InputDepth % filterDepth != 0) // 0 would make 0 groups
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"input depth {geometry.InputDepth} is not a multiple of the filter depth {filterDepth}");
            int groups = geometry.InputDepth / filterDepth;
            if (geometry.OutputDepth % groups != 0)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"{geometry.OutputDepth} output channels cannot be split into {groups} groups");
            return new ConvLayout(geometry, filterDepth, groups);
        }
    }
}
