using McuAi.Interpreter.Kernels.Signal;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>TFLM's SignalFftAutoScale → <c>mcuai_signal_fft_auto_scale</c> (outputs: the scaled frame and the shift).</summary>
    [Lowers("SignalFftAutoScale")]
    public sealed class SignalFftAutoScaleLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not FftAutoScaleKernel.FftAutoScaleOp scale) return false;
            context.Call("mcuai_signal_fft_auto_scale")
                .Param("count", scale.Count)
                .Input(context.Input(0)).Output(context.Output(0)).Output(context.Output(1)).Add();
            return true;
        }
    }
}
