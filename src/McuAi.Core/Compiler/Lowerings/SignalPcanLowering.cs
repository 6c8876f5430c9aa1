using McuAi.Interpreter.Kernels.Signal;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>TFLM's SignalPCAN → <c>mcuai_signal_pcan</c> (the gain table read as an input); in place over the signal.</summary>
    [Lowers("SignalPCAN")]
    public sealed class SignalPcanLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not PcanKernel.PcanOp pcan) return false;
            context.Call("mcuai_signal_pcan")
                .Param("count", context.Output(0).ElementCount)
                .Param("snr_shift", pcan.SnrShift)
                .Input(context.Input(0)).Input(context.Input(1)).Input(context.Input(2)).Output(context.Output(0)).InPlace().Add();
            return true;
        }
    }
}
