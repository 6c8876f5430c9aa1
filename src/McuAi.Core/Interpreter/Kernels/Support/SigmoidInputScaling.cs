using System;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The int8 input rescaling shared by TFLM's LOGISTIC and TANH: the input (minus its zero point) is
    /// mapped to a Q4.27 fixed-point value by a multiplier taken straight from frexp (no normalising step),
    /// and inputs beyond a radius saturate without computing.
    /// </summary>
    public readonly struct SigmoidInputScaling
    {
        public const int InputIntegerBits = 4;

        public SigmoidInputScaling(float inputScale)
        {
            double real = inputScale * (double)(1 << (31 - InputIntegerBits));
            double q = FixedPoint.Frexp(real, out int shift);
            Multiplier = unchecked((int)(long)FixedPoint.RoundAwayFromZero(q * (1L << 31)));
            LeftShift = shift;
            // TFLite's CalculateInputRadius: the largest input whose rescaled value still fits the format.
            double maxRescaled = 1.0 * ((1 << InputIntegerBits) - 1) * (1L << (31 - InputIntegerBits)) / Math.Pow(2, shift);
            Radius = (int)Math.Floor(maxRescaled);
        }

        public int Multiplier { get; }
        public int LeftShift { get; }
        public int Radius { get; }

        /// <summary>The Q4.27 value of an input already offset by its zero point.</summary>
        public int ToQ4(int input) => FixedPoint.MultiplyByQuantizedMultiplier(input, Multiplier, LeftShift);
    }
}
