using McuAi.Interpreter;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// AVERAGE_POOL_2D and MAX_POOL_2D → <c>mcuai_{avg,max}_pool_{s8,f32}</c>, with the geometry and activation range
    /// from the interpreter's own Prepare helpers (PoolWindow, FusedActivation).
    /// </summary>
    [Lowers(BuiltinOperator.AVERAGE_POOL_2D)]
    [Lowers(BuiltinOperator.MAX_POOL_2D)]
    public sealed class PoolLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            var op = context.Operator;
            var output = context.Output(0);
            string kind = op.OpName == "AVERAGE_POOL_2D" ? "avg" : "max";
            string type = output.Type switch { TensorType.INT8 => "s8", TensorType.FLOAT32 => "f32", _ => "" };
            if (type.Length == 0) return false;
            var g = PoolWindow.Geometry(op);
            var activation = FusedActivation.Of(op);
            var (min, max) = output.Type == TensorType.INT8 ? FusedActivation.QuantizedRange(activation, output, op) : (0, 0);
            var (minF, maxF) = output.Type == TensorType.FLOAT32 ? FusedActivation.FloatRange(activation) : (0f, 0f);
            WindowParams.Add(context.Call($"mcuai_{kind}_pool_{type}", paramsType: "mcuai_pool_params"), g, withDilation: false)
                .Param("channels", g.InputDepth)
                .Param("act_min", min).Param("act_max", max)
                .Param("act_min_f", minF).Param("act_max_f", maxF)
                .Input(context.Input(0)).Output(output).Add();
            return true;
        }
    }
}
