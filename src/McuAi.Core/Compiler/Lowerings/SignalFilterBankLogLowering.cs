using System.Linq;
using McuAi.Interpreter.Kernels.Signal;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// TFLM's SignalFilterBankLog → <c>mcuai_signal_filter_bank_log</c>, with the interpreter's parameters and its log2
    /// correction table (<see cref="IntegerLog"/>).
    /// </summary>
    [Lowers("SignalFilterBankLog")]
    public sealed class SignalFilterBankLogLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not FilterBankLogKernel.FilterBankLogOp log) return false;
            var correction = Enumerable.Range(0, IntegerLog.CorrectionLength).Select(i => checked((ushort)IntegerLog.Correction(i))).ToArray();
            context.Call("mcuai_signal_filter_bank_log")
                .Param("count", context.Input(0).ElementCount)
                .Param("correction_bits", log.CorrectionBits)
                .Param("output_scale", log.OutputScale)
                .Param("correction", context.Constant("log_correction", correction))
                .Input(context.Input(0)).Output(context.Output(0)).Add();
            return true;
        }
    }
}
