using System.Linq;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// CONV_2D with int16 activations and int8 weights (16x8) → <c>mcuai_conv2d_s16</c>, with the interpreter's prepared
    /// per-channel multipliers and shifts, int64 bias and activation range. The filter stays in the model's OHWI layout.
    /// </summary>
    [Lowers(BuiltinOperator.CONV_2D)]
    public sealed class Conv2DInt16Lowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not Conv2DInt16 conv) return false;
            var shape = conv.Shape;
            var (filterH, filterW, filterDepth) = conv.Filter;
            var w = conv.Window;
            context.Call("mcuai_conv2d_s16")
                .Param("batches", shape.Batches)
                .Param("in_h", shape.InH).Param("in_w", shape.InW).Param("in_c", shape.InDepth)
                .Param("out_h", shape.OutH).Param("out_w", shape.OutW).Param("out_c", shape.OutDepth)
                .Param("filter_h", filterH).Param("filter_w", filterW).Param("filter_c", filterDepth)
                .Param("stride_h", w.StrideH).Param("stride_w", w.StrideW)
                .Param("dilation_h", w.DilationH).Param("dilation_w", w.DilationW)
                .Param("pad_top", w.PadH).Param("pad_left", w.PadW)
                .Param("act_min", conv.Range.Min).Param("act_max", conv.Range.Max)
                .Param("filter", context.Weights(context.Input(1), "filter"))
                .Param("bias", conv.Bias.All(b => b == 0) ? null : context.Constant("bias", (long[])conv.Bias.Clone(), isModelData: true))
                .Param("multiplier", context.Constant("multiplier", (int[])conv.Multipliers.Clone(), isModelData: true))
                .Param("shift", context.Constant("shift", conv.Shifts.Select(s => (sbyte)context.Shift(s)).ToArray(), isModelData: true))
                .Input(context.Input(0)).Output(context.Output(0)).Add();
            return true;
        }
    }
}
