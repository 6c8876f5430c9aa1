using McuAi.Interpreter.Kernels.Signal;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// TFLM's SignalFilterBankSpectralSubtraction → <c>mcuai_signal_spectral_subtraction</c> with the interpreter's parameters.
    /// The noise estimates are the layer's state: in the state buffer, kept across invocations, zeroed by S_init (TFLM's Reset).
    /// </summary>
    [Lowers("SignalFilterBankSpectralSubtraction")]
    public sealed class SignalSpectralSubtractionLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not FilterBankSpectralSubtractionKernel.SpectralSubtractionOp op) return false;
            var p = op.Settings;
            context.Call("mcuai_signal_spectral_subtraction")
                .Param("channels", p.Channels)
                .Param("smoothing", p.Smoothing).Param("one_minus_smoothing", p.OneMinusSmoothing)
                .Param("alternate_smoothing", p.AlternateSmoothing).Param("alternate_one_minus_smoothing", p.AlternateOneMinusSmoothing)
                .Param("min_signal_remaining", p.MinSignalRemaining)
                .Param("smoothing_bits", p.SmoothingBits)
                .Param("spectral_subtraction_bits", p.SpectralSubtractionBits)
                .Param("clamping", p.Clamping)
                .Input(context.Input(0)).Output(context.Output(0)).Output(context.Output(1))
                .State(checked(p.Channels * sizeof(uint))).Add();
            return true;
        }
    }
}
