using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// CONV_2D → <c>mcuai_conv2d_s8</c> (int8, per-channel output stage) or <c>mcuai_conv2d_f32</c>. The filter stays
    /// in the model's OHWI layout: the weight layout chosen here is the kernel's contract, change both together.
    /// </summary>
    [Lowers(BuiltinOperator.CONV_2D)]
    public sealed class Conv2DLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            switch (context.Prepared)
            {
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
