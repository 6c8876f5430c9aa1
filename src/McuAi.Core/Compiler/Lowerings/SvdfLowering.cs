using System.Linq;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// SVDF with int8 input and output (int8 or int16 state) → <c>mcuai_svdf_s8</c>, with the interpreter's prepared
    /// multipliers, shifts and zero points. The state tensor is variable: the memory plan keeps it in the state buffer
    /// (cleared by S_init), and the kernel gets it as a writable argument after the output; its rows are rings whose
    /// position is the layer's own state (4 bytes), so no state moves per invocation.
    /// </summary>
    [Lowers(BuiltinOperator.SVDF)]
    public sealed class SvdfLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not IntegerSvdf svdf) return false;
            var s = svdf.Shape;
            var state = context.Input(4);
            // The kernel keeps each state row as a ring (nothing moves per invocation): no other operator may read the state.
            var model = context.Operator.Model;
            if (model.MainSubgraph.Outputs.Contains(state.Index)
                || model.MainSubgraph.Operators.Count(op => op.Inputs.Contains(state.Index) || op.Outputs.Contains(state.Index)) > 1)
                throw context.Unsupported($"a state tensor ('{state.Name}') that another operator or the model's outputs read");
            var features = context.Input(1);
            var time = context.Input(2);
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
                .Param("features", context.Weights(features, "features"))
                .Param("feature_sums", context.Constant("feature_sums", RowSums(features, s.InputSize)))
                .Param("time", context.Weights(time, "time"))
                .Param("time_sums", context.Constant("time_sums", RowSums(time, s.Memory)))
                .Param("bias", svdf.Bias.All(b => b == 0) ? null : context.Constant("bias", (int[])svdf.Bias.Clone(), isModelData: true))
                .Input(context.Input(0)).Output(context.Output(0)).Output(state)
                .State(sizeof(int)) // the ring position of the oldest column
                .Scratch(checked(s.InputSize * sizeof(short))) // the DSP path's widened input
                .Add();
            return true;
        }

        /// <summary>The sum of each row of an int8 or int16 weight matrix (the kernel takes zero points out of its dot products with them).</summary>
        private static int[] RowSums(McuAi.Interpreter.RuntimeTensor weights, int rowLength)
        {
            var values = weights.Type == TensorType.INT16
                ? weights.As<short>().ToArray().Select(v => (int)v).ToArray()
                : weights.As<sbyte>().ToArray().Select(v => (int)v).ToArray();
            var sums = new int[values.Length / rowLength];
            for (int i = 0; i < values.Length; i++) sums[i / rowLength] += values[i];
            return sums;
        }
    }
}
