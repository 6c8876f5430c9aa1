using System.Linq;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// TRANSPOSE_CONV with int16 activations and int8 weights (16x8) → <c>mcuai_transpose_conv_s16</c>, with the interpreter's
    /// prepared geometry, per-channel multipliers and shifts, int64 bias and range. The output-shape input is not read
    /// (TFLM ignores it too: the output tensor's shape is static). The filter stays in the model's OHWI layout.
    /// </summary>
    [Lowers(BuiltinOperator.TRANSPOSE_CONV)]
    public sealed class TransposeConvInt16Lowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not QuantizedTransposeConv { Int16: true } conv) return false;
            var g = conv.Geometry;
            context.Call("mcuai_transpose_conv_s16")
                .Param("batches", g.Batches)
                .Param("in_h", g.InH).Param("in_w", g.InW).Param("in_c", g.InDepth)
                .Param("out_h", g.OutH).Param("out_w", g.OutW).Param("out_c", g.OutDepth)
                .Param("filter_h", g.FilterH).Param("filter_w", g.FilterW)
                .Param("stride_h", g.StrideH).Param("stride_w", g.StrideW)
                .Param("pad_top", g.PadH).Param("pad_left", g.PadW)
                .Param("act_min", conv.Range.Min).Param("act_max", conv.Range.Max)
                .Param("filter", context.Weights(context.Input(1), "filter"))
                .Param("bias", conv.Bias.All(b => b == 0) ? null : context.Constant("bias", (long[])conv.Bias.Clone(), isModelData: true))
                .Param("multiplier", context.Constant("multiplier", (int[])conv.Multipliers.Clone(), isModelData: true))
                .Param("shift", context.Constant("shift", conv.Shifts.Select(s => (sbyte)context.Shift(s)).ToArray(), isModelData: true))
                .Input(context.Input(2)).Output(context.Output(0)).Add();
            return true;
        }
    }
}
