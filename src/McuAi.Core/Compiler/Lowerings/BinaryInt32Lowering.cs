using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// int32 (unquantized) ADD, SUB, MUL, DIV, MINIMUM, MAXIMUM → <c>mcuai_binary_s32</c> with broadcasting and the prepared
    /// op's activation bounds; in place. A constant divisor of 0 (where TFLM traps) is refused.
    /// </summary>
    [Lowers(BuiltinOperator.ADD)]
    [Lowers(BuiltinOperator.SUB)]
    [Lowers(BuiltinOperator.MUL)]
    [Lowers(BuiltinOperator.DIV)]
    [Lowers(BuiltinOperator.MINIMUM)]
    [Lowers(BuiltinOperator.MAXIMUM)]
    public sealed class BinaryInt32Lowering : ILowering
    {
        // MCUAI_BINARY_* of mcuai_broadcast.h.
        private const int Add = 0, Sub = 1, Mul = 2, Div = 3, Min = 4, Max = 5;

        public bool TryLower(LoweringContext context)
        {
            var (a, b, output) = (context.Input(0), context.Input(1), context.Output(0));
            if (output.Type != TensorType.INT32 || a.Type != TensorType.INT32 || b.Type != TensorType.INT32) return false;
            (int Op, int Min, int Max)? what = context.Prepared switch
            {
                BinaryUnquantized<int> binary => (context.Operator.OpName == "MUL" ? Mul : Add, binary.Range.Min, binary.Range.Max),
                SubKernel.Int32Sub sub => (Sub, sub.Range.Min, sub.Range.Max),
                DivKernel.PlainDiv div => (Div, div.IntegerRange.Min, div.IntegerRange.Max),
                ElementwiseMinMax minMax => (minMax.Maximum ? Max : Min, int.MinValue, int.MaxValue),
                _ => null,
            };
            if (what is not { } chosen) return false;
            var (op, min, max) = chosen;
            if (op == Div && b.IsConstant && System.Array.IndexOf(b.As<int>().ToArray(), 0) >= 0)
                throw context.Unsupported("a constant divisor of 0");
            var call = context.Call("mcuai_binary_s32")
                .Param("shape", ShapeParams.Broadcast(a, b, output, context))
                .Param("op", op)
                .Param("act_min", min).Param("act_max", max)
                .Input(a).Input(b).Output(output);
            InPlace.OverFirstInputOfSameSize(call, a, output).Add();
            return true;
        }
    }
}
