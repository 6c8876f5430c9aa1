using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>RESHAPE and SQUEEZE only change the shape: the output is a view of the input (no call, no copy, no RAM).</summary>
    [Lowers(BuiltinOperator.RESHAPE)]
    [Lowers(BuiltinOperator.SQUEEZE)]
    public sealed class ViewLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not CopyOp) return false;
            context.Alias(context.Output(0), context.Input(0));
            return true;
        }
    }
}
