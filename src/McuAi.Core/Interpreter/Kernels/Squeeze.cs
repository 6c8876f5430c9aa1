using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>SQUEEZE: drops size-1 dimensions; the bytes are unchanged, so evaluation copies them.</summary>
    [KernelFor(BuiltinOperator.SQUEEZE)]
    public sealed class SqueezeKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (input.Type != output.Type) throw context.UnsupportedType(output);
            if (input.ElementCount != output.ElementCount)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"input '{input.Name}' has {input.ElementCount} elements but output '{output.Name}' has {output.ElementCount}");
            return new CopyOp(input, output);
        }
    }
}
