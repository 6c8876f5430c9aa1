using System;
using System.Linq;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// SVDF with int8 input and output (int8 or int16 state) → <c>mcuai_svdf_s8</c>, with the interpreter's prepared
    /// multipliers, shifts and zero points (each rescale in the fast form where it is proved exact; the state's zero point
    /// folded into the bias). The state tensor is variable: the memory plan keeps it in the state buffer
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
            var (inputZp, stateZp, outputZp) = svdf.ZeroPoints;
            int[] featureValues = Values(features);
            int[] timeValues = Values(time);
            var (stateMin, stateMax) = svdf.Int16State ? (short.MinValue, (int)short.MaxValue) : (sbyte.MinValue, (int)sbyte.MaxValue);

            // The state's zero point leaves the time dot products through the bias: bias − zp·Σ (the unit's time weights).
            int[] timeSums = RowSums(timeValues, s.Memory);
            var bias = new int[s.Units];
            for (int u = 0; u < s.Units; u++)
            {
                int folded = svdf.Bias[u];
                for (int r = 0; r < s.Rank; r++) folded = unchecked(folded - stateZp * timeSums[u * s.Rank + r]);
                bias[u] = folded;
            }

            // Each rescale takes the fast form where it is exact for every accumulator the layer can produce.
            long featureBound = MaxAbsRowSum(featureValues, s.InputSize) * Math.Max(Math.Abs(sbyte.MinValue - (long)inputZp), Math.Abs(sbyte.MaxValue - (long)inputZp));
            long stateSpan = Math.Max(Math.Abs(stateMin - (long)stateZp), Math.Abs(stateMax - (long)stateZp));
            long outputBound = 0;
            for (int u = 0; u < s.Units; u++)
            {
                long bound = Math.Abs((long)svdf.Bias[u]);
                for (int r = 0; r < s.Rank; r++) bound += AbsRowSum(timeValues, s.Memory, u * s.Rank + r) * stateSpan;
                outputBound = Math.Max(outputBound, bound);
            }
            var (featureMultiplier, featureShift, fastFeature) = Rescale(svdf.FeatureRescale, stateZp, featureBound);
            var (outputMultiplier, outputShift, fastOutput) = Rescale(svdf.OutputRescale, outputZp, outputBound);

            context.Call("mcuai_svdf_s8")
                .Param("batches", s.Batches).Param("input_size", s.InputSize)
                .Param("filters", s.Filters).Param("units", s.Units).Param("rank", s.Rank)
                .Param("memory", s.Memory)
                .Param("state_bytes", svdf.Int16State ? 2 : 1)
                .Param("input_zero_point", inputZp)
                .Param("state_zero_point", stateZp)
                .Param("output_zero_point", outputZp)
                .Param("fast", (fastFeature ? FastFeature : 0) | (fastOutput ? FastOutput : 0))
                .Param("feature_multiplier", featureMultiplier).Param("feature_shift", featureShift)
                .Param("output_multiplier", outputMultiplier).Param("output_shift", outputShift)
                .Param("features", context.Weights(features, "features"))
                .Param("time", context.Weights(time, "time"))
                .Param("bias", bias.All(b => b == 0) ? null : context.Constant("bias", bias, isModelData: true))
                .Input(context.Input(0)).Output(context.Output(0)).Output(state)
                .State(sizeof(int)) // the ring position of the oldest column
                .Scratch(checked(s.InputSize * sizeof(short))) // the input widened, its zero point taken out
                .Add();
            return true;
        }

        /// <summary>C constants MCUAI_SVDF_FAST_FEATURE and MCUAI_SVDF_FAST_OUTPUT.</summary>
        private const int FastFeature = 1, FastOutput = 2;

        /// <summary>
        /// A rescale's multiplier and shift as the kernel reads them: the fast form's (2·multiplier wrapped, −shift − 1)
        /// when <see cref="Packing.Int8RescalePacking.FastFormIsExact"/> proves it for every accumulator within
        /// <paramref name="accumulatorBound"/>, else TFLite's.
        /// </summary>
        private static (int Multiplier, int Shift, bool Fast) Rescale((int Multiplier, int Shift) rescale, int zeroPoint, long accumulatorBound) =>
            Packing.Int8RescalePacking.FastFormIsExact(rescale.Multiplier, rescale.Shift, zeroPoint, accumulatorBound)
                ? (unchecked(rescale.Multiplier * 2), -rescale.Shift - 1, true)
                : (rescale.Multiplier, rescale.Shift, false);

        private static int[] Values(McuAi.Interpreter.RuntimeTensor weights) => weights.Type == TensorType.INT16
            ? weights.As<short>().ToArray().Select(v => (int)v).ToArray()
            : weights.As<sbyte>().ToArray().Select(v => (int)v).ToArray();

        private static long AbsRowSum(int[] values, int rowLength, int row)
        {
            long sum = 0;
            for (int i = row * rowLength; i < (row + 1) * rowLength; i++) sum += Math.Abs((long)values[i]);
            return sum;
        }

        private static long MaxAbsRowSum(int[] values, int rowLength)
        {
            long max = 0;
            for (int row = 0; row < values.Length / rowLength; row++) max = Math.Max(max, AbsRowSum(values, rowLength, row));
            return max;
        }

        /// <summary>The sum of each row of a weight matrix (wrapping in 32 bits, as the kernel's sums).</summary>
        private static int[] RowSums(int[] values, int rowLength)
        {
            var sums = new int[values.Length / rowLength];
            for (int i = 0; i < values.Length; i++) sums[i / rowLength] = unchecked(sums[i / rowLength] + values[i]);
            return sums;
        }
    }
}
