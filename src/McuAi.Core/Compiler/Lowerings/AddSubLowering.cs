using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// int8 ADD and SUB → <c>mcuai_add_s8</c> (TFLM's rescaling: both inputs to a common scale, sum or difference,
    /// rescale), with the interpreter's prepared multipliers. The output may run in place over the first input.
    /// </summary>
    [Lowers(BuiltinOperator.ADD)]
    [Lowers(BuiltinOperator.SUB)]
    public sealed class AddSubInt8Lowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            switch (context.Prepared)
            {
                case AddInt8 add:
                    Emit(context, subtract: false, add.LeftShiftBits, add.Offsets, add.RescaleA, add.RescaleB, add.RescaleOutput, add.Range);
                    return true;
                case QuantizedAddSubOp { Arithmetic: var sub } when context.Output(0).Type == TensorType.INT8:
                    // TFLM's SUB rescales with multipliers below one only; a larger one has no defined result to reproduce.
                    if (sub.RescaleA.Shift > 0 || sub.RescaleB.Shift > 0 || sub.RescaleOutput.Shift > 0)
                        throw context.Unsupported("an output scale that needs a rescale multiplier above one");
                    Emit(context, sub.Subtract, sub.LeftShift, sub.Offsets, sub.RescaleA, sub.RescaleB, sub.RescaleOutput, sub.Range);
                    return true;
                default:
                    return false;
            }
        }

        private static void Emit(LoweringContext context, bool subtract, int leftShift, (int A, int B, int Output) offsets,
            (int Multiplier, int Shift) a, (int Multiplier, int Shift) b, (int Multiplier, int Shift) output, (int Min, int Max) range)
        {
            var (x, y, z) = (context.Input(0), context.Input(1), context.Output(0));
            // The fast form where it is provably exact (Int8AddPacking); else the kernel keeps TFLite's arithmetic.
            var fast = Packing.Int8AddPacking.FastForm(leftShift, offsets.Output, a, b, output, subtract);
            long tableFrom = fast is null ? TableFromElements : TableFromElementsWithFastForm;
            var call = context.Call("mcuai_add_s8")
                .Param("shape", ShapeParams.Broadcast(x, y, z, context))
                .Param("subtract", subtract)
                .Param("a_offset", offsets.A).Param("b_offset", offsets.B)
                .Param("left_shift", leftShift)
                .Param("a_multiplier", a.Multiplier).Param("a_shift", context.Shift(a.Shift))
                .Param("b_multiplier", b.Multiplier).Param("b_shift", context.Shift(b.Shift))
                .Param("output_multiplier", output.Multiplier).Param("output_shift", context.Shift(output.Shift))
                .Param("output_offset", offsets.Output)
                .Param("act_min", range.Min).Param("act_max", range.Max)
                .Param("a_table", z.ElementCount < tableFrom ? null : RescaleTable(context, "a_rescaled", leftShift, offsets.A, a))
                .Param("b_table", z.ElementCount < tableFrom ? null : RescaleTable(context, "b_rescaled", leftShift, offsets.B, b))
                .Input(x).Input(y).Output(z);
            if (fast is not null)
                call.Param("fast", true)
                    .Param("a_m2", fast.AMultiplier2).Param("a_rshift", fast.ARightShift)
                    .Param("b_m2", fast.BMultiplier2).Param("b_rshift", fast.BRightShift)
                    .Param("out_m2", fast.OutputMultiplier2).Param("out_s", fast.OutputShift).Param("out_nudge", fast.OutputNudge);
            InPlace.OverFirstInputOfSameSize(call, x, z).Add();
        }

        /// <summary>Outputs from which a 1 KB table of an input's rescaled values beats computing them (three multiplies per element).</summary>
        private const long TableFromElements = 1024;

        /// <summary>
        /// The same with the fast form, whose input terms take a few instructions each: the two tables (2 KB of flash)
        /// save about 20 instructions per element, worth it from 8,192 elements (over 160,000 instructions).
        /// </summary>
        private const long TableFromElementsWithFastForm = 8192;

        /// <summary>
        /// An input's rescaled value for each of its 256 possible bytes, with the interpreter's arithmetic (the 32-bit
        /// double-rounding multiply; TFLM's SUB variant is the same for the shifts accepted above).
        /// </summary>
        private static ConstantArray RescaleTable(LoweringContext context, string role, int leftShift, int offset, (int Multiplier, int Shift) rescale)
        {
            var table = new int[256];
            for (int i = 0; i < 256; i++)
                table[i] = McuAi.Interpreter.FixedPoint.MultiplyByQuantizedMultiplier(unchecked(((sbyte)i + offset) * (1 << leftShift)), rescale.Multiplier, rescale.Shift);
            return context.Constant(role, table);
        }
    }
}
