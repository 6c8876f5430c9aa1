using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// PAD, PADV2, STRIDED_SLICE and TRANSPOSE (any element type): the interpreter prepares them as an index map
    /// (<see cref="GatherOp"/>); it is fitted with a box and strides (<see cref="AffineFit"/>) for <c>mcuai_gather</c>.
    /// </summary>
    [Lowers(BuiltinOperator.PAD)]
    [Lowers(BuiltinOperator.PADV2)]
    [Lowers(BuiltinOperator.STRIDED_SLICE)]
    [Lowers(BuiltinOperator.TRANSPOSE)]
    public sealed class GatherLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not GatherOp gather || gather.ElementSize is not (1 or 2 or 4)) return false;
            var output = context.Output(0);
            var dims = ShapeParams.Padded(output.Shape, context);
            var fit = AffineFit.Fit(gather.Map, dims, context);
            context.Call("mcuai_gather")
                .Param("element_size", gather.ElementSize)
                .Param("dims", dims)
                .Param("lo", fit.Lo)
                .Param("hi", fit.Hi)
                .Param("strides", fit.Strides)
                .Param("start", fit.Start)
                .Param("fill", (long)(uint)gather.Fill)
                .Input(context.Input(0)).Output(output).Add();
            return true;
        }
    }
}
