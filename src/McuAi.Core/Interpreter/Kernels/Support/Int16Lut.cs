using System;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// TFLite's 513-entry int16 lookup tables with linear interpolation (LUTPopulateInt16 and the int16
    /// LUTLookup of kernels/internal/common.h), as the int16 SOFTMAX builds them for exp and 1/(1 + x).
    /// Every step is float arithmetic as in TFLite; each of 512 entries is the rounded function value
    /// nudged by half the interpolation error at the midpoint of its segment.
    /// </summary>
    public static class Int16Lut
    {
        public const int Length = 513;
        private const int Steps = 512;

        public static short[] Populate(float inputScale, int inputZeroPoint, float outputScale, int outputZeroPoint, Func<float, float> transform)
        {
            float inputMin = inputScale * (short.MinValue - inputZeroPoint);
            float inputMax = inputScale * (short.MaxValue - inputZeroPoint);
            float outputMin = outputScale * (short.MinValue - outputZeroPoint);
            float outputMax = outputScale * (short.MaxValue - outputZeroPoint);
            float step = (inputMax - inputMin) / Steps;
            float halfStep = step / 2;
            float scalingInverse = 65536f / (outputMax - outputMin);
            var lut = new short[Length];
            for (int i = 0; i < Steps; i++)
            {
                float value = transform(inputMin + i * step);
                float midpoint = transform(inputMin + i * step + halfStep);
                float next = transform(inputMin + (i + 1) * step);
                float sample = FixedPoint.RoundAwayFromZero(value * scalingInverse);
                float interpolatedMidpoint = FixedPoint.RoundAwayFromZero((next * scalingInverse + FixedPoint.RoundAwayFromZero(value * scalingInverse)) / 2);
                float midpointValue = FixedPoint.RoundAwayFromZero(midpoint * scalingInverse);
                float bias = FixedPoint.RoundAwayFromZero((interpolatedMidpoint - midpointValue) / 2);
                lut[i] = ToInt16(sample - bias);
            }
            lut[Steps] = ToInt16(FixedPoint.RoundAwayFromZero(transform(inputMax) * scalingInverse));
            return lut;
        }

        private static short ToInt16(float value) => (short)Math.Min(Math.Max(value, short.MinValue), short.MaxValue);

        /// <summary>The interpolated value for <paramref name="value"/>: entry 256 + value/128, plus the slope times the low 7 bits.</summary>
        public static short Lookup(int value, short[] lut)
        {
            int index = 256 + (value >> 7);
            int offset = value & 0x7F;
            int baseValue = lut[index];
            int slope = unchecked((short)(lut[index + 1] - baseValue));
            return unchecked((short)(baseValue + ((slope * offset + 64) >> 7)));
        }
    }
}
