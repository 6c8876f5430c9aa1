using System;
using McuAi.Interpreter.Simd;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// One gate of TFLM's integer LSTM, prepared: two fully-connected layers into Q3.12 (scale 2^-12,
    /// int16), one over the input rows and one over the hidden-state rows, whose outputs are added with
    /// int16 saturation before the gate's sigmoid or tanh.
    /// <para>
    /// Each layer computes Σ (w + weight_offset)(x + input_offset) + bias as TFLM does, in int32 for int8
    /// activations (wrapping) and in int64 for int16 activations (<see cref="Int16RowDot"/>); the input
    /// offsets are folded into <see cref="InputBias"/> and <see cref="RecurrentBias"/> (CMSIS-NN's
    /// "effective bias"), so Eval needs only the raw activations.
    /// </para>
    /// </summary>
    public sealed class LstmIntegerGate
    {
        /// <summary>The fully-connected output scale of every gate: Q3.12, the input format of the int16 sigmoid and tanh.</summary>
        public const float GateInputScale = 1f / 4096f;

        public LstmIntegerGate(PrepareContext context, string name, RuntimeTensor input, RuntimeTensor inputWeights, RuntimeTensor? bias,
            RuntimeTensor hidden, RuntimeTensor recurrentWeights, LstmSize size)
        {
            Name = name;
            InputWeights = Weights(context, inputWeights);
            RecurrentWeights = Weights(context, recurrentWeights);
            (InputMultiplier, InputShift) = Multiplier(context, input, inputWeights);
            (RecurrentMultiplier, RecurrentShift) = Multiplier(context, hidden, recurrentWeights);
            // int32 (int8 activations) or int64 (int16 activations), as LstmOperands checked.
            InputBias = Int16RowDot.FoldInputOffset(Int64Bias.Read(bias, size.StateSize, context), InputWeights, size.InputSize, -input.ZeroPoint);
            RecurrentBias = Int16RowDot.FoldInputOffset(new long[size.StateSize], RecurrentWeights, size.StateSize, -hidden.ZeroPoint);
        }

        public string Name { get; }
        /// <summary>Input-side weights [cells, input size] with the weight offset added, widened to int16.</summary>
        public short[] InputWeights { get; }
        /// <summary>Recurrent weights [cells, cells] with the weight offset added, widened to int16.</summary>
        public short[] RecurrentWeights { get; }
        /// <summary>Gate bias + input_offset · Σ weights, per cell.</summary>
        public long[] InputBias { get; }
        /// <summary>hidden_offset · Σ recurrent weights, per cell (the recurrent layer has no bias).</summary>
        public long[] RecurrentBias { get; }
        public int InputMultiplier { get; }
        public int InputShift { get; }
        public int RecurrentMultiplier { get; }
        public int RecurrentShift { get; }

        /// <summary>TFLM's GetQuantizedConvolutionMultipler: the scale product rounded to float, divided in double.</summary>
        private static (int, int) Multiplier(PrepareContext context, RuntimeTensor activation, RuntimeTensor weights)
        {
            QuantizedMultipliers.RequireQuantized(activation, context);
            QuantizedMultipliers.RequireQuantized(weights, context);
            float product = activation.Scale * weights.Scale;
            return FixedPoint.QuantizeMultiplier((double)product / GateInputScale);
        }

        private static short[] Weights(PrepareContext context, RuntimeTensor weights) =>
            context.Shared("lstm-weights:" + weights.Index, () => Widen.ToInt16(weights.As<sbyte>(), -weights.ZeroPoint));

        /// <summary>
        /// The gate's pre-activation for <paramref name="rows"/> rows: output = sat16(FC(input) + FC(hidden)),
        /// each FC rescaled to Q3.12 and clamped to int16 first, as TFLM's CalculateLstmGate.
        /// </summary>
        public void Compute(ReadOnlySpan<short> input, ReadOnlySpan<short> hidden, Span<short> output, bool wide, int rows, int inputSize, int cells)
        {
            for (int r = 0; r < rows; r++)
            {
                var x = input.Slice(r * inputSize, inputSize);
                var h = hidden.Slice(r * cells, cells);
                for (int c = 0; c < cells; c++)
                {
                    int fromInput = Layer(x, InputWeights.AsSpan(c * inputSize, inputSize), InputBias[c], InputMultiplier, InputShift, wide);
                    int fromHidden = Layer(h, RecurrentWeights.AsSpan(c * cells, cells), RecurrentBias[c], RecurrentMultiplier, RecurrentShift, wide);
                    output[r * cells + c] = (short)FixedPoint.Clamp(fromInput + fromHidden, short.MinValue, short.MaxValue);
                }
            }
        }

        private static int Layer(ReadOnlySpan<short> x, ReadOnlySpan<short> w, long bias, int multiplier, int shift, bool wide) =>
            FixedPoint.Clamp(Int16RowDot.Scaled(x, w, bias, multiplier, shift, wide), short.MinValue, short.MaxValue);
    }
}
