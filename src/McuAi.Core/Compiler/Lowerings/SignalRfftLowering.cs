using McuAi.Interpreter.Kernels.Signal;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// TFLM's SignalRfft (int16) → <c>mcuai_signal_rfft</c>, with the interpreter's kissfft tables (stage factors, Q15
    /// twiddles and super twiddles, rounded from double-precision cosines once, in C#).
    /// </summary>
    [Lowers("SignalRfft")]
    public sealed class SignalRfftLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not RfftKernel.RfftOp rfft) return false;
            var fft = rfft.Fft;
            context.Call("mcuai_signal_rfft")
                .Param("frame", rfft.Frame)
                .Param("frames", rfft.Frames)
                .Param("n", fft.FftLength / 2)
                .Param("factors", context.Constant("factors", fft.Factors))
                .Param("twiddles", context.Constant("twiddles", fft.Twiddles))
                .Param("super_twiddles", context.Constant("super_twiddles", fft.SuperTwiddles))
                .Input(context.Input(0)).Output(context.Output(0)).Add();
            return true;
        }
    }
}
