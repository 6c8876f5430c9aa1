using System;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// TFLite's int16 logistic and tanh (reference_integer_ops::Logistic/Tanh for int16), used by
    /// LOGISTIC and TANH with int16 activations and by the integer LSTM's gates. The input is first
    /// rescaled to units of 1/(3·4096) — x·multiplier, rounded right shift — so that one table node
    /// (1/24) spans 512 units; |x| is looked up in <see cref="SigmoidTable"/> with linear interpolation
    /// and the sign restored through the curve's symmetry. tanh(x) = 2·sigmoid(2x) − 1 reads the same
    /// table with 256 units per node. Outputs are Q0.15.
    /// </summary>
    public static class Int16Sigmoid
    {
        /// <summary>
        /// The input scaling of the power-of-two case: a multiplier of 0 means 3 · 2^leftShift with no
        /// shift, as TFLite substitutes at run time.
        /// </summary>
        public static (int Multiplier, int Shift) Effective(int multiplier, int leftShift) =>
            multiplier == 0 ? (3 << leftShift, 0) : (multiplier, leftShift);

        public static void Logistic(ReadOnlySpan<short> input, Span<short> output, int multiplier, int leftShift)
        {
            var table = SigmoidTable.Values;
            (multiplier, leftShift) = Effective(multiplier, leftShift);
            int round = leftShift > 0 ? 1 << (leftShift - 1) : 0;
            for (int i = 0; i < output.Length; i++)
            {
                int x = (input[i] * multiplier + round) >> leftShift;
                uint result = Interpolate(table, (uint)Math.Abs(x), 9, 0x7FFFu << 10);
                // sigmoid(−x) = 1 − sigmoid(x), with rounding to 15 fractional bits.
                result = x >= 0 ? result + (1u << 9) : (1u << 25) - result + (1u << 9) - 1;
                output[i] = unchecked((short)(result >> 10));
            }
        }

        public static void Tanh(ReadOnlySpan<short> input, Span<short> output, int multiplier, int leftShift)
        {
            var table = SigmoidTable.Values;
            (multiplier, leftShift) = Effective(multiplier, leftShift);
            int round = leftShift > 0 ? 1 << (leftShift - 1) : 0;
            for (int i = 0; i < output.Length; i++)
            {
                int x = (input[i] * multiplier + round) >> leftShift;
                int result = unchecked((int)Interpolate(table, (uint)Math.Abs(x), 8, 0xFFFFu << 8));
                // 2·sigmoid − 1, mirrored for negative inputs, rounded to 15 fractional bits.
                result = x >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
                output[i] = unchecked((short)(result >> 8));
            }
        }

        /// <summary>
        /// The table at <paramref name="magnitude"/>, which has <paramref name="fractionBits"/> bits below the
        /// node index, linearly interpolated (the result carries those bits); <paramref name="saturated"/> from node 255 on.
        /// </summary>
        private static uint Interpolate(ReadOnlySpan<ushort> table, uint magnitude, int fractionBits, uint saturated)
        {
            uint node = magnitude >> fractionBits;
            if (node >= 255) return saturated;
            uint a = table[(int)node], b = table[(int)node + 1];
            return (a << fractionBits) + (magnitude & ((1u << fractionBits) - 1)) * (b - a);
        }
    }
}
