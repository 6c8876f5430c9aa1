using McuAi.Interpreter;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>float32 ADD, SUB, MUL → <c>mcuai_binary_f32</c> with broadcasting and the fused activation's clamp; in place.</summary>
    [Lowers(BuiltinOperator.ADD)]
    [Lowers(BuiltinOperator.SUB)]
    [Lowers(BuiltinOperator.MUL)]
    public sealed class BinaryFloatLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            var (a, b, output) = (context.Input(0), context.Input(1), context.Output(0));
            if (output.Type != TensorType.FLOAT32 || a.Type != TensorType.FLOAT32 || b.Type != TensorType.FLOAT32) return false;
            int op = context.Operator.OpName switch { "ADD" => 0, "SUB" => 1, "MUL" => 2, _ => -1 };
            if (op < 0) return false;
            var (min, max) = context.Prepared is BinaryUnquantized<float> binary ? binary.Range
                : FusedActivation.FloatRange(FusedActivation.Of(context.Operator));
            var call = context.Call("mcuai_binary_f32")
                .Param("shape", ShapeParams.Broadcast(a, b, output, context))
                .Param("op", op)
                .Param("act_min", min).Param("act_max", max)
                .Input(a).Input(b).Output(output);
            InPlace.OverFirstInputOfSameSize(call, a, output).Add();
            return true;
        }
    }
}
