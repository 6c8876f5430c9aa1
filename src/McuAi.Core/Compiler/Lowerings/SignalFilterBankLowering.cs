using McuAi.Interpreter.Kernels.Signal;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// TFLM's SignalFilterBank → <c>mcuai_signal_filter_bank</c>, the weight and channel tables read as (constant) inputs.
    /// Tables computed at run time could reach outside the energies; the interpreter checks them per invocation, the C
    /// kernel cannot, so they must be constants (checked at build time by the interpreter's Prepare).
    /// </summary>
    [Lowers("SignalFilterBank")]
    public sealed class SignalFilterBankLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not FilterBankKernel.FilterBankOp bank) return false;
            if (!bank.TablesConstant) throw context.Unsupported("channel tables computed at run time (the C backend needs them constant)");
            var call = context.Call("mcuai_signal_filter_bank")
                .Param("channels", bank.Channels)
                .Param("outputs", context.Output(0).ElementCount);
            for (int i = 0; i < 6; i++) call.Input(context.Input(i));
            call.Output(context.Output(0)).Add();
            return true;
        }
    }
}
