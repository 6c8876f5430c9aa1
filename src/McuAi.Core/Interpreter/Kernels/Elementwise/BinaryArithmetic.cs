using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The Prepare shared by ADD and MUL: one type throughout, broadcast shapes, the fused activation; float32
    /// and int32 apply the operation directly, int8 is the operator's own rescaling path.
    /// </summary>
    internal static class BinaryArithmetic
    {
        public static PreparedOp Prepare(PrepareContext context, string opName, Func<float, float, float> floatOp, Func<int, int, int> int32Op,
            Func<PrepareContext, Broadcast, (int Min, int Max), PreparedOp> int8Op)
        {
            var a = context.Input(0);
            var b = context.Input(1);
            var output = context.Output(0);
            if (a.Type != output.Type || b.Type != output.Type)
                throw context.Fail(DiagnosticCodes.UnsupportedType, $"inputs are {a.Type} and {b.Type} but the output is {output.Type}; {opName} needs one type");
            var broadcast = Broadcast.Create(context, a, b, output);
            var activation = FusedActivation.Of(context);
            return output.Type switch
            {
                TensorType.FLOAT32 => new BinaryUnquantized<float>(a, b, output, broadcast, FusedActivation.FloatRange(activation), floatOp, FixedPoint.Clamp),
                TensorType.INT32 => new BinaryUnquantized<int>(a, b, output, broadcast, IntegerActivation.Range(activation), int32Op, FixedPoint.Clamp),
                TensorType.INT8 => int8Op(context, broadcast, FusedActivation.QuantizedRange(activation, output, context)),
                _ => throw context.UnsupportedType(output),
            };
        }
    }
}
