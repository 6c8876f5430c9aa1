using System;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>TFLite's float logistic (reference_ops::Logistic): 1 above 16.62, exp(x) below −9, else 1/(1 + e^−x).</summary>
    public static class FloatSigmoid
    {
        private const float UpperCutoff = 16.619047164916992188f;
        private const float LowerCutoff = -9f;

        public static float Of(float v) =>
            v > UpperCutoff ? 1f : v < LowerCutoff ? (float)Math.Exp(v) : 1f / (1f + (float)Math.Exp(-v));
    }
}
