using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// DEPTHWISE_CONV_2D → <c>mcuai_depthwise_conv2d_s8</c> or <c>mcuai_depthwise_conv2d_f32</c>, the filter in the
    /// model's [1, H, W, C·M] layout (the kernel's contract: change both together).
    /// </summary>
    [Lowers(BuiltinOperator.DEPTHWISE_CONV_2D)]
    public sealed class DepthwiseConv2DLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            switch (context.Prepared)
            {
                case DepthwiseConv2DInt8 conv:
                {
                    var g = conv.Geometry;
                    var call = WindowParams.Add(context.Call("mcuai_depthwise_conv2d_s8"), g, withDilation: true)
                        .Param("in_c", g.InputDepth)
                        .Param("out_c", g.OutputDepth)
                        .Param("depth_multiplier", g.OutputDepth / g.InputDepth)
                        .Param("input_offset", conv.InputOffset)
                        .Param("filter", context.Weights(context.Input(1), "filter"));
                    OutputStageParams.Add(call, context, conv.OutputStage, withPerChannelFlag: false)
                        .Input(context.Input(0)).Output(context.Output(0)).Add();
                    return true;
                }
                case DepthwiseConv2DFloat conv when context.Input(1).Type == TensorType.FLOAT32:
                {
                    var g = conv.Geometry;
                    WindowParams.Add(context.Call("mcuai_depthwise_conv2d_f32"), g, withDilation: true)
                        .Param("in_c", g.InputDepth)
                        .Param("out_c", g.OutputDepth)
                        .Param("depth_multiplier", g.OutputDepth / g.InputDepth)
                        .Param("act_min", conv.Range.Min).Param("act_max", conv.Range.Max)
                        .Param("filter", context.Weights(context.Input(1), "filter"))
                        .Param("bias", FloatBias.Of(context))
                        .Input(context.Input(0)).Output(context.Output(0)).Add();
                    return true;
                }
                default:
                    return false;
            }
        }
    }
}
