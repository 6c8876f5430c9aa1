using System;
using McuAi.Compiler.Packing;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with INT4 filters (WeightBits="4"): prepared exactly as the dense int8
    /// lowerings prepare the unpacked values (rows, folded bias, output stage), then kept two values per byte in flash:
    /// <c>mcuai_conv_s4</c> (convolution, FULLY_CONNECTED as a 1x1 convolution over its rows, and depthwise with one input
    /// channel; rows in the groups of 8 that the DSP path unpacks in registers: <see cref="Int4RowPacking"/>, run by the
    /// dense kernel's driver) or <c>mcuai_depthwise_s4</c> (TFLite's packing, unpacked per call for the dense depthwise
    /// kernel). Asked before the dense lowerings, it takes every int8 operator with an INT4 filter: the dense kernels read
    /// int8 filters and would misread packed ones, so a form it lacks is MCUAI6001.
    /// </summary>
    [Lowers(BuiltinOperator.CONV_2D, Order = -1)]
    [Lowers(BuiltinOperator.DEPTHWISE_CONV_2D, Order = -1)]
    [Lowers(BuiltinOperator.FULLY_CONNECTED, Order = -1)]
    public sealed class Int4WeightsLowering : ILowering
    {
        /// <summary>Longest row: the DSP path sums 16 × weight × input, at most 2^14 per product, in 32 bits.</summary>
        internal const int MaxDepth = 1 << 15;

        public bool TryLower(LoweringContext context)
        {
            if (context.Operator.OptionalInput(1) is not { Type: TensorType.INT4 } filter) return false;
            var values = Int4Packing.Unpack(filter.Data.Span, filter.ElementCount);
            switch (context.Prepared)
            {
                case Conv2DInt8 conv when conv.Layout.FilterDepth == conv.Layout.Geometry.InputDepth:
                {
                    var g = conv.Layout.Geometry;
                    var rows = Int8WeightPacking.Rows(values, g.OutputDepth, conv.OutputStage.Bias, -conv.InputOffset);
                    CheckDepth(context, rows.RowLength);
                    Int8ConvCall.FromGeometry(g, g.InputDepth).Add(context, rows, conv.OutputStage, conv.InputOffset, context.Input(0), context.Output(0), ConvRowsForm.Int4);
                    return true;
                }
                case FullyConnectedInt8 fc when fc.WeightOffset == 0:
                {
                    var rows = Int8WeightPacking.Rows(values, fc.Shape.Outputs, fc.OutputStage.Bias, -fc.InputOffset);
                    CheckDepth(context, rows.RowLength);
                    Int8ConvCall.ForFullyConnected(fc.Shape).Add(context, rows, fc.OutputStage, fc.InputOffset, context.Input(0), context.Output(0), ConvRowsForm.Int4);
                    return true;
                }
                case DepthwiseConv2DInt8 dw:
                    // Rows of a depthwise layer with one input channel are its taps (at most a filter's height × width).
                    if (dw.Geometry.InputDepth == 1) CheckDepth(context, dw.Geometry.FilterHeight * dw.Geometry.FilterWidth);
                    DepthwiseConv2DLowering.AddInt8(context, dw, values, int4: true);
                    return true;
                default:
                    throw context.Unsupported($"an INT4 filter on this form of the op (grouped convolution, weight zero point or non-int8 activations: {ModelLowering.TypeSummary(context.Operator.Model, context.Operator.Operator)})");
            }
        }

        private static void CheckDepth(LoweringContext context, int depth)
        {
            if (Int4RowPacking.PaddedDepth(depth) > MaxDepth)
                throw context.Unsupported(FormattableString.Invariant($"INT4 rows of {depth} weights (at most {MaxDepth})"));
        }
    }
}
