using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>int8 MUL → <c>mcuai_mul_s8</c> with the interpreter's prepared multiplier; in place over the first input.</summary>
    [Lowers(BuiltinOperator.MUL)]
    public sealed class MulInt8Lowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not MulInt8 mul) return false;
            var (a, b, output) = (context.Input(0), context.Input(1), context.Output(0));
            var call = context.Call("mcuai_mul_s8")
                .Param("shape", ShapeParams.Broadcast(a, b, output, context))
                .Param("a_offset", mul.Offsets.A).Param("b_offset", mul.Offsets.B)
                .Param("multiplier", mul.Rescale.Multiplier).Param("shift", context.Shift(mul.Rescale.Shift))
                .Param("output_offset", mul.Offsets.Output)
                .Param("act_min", mul.Range.Min).Param("act_max", mul.Range.Max)
                .Input(a).Input(b).Output(output);
            InPlace.OverFirstInputOfSameSize(call, a, output).Add();
            return true;
        }
    }
}
