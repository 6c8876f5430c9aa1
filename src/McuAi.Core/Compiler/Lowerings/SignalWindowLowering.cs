using McuAi.Interpreter.Kernels.Signal;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>TFLM's SignalWindow → <c>mcuai_signal_window</c> (the window tensor read as an input); in place.</summary>
    [Lowers("SignalWindow")]
    public sealed class SignalWindowLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not WindowKernel.WindowOp window) return false;
            context.Call("mcuai_signal_window")
                .Param("count", context.Output(0).ElementCount)
                .Param("frame", window.Frame)
                .Param("shift", window.Shift)
                .Input(context.Input(0)).Input(context.Input(1)).Output(context.Output(0)).InPlace().Add();
            return true;
        }
    }
}
