using System;

namespace McuAi.Quantization
{
    /// <summary>
    /// The arithmetic of TFLite's quantization spec: affine parameters from a float range, symmetric
    /// weight scales, and rounding. Formulas follow the TF converter (MLIR quantizer) so that our
    /// results can be compared with its int8 files value for value.
    /// </summary>
    public static class QuantMath
    {
        /// <summary>Rounds half away from zero, as C's <c>round</c> (and the converter) do.</summary>
        public static double Round(double x) => Math.Round(x, MidpointRounding.AwayFromZero);

        /// <summary>
        /// Affine (asymmetric) parameters for a float range on [qmin, qmax]. The range is first widened
        /// to contain 0 so that 0 is exactly representable (padding, ReLU); the zero point is computed
        /// from whichever end gives the smaller error, then rounded and clamped ("nudged"), as
        /// TFLite's reference quantizer does.
        /// </summary>
        public static (double Scale, int ZeroPoint) Asymmetric(double min, double max, int qmin, int qmax)
        {
            min = Math.Min(min, 0);
            max = Math.Max(max, 0);
            // A tensor that is always 0: any scale represents it; 1 keeps the arithmetic well-defined.
            if (max - min < double.Epsilon) return (1.0, qmin);
            double scale = (max - min) / (qmax - qmin);
            double fromMin = qmin - min / scale;
            double fromMax = qmax - max / scale;
            double fromMinError = Math.Abs(qmin) + Math.Abs(min / scale);
            double fromMaxError = Math.Abs(qmax) + Math.Abs(max / scale);
            double zeroPoint = fromMinError < fromMaxError ? fromMin : fromMax;
            int nudged = zeroPoint < qmin ? qmin : zeroPoint > qmax ? qmax : (int)Round(zeroPoint);
            return (scale, nudged);
        }

        /// <summary>
        /// Symmetric parameters (zero point 0) for a range: scale = max(|min|, |max|) / qmax. Used for
        /// int16 activations, whose spec requires zero point 0.
        /// </summary>
        public static double Symmetric(double min, double max, int qmax)
        {
            double halfRange = Math.Max(Math.Abs(min), Math.Abs(max));
            return halfRange == 0 ? 1.0 : halfRange / qmax;
        }

        /// <summary>Quantizes one value with an affine scale and zero point, clamped to [qmin, qmax].</summary>
        public static int Quantize(float value, float scale, int zeroPoint, int qmin, int qmax)
        {
            double q = Round(value / (double)scale) + zeroPoint;
            return q < qmin ? qmin : q > qmax ? qmax : (int)q;
        }

        public static int Clamp(int v, int lo, int hi) => v < lo ? lo : v > hi ? hi : v;
    }
}
