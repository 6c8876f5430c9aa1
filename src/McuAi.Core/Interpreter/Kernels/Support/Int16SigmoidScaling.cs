using System;
using McuAi.Diagnostics;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The Prepare of TFLM's int16 LOGISTIC and TANH (logistic_common.cc, tanh.cc): symmetric input and
    /// output, a Q0.15 output (scale 2^-15), and the input rescaled to units of 1/(3·4096) for the
    /// <see cref="Int16Sigmoid"/> table. A power-of-two input scale whose shift the table absorbs leaves
    /// the multiplier 0 (meaning 3 · 2^shift); any other scale gets an integer multiplier of at most
    /// 15 bits, doubled with the shift until it exceeds 32767/2.
    /// </summary>
    public readonly struct Int16SigmoidScaling
    {
        private const int InputIntegerBits = 3;
        private const int OutputFractionalBits = 15;

        public Int16SigmoidScaling(PrepareContext context, RuntimeTensor input, RuntimeTensor output, int largestPowerOfTwoShift)
        {
            QuantizedMultipliers.RequireQuantized(input, context);
            QuantizedMultipliers.RequireQuantized(output, context);
            if (input.ZeroPoint != 0 || output.ZeroPoint != 0)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"int16 {context.OpName} needs zero points of 0 (input {input.ZeroPoint}, output {output.ZeroPoint}), as TFLM does");
            bool powerOfTwo = CheckedLog2(input.Scale, out int log2);
            int shift = 15 - InputIntegerBits + log2;
            if (powerOfTwo && shift >= 0 && shift <= largestPowerOfTwoShift)
            {
                Multiplier = 0;
                LeftShift = shift;
            }
            else
            {
                double multiplier = (double)input.Scale * 4096.0 * 3.0;
                shift = 0;
                while (multiplier <= 32767.0 / 2.0 && shift <= 30)
                {
                    shift++;
                    multiplier *= 2.0;
                }
                Multiplier = (int)multiplier;
                LeftShift = shift;
            }
            if (Multiplier > 32767)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"input scale {input.Scale:G6} is too large for the int16 {context.OpName} table");
            if (!CheckedLog2(output.Scale, out int outputLog2) || outputLog2 != -OutputFractionalBits)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"int16 {context.OpName} needs an output scale of 2^-15, not {output.Scale:G6}");
        }

        /// <summary>0 for the power-of-two case, else the integer input multiplier.</summary>
        public int Multiplier { get; }
        public int LeftShift { get; }

        /// <summary>TFLite's CheckedLog2: log2 rounded (in float), and whether x is a power of two within 1e-3.</summary>
        public static bool CheckedLog2(float x, out int log2)
        {
            float exact = (float)Math.Log(x) * (1f / (float)Math.Log(2.0));
            float rounded = FixedPoint.RoundAwayFromZero(exact);
            log2 = (int)rounded;
            return Math.Abs(exact - rounded) < 1e-3f;
        }
    }
}
