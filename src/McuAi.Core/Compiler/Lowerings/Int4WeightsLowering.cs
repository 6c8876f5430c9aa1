using System;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with INT4 filters (WeightBits="4") → <c>mcuai_conv_s4</c> (convolution,
    /// and FULLY_CONNECTED as a 1x1 convolution over its rows; the weights repacked, still two per byte, into groups of 8
    /// that the DSP path unpacks in registers: <see cref="Int4RowPacking"/>) or <c>mcuai_depthwise_s4</c> (the model's
    /// packed filter as it is). Asked before the dense lowerings, it takes every int8 operator with an INT4 filter: the
    /// dense kernels read int8 filters and would misread packed ones, so a form it lacks is MCUAI6001.
    /// </summary>
    [Lowers(BuiltinOperator.CONV_2D, Order = -1)]
    [Lowers(BuiltinOperator.DEPTHWISE_CONV_2D, Order = -1)]
    [Lowers(BuiltinOperator.FULLY_CONNECTED, Order = -1)]
    public sealed class Int4WeightsLowering : ILowering
    {
        /// <summary>Longest row: the DSP path sums 16 × weight × (input + offset), at most 2^15 per product, in 32 bits.</summary>
        internal const int MaxDepth = 1 << 15;

        public bool TryLower(LoweringContext context)
        {
            if (context.Operator.OptionalInput(1) is not { Type: TensorType.INT4 } filter) return false;
            switch (context.Prepared)
            {
                case Conv2DInt8 conv when conv.Layout.FilterDepth == conv.Layout.Geometry.InputDepth:
                {
                    var g = conv.Layout.Geometry;
                    AddRows(context, WindowGeometryParams.Of(g), g.OutputDepth, g.FilterHeight * g.FilterWidth * g.InputDepth, conv.InputOffset, conv.OutputStage);
                    return true;
                }
                case FullyConnectedInt8 fc when fc.WeightOffset == 0:
                    AddRows(context, WindowGeometryParams.Rows(fc.Shape.Batches, fc.Shape.Depth), fc.Shape.Outputs, fc.Shape.Depth, fc.InputOffset, fc.OutputStage);
                    return true;
                case DepthwiseConv2DInt8 dw:
                {
                    var g = dw.Geometry;
                    var call = context.Call("mcuai_depthwise_s4")
                        .Param("geometry", WindowGeometryParams.Of(g))
                        .Param("out_c", g.OutputDepth)
                        .Param("depth_multiplier", g.OutputDepth / g.InputDepth)
                        .Param("input_offset", dw.InputOffset)
                        .Param("filter", context.Constant("filter", filter.Data.ToArray(), isModelData: true));
                    OutputStageParams.Add(call, context, dw.OutputStage, withPerChannelFlag: false)
                        .Input(context.Input(0)).Output(context.Output(0)).Scratch(4 * g.OutputDepth).Add();
                    return true;
                }
                default:
                    throw context.Unsupported($"an INT4 filter on this form of the op (grouped convolution, weight zero point or non-int8 activations: {ModelLowering.TypeSummary(context.Operator.Model, context.Operator.Operator)})");
            }
        }

        private static void AddRows(LoweringContext context, ParamValue geometry, int rows, int depth, int inputOffset, Int8OutputStage stage)
        {
            int padded = Int4RowPacking.PaddedDepth(depth);
            if (padded > MaxDepth) throw context.Unsupported(FormattableString.Invariant($"INT4 rows of {depth} weights (at most {MaxDepth})"));
            var filter = context.Input(1);
            var values = Int4Packing.Unpack(filter.Data.Span, filter.ElementCount);
            var call = context.Call("mcuai_conv_s4")
                .Param("geometry", geometry)
                .Param("out_c", rows)
                .Param("depth", padded)
                .Param("input_offset", inputOffset)
                .Param("weights", context.Constant("weights", Int4RowPacking.Pack(values, rows, depth), isModelData: true));
            OutputStageParams.Add(call, context, stage, withPerChannelFlag: false)
                .Input(context.Input(0)).Output(context.Output(0)).Scratch(3 * padded).Add();
        }
    }
}
