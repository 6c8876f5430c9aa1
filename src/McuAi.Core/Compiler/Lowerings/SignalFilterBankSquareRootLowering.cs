using McuAi.Interpreter.Kernels.Signal;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>TFLM's SignalFilterBankSquareRoot → <c>mcuai_signal_filter_bank_sqrt</c> (the scale bits read as an input).</summary>
    [Lowers("SignalFilterBankSquareRoot")]
    public sealed class SignalFilterBankSquareRootLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not FilterBankSquareRootKernel.SquareRootOp root) return false;
            context.Call("mcuai_signal_filter_bank_sqrt")
                .Param("count", root.Count)
                .Input(context.Input(0)).Input(context.Input(1)).Output(context.Output(0)).Add();
            return true;
        }
    }
}
