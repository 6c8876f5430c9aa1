using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>
    /// The output rescaling of TFLM's weighted ops (FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D),
    /// computed exactly as TFLM does, including where it multiplies scales in float and where in double.
    /// </summary>
    public static class QuantizedMultipliers
    {
        /// <summary>
        /// One multiplier per output channel: input_scale × filter_scale[c] / output_scale in double
        /// (TFLite's PopulateConvolutionQuantizationParams); a per-tensor filter scale is broadcast.
        /// </summary>
        public static (int[] Multipliers, int[] Shifts) PerChannel(RuntimeTensor input, RuntimeTensor filter, RuntimeTensor output, int channels, PrepareContext context)
        {
            RequireQuantized(input, context);
            RequireQuantized(filter, context);
            RequireQuantized(output, context);
            if (filter.Scales.Length != 1 && filter.Scales.Length != channels)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"filter '{filter.Name}' has {filter.Scales.Length} scales for {channels} output channels");
            var multipliers = new int[channels];
            var shifts = new int[channels];
            for (int c = 0; c < channels; c++)
            {
                double filterScale = filter.Scales[filter.Scales.Length == 1 ? 0 : c];
                double effective = (double)input.Scale * filterScale / output.Scale;
                (multipliers[c], shifts[c]) = FixedPoint.QuantizeMultiplier(effective);
            }
            return (multipliers, shifts);
        }

        /// <summary>
        /// The single multiplier of a per-tensor layer (TFLite's GetQuantizedConvolutionMultipler):
        /// the scale product is rounded to float before the division in double.
        /// </summary>
        public static (int Multiplier, int Shift) PerTensor(RuntimeTensor input, RuntimeTensor filter, RuntimeTensor output, PrepareContext context)
        {
            RequireQuantized(input, context);
            RequireQuantized(filter, context);
            RequireQuantized(output, context);
            double product = input.Scale * filter.Scale;
            return FixedPoint.QuantizeMultiplier(product / output.Scale);
        }

        /// <summary>A coded error unless the tensor holds constant data (weights and biases are prepared once).</summary>
        public static void RequireConstant(RuntimeTensor tensor, PrepareContext context)
        {
            if (!tensor.IsConstant)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"tensor '{tensor.Name}' must be a constant (weights computed at run time are not supported)");
        }

        /// <summary>A coded error unless the tensor has a positive scale.</summary>
        public static void RequireQuantized(RuntimeTensor tensor, PrepareContext context)
        {
            if (!tensor.IsQuantized || !(tensor.Scale > 0) || float.IsInfinity(tensor.Scale))
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"tensor '{tensor.Name}' ({tensor.Type}) needs a positive quantization scale");
        }

        /// <summary>
        /// int32 bias values of a quantized layer (zeros when the bias is absent), checked against the
        /// number of output channels.
        /// </summary>
        public static int[] Bias(RuntimeTensor? bias, int channels, PrepareContext context)
        {
            var result = new int[channels];
            if (bias is null) return result;
            if (bias.Type != TensorType.INT32) throw context.UnsupportedType(bias);
            RequireConstant(bias, context);
            if (bias.ElementCount != channels)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"bias '{bias.Name}' has {bias.ElementCount} values for {channels} output channels");
            bias.As<int>().CopyTo(result);
            return result;
        }

        /// <summary>float bias values (zeros when the bias is absent), checked against the channel count.</summary>
        public static float[] FloatBias(RuntimeTensor? bias, int channels, PrepareContext context)
        {
            var result = new float[channels];
            if (bias is null) return result;
            if (bias.Type != TensorType.FLOAT32) throw context.UnsupportedType(bias);
            RequireConstant(bias, context);
            if (bias.ElementCount != channels)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"bias '{bias.Name}' has {bias.ElementCount} values for {channels} output channels");
            bias.As<float>().CopyTo(result);
            return result;
        }
    }
}
