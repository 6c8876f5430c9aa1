using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>
    /// Fused activations as TFLM applies them: a clamp of each output value to a range computed once
    /// in Prepare. Float kernels clamp the real value; quantized kernels clamp the quantized value to
    /// the activation's real bounds quantized with the output's scale and zero point.
    /// </summary>
    public static class FusedActivation
    {
        /// <summary>
        /// The real-valued clamp range of an activation (TFLite's CalculateActivationRange). TFLM treats
        /// TANH and SIGN_BIT, which no converter fuses, as no activation; so does this.
        /// </summary>
        public static (float Min, float Max) FloatRange(ActivationFunctionType activation) => activation switch
        {
            ActivationFunctionType.RELU => (0f, float.MaxValue),
            ActivationFunctionType.RELU6 => (0f, 6f),
            ActivationFunctionType.RELU_N1_TO_1 => (-1f, 1f),
            _ => (float.MinValue, float.MaxValue),
        };

        /// <summary>The full range of a quantized type (int8, uint8, int16, int32).</summary>
        public static (int Min, int Max) TypeRange(TensorType type) => type switch
        {
            TensorType.INT8 => (sbyte.MinValue, sbyte.MaxValue),
            TensorType.UINT8 => (byte.MinValue, byte.MaxValue),
            TensorType.INT16 => (short.MinValue, short.MaxValue),
            TensorType.INT32 => (int.MinValue, int.MaxValue),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a quantized integer type"),
        };

        /// <summary>
        /// The quantized clamp range for <paramref name="output"/> (TFLite's CalculateActivationRangeQuantized):
        /// the type's range intersected with the activation's real bounds, each quantized as
        /// zero_point + round(bound / scale) in float arithmetic.
        /// </summary>
        public static (int Min, int Max) QuantizedRange(ActivationFunctionType activation, RuntimeTensor output, PrepareContext context)
        {
            if (output.Type is not (TensorType.INT8 or TensorType.UINT8 or TensorType.INT16 or TensorType.INT32))
                throw context.UnsupportedType(output);
            var (qmin, qmax) = TypeRange(output.Type);
            if (activation is ActivationFunctionType.RELU or ActivationFunctionType.RELU6 or ActivationFunctionType.RELU_N1_TO_1
                && !output.IsQuantized)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"output '{output.Name}' has a fused {activation} but no quantization parameters");
            float scale = output.Scale;
            int zeroPoint = output.ZeroPoint;
            int Quantize(float real)
            {
                // TFLM refuses a bound that does not fit in int32 (a tiny scale); so does this.
                float rounded = FixedPoint.RoundAwayFromZero(real / scale);
                if (!(rounded >= -2147483648f && rounded <= 2147483520f))
                    throw context.Fail(DiagnosticCodes.InvalidOperator, $"output '{output.Name}' scale {scale:G6} puts the {activation} bound {real} outside the integer range");
                return zeroPoint + (int)rounded;
            }
            return activation switch
            {
                ActivationFunctionType.RELU => (Math.Max(qmin, Quantize(0f)), qmax),
                ActivationFunctionType.RELU6 => (Math.Max(qmin, Quantize(0f)), Math.Min(qmax, Quantize(6f))),
                ActivationFunctionType.RELU_N1_TO_1 => (Math.Max(qmin, Quantize(-1f)), Math.Min(qmax, Quantize(1f))),
                _ => (qmin, qmax),
            };
        }

        /// <summary>The fused activation of an operator whose options may be absent (then NONE).</summary>
        public static ActivationFunctionType Of(PrepareContext context) =>
            context.Options is { Schema: not null } options && options.Schema.TryGetField("fused_activation_function", out _)
                ? options.FusedActivation
                : ActivationFunctionType.NONE;
    }
}
