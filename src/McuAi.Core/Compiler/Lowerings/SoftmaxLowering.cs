using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// SOFTMAX → <c>mcuai_softmax_s8</c> (int8 → int8) with a 256-entry table of the interpreter's fixed-point exp of
    /// every possible difference to the row maximum, or <c>mcuai_softmax_f32</c>.
    /// </summary>
    [Lowers(BuiltinOperator.SOFTMAX)]
    public sealed class SoftmaxLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            var (input, output) = (context.Input(0), context.Output(0));
            switch (context.Prepared)
            {
                case SoftmaxKernel.QuantizedOp softmax when !softmax.Int16Output:
                {
                    var table = new int[256];
                    for (int d = 0; d < 256; d++) table[d] = -d >= softmax.DiffMin ? softmax.Exp(-d) : 0;
                    context.Call("mcuai_softmax_s8")
                        .Param("rows", input.ElementCount / softmax.Depth)
                        .Param("depth", softmax.Depth)
                        .Param("diff_min", softmax.DiffMin)
                        .Param("exp_table", context.Constant("exp", table))
                        .Input(input).Output(output).Add();
                    return true;
                }
                case SoftmaxKernel.FloatOp softmax:
                    context.Call("mcuai_softmax_f32")
                        .Param("rows", input.ElementCount / softmax.Depth)
                        .Param("depth", softmax.Depth)
                        .Param("beta", softmax.Beta)
                        .Input(input).Output(output).Add();
                    return true;
                default:
                    return false;
            }
        }
    }
}
