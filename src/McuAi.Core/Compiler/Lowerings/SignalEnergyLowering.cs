using McuAi.Interpreter.Kernels.Signal;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>TFLM's SignalEnergy → <c>mcuai_signal_energy</c> (the interpreter's bin range).</summary>
    [Lowers("SignalEnergy")]
    public sealed class SignalEnergyLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not EnergyKernel.EnergyOp energy) return false;
            context.Call("mcuai_signal_energy")
                .Param("count", context.Output(0).ElementCount)
                .Param("start", energy.Bins.Start).Param("end", energy.Bins.End)
                .Input(context.Input(0)).Output(context.Output(0)).Add();
            return true;
        }
    }
}
