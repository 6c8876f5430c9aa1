using McuAi.Compiler.Packing;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>CONV_2D int8 → <c>mcuai_conv_s8</c> (filter rows packed, input offset folded into the bias).</summary>
    [Lowers(BuiltinOperator.CONV_2D)]
    public sealed class Conv2DLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not Conv2DInt8 conv) return false;
            var layout = conv.Layout;
            if (layout.Groups != 1) throw context.Unsupported($"grouped filters ({layout.Groups} groups: input depth {layout.Geometry.InputDepth}, filter depth {layout.FilterDepth})");
            var stage = conv.OutputStage;
            var packed = Int8WeightPacking.Rows(context.Input(1).As<sbyte>(), layout.Geometry.OutputDepth, stage.Bias, -conv.InputOffset);
            Int8ConvCall.FromGeometry(layout.Geometry, layout.Geometry.InputDepth).Add(context, packed, stage, conv.InputOffset, context.Input(0), context.Output(0));
            return true;
        }
    }
}
