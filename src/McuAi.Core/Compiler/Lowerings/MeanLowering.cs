using System.Linq;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// int8 MEAN → <c>mcuai_mean_s8</c>: the interpreter's folded multiplier, and the input-to-output index map turned
    /// into an output stride per input dimension (checked against the map).
    /// </summary>
    [Lowers(BuiltinOperator.MEAN)]
    public sealed class MeanLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not MeanKernel.IntegerMean mean || context.Input(0).Type != TensorType.INT8) return false;
            var input = context.Input(0);
            var dims = ShapeParams.Padded(input.Shape, context);
            var strides = OutputStrides(dims, mean.OutputIndexOfInput, context);
            context.Call("mcuai_mean_s8")
                .Param("dims", dims)
                .Param("out_strides", strides)
                .Param("outputs", context.Output(0).ElementCount)
                .Param("count", mean.Count)
                .Param("input_zero_point", mean.ZeroPoints.Input).Param("output_zero_point", mean.ZeroPoints.Output)
                .Param("multiplier", mean.Rescale.Multiplier).Param("shift", context.Shift(mean.Rescale.Shift))
                .Param("min", mean.Range.Min).Param("max", mean.Range.Max)
                .Input(input).Output(context.Output(0))
                .Scratch(checked((int)context.Output(0).ElementCount * 4))
                .Add();
            return true;
        }

        private static int[] OutputStrides(int[] dims, int[] map, LoweringContext context)
        {
            var fit = AffineFit.Fit(map, dims, context);
            if (fit.Start != 0 || fit.Lo.Any(l => l != 0))
                throw context.Operator.Fail(Diagnostics.DiagnosticCodes.CBackendLoweringFailed, "the mean's index map is not a stride pattern");
            return fit.Strides;
        }
    }
}
