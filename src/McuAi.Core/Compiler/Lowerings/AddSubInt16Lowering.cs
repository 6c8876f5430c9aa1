using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// int16 ADD and SUB (16x8 quantization) → <c>mcuai_add_s16</c>, with the interpreter's prepared offsets, multipliers
    /// and shifts (TFLM's general path: 15-bit left shift, a common scale, three double-rounding rescales).
    /// The output may run in place over the first input.
    /// </summary>
    [Lowers(BuiltinOperator.ADD)]
    [Lowers(BuiltinOperator.SUB)]
    public sealed class AddSubInt16Lowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not QuantizedAddSubOp { Arithmetic: var op } || context.Output(0).Type != TensorType.INT16) return false;
            // TFLM rescales with its below-one variant; a multiplier above one has no defined result to reproduce.
            if (op.RescaleA.Shift > 0 || op.RescaleB.Shift > 0 || op.RescaleOutput.Shift > 0)
                throw context.Unsupported("an output scale that needs a rescale multiplier above one");
            var (a, b, output) = (context.Input(0), context.Input(1), context.Output(0));
            var call = context.Call("mcuai_add_s16")
                .Param("shape", ShapeParams.Broadcast(a, b, output, context))
                .Param("subtract", op.Subtract)
                .Param("a_offset", op.Offsets.A).Param("b_offset", op.Offsets.B)
                .Param("left_shift", op.LeftShift)
                .Param("a_multiplier", op.RescaleA.Multiplier).Param("a_shift", op.RescaleA.Shift)
                .Param("b_multiplier", op.RescaleB.Multiplier).Param("b_shift", op.RescaleB.Shift)
                .Param("output_multiplier", op.RescaleOutput.Multiplier).Param("output_shift", op.RescaleOutput.Shift)
                .Param("output_offset", op.Offsets.Output)
                .Param("act_min", op.Range.Min).Param("act_max", op.Range.Max)
                .Input(a).Input(b).Output(output);
            InPlace.OverFirstInputOfSameSize(call, a, output).Add();
            return true;
        }
    }
}
