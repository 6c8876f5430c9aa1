using System.Linq;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// SVDF with int8 input and output (int8 or int16 state) → <c>mcuai_svdf_s8</c>, with the interpreter's prepared
    /// multipliers, shifts and zero points. The state tensor is variable: the memory plan keeps it in the state buffer
    /// (cleared by S_init), and the kernel gets it as a writable argument after the output.
    /// </summary>
    [Lowers(BuiltinOperator.SVDF)]
    public sealed class SvdfLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not IntegerSvdf svdf) return false;
            var s = svdf.Shape;
            var state = context.Input(4);
            context.Call("mcuai_svdf_s8")
                .Param("batches", s.Batches).Param("input_size", s.InputSize)
                .Param("filters", s.Filters).Param("units", s.Units).Param("rank", s.Rank)
                .Param("memory", s.Memory)
                .Param("state_bytes", svdf.Int16State ? 2 : 1)
                .Param("input_zero_point", svdf.ZeroPoints.Input)
                .Param("state_zero_point", svdf.ZeroPoints.State)
                .Param("output_zero_point", svdf.ZeroPoints.Output)
                .Param("feature_multiplier", svdf.FeatureRescale.Multiplier).Param("feature_shift", svdf.FeatureRescale.Shift)
                .Param("output_multiplier", svdf.OutputRescale.Multiplier).Param("output_shift", svdf.OutputRescale.Shift)
                .Param("features", context.Weights(context.Input(1), "features"))
                .Param("time", context.Weights(context.Input(2), "time"))
                .Param("bias", svdf.Bias.All(b => b == 0) ? null : context.Constant("bias", (int[])svdf.Bias.Clone(), isModelData: true))
                .Input(context.Input(0)).Output(context.Output(0)).Output(state).Add();
            return true;
        }
    }
}
