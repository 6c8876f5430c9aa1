using McuAi.Compiler.Packing;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// CONV_2D int8 → <c>mcuai_conv_s8</c> (filter rows packed, input offset folded into the bias; see
    /// <see cref="Int8ConvCall"/>), or, for grouped filters, <c>mcuai_conv2d_s8</c> (the filter in the model's
    /// OHWI layout); float → <c>mcuai_conv2d_f32</c>. The weight layout chosen here is the kernel's contract.
    /// </summary>
    [Lowers(BuiltinOperator.CONV_2D)]
    public sealed class Conv2DLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            // An INT4 filter (WeightBits="4") is packed two values per byte: these int8 kernels must not read it.
            if (context.Prepared is Conv2DInt8 && context.Input(1).Type != TensorType.INT8) return false;
            switch (context.Prepared)
            {
                case Conv2DInt8 conv when conv.Layout.Groups == 1:
                {
                    var g = conv.Layout.Geometry;
                    var stage = conv.OutputStage;
                    var packed = Int8WeightPacking.Rows(context.Input(1).As<sbyte>(), g.OutputDepth, stage.Bias, -conv.InputOffset);
                    Int8ConvCall.FromGeometry(g, g.InputDepth).Add(context, packed, stage, conv.InputOffset, context.Input(0), context.Output(0));
                    return true;
                }
                case Conv2DInt8 conv:
                {
                    var call = WindowParams.Add(context.Call("mcuai_conv2d_s8"), conv.Layout.Geometry, withDilation: true)
                        .Param("in_c", conv.Layout.Geometry.InputDepth)
                        .Param("out_c", conv.Layout.Geometry.OutputDepth)
                        .Param("filter_c", conv.Layout.FilterDepth)
                        .Param("input_offset", conv.InputOffset)
                        .Param("filter", context.Weights(context.Input(1), "filter"));
                    OutputStageParams.Add(call, context, conv.OutputStage, withPerChannelFlag: false)
                        .Input(context.Input(0)).Output(context.Output(0)).Add();
                    return true;
                }
                case Conv2DFloat conv when context.Input(1).Type == TensorType.FLOAT32:
                    WindowParams.Add(context.Call("mcuai_conv2d_f32"), conv.Layout.Geometry, withDilation: true)
                        .Param("in_c", conv.Layout.Geometry.InputDepth)
                        .Param("out_c", conv.Layout.Geometry.OutputDepth)
                        .Param("filter_c", conv.Layout.FilterDepth)
                        .Param("act_min", conv.Range.Min).Param("act_max", conv.Range.Max)
                        .Param("filter", context.Weights(context.Input(1), "filter"))
                        .Param("bias", FloatBias.Of(context))
                        .Input(context.Input(0)).Output(context.Output(0)).Add();
                    return true;
                default:
                    return false;
            }
        }
    }
}
