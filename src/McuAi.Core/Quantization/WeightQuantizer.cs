using System;

namespace McuAi.Quantization
{
    /// <summary>
    /// Symmetric int8 weights (zero point 0, values in [-127, 127]) per channel or per tensor, and
    /// biases at scale input × weight. Where a bias would not fit the accumulator at that scale
    /// (channels whose weights are all near zero), the channel's weight scale is raised first, with the
    /// TF converter's rule: the bias may use at most half of the int32 range, so
    /// weight_scale = |bias| / (2^31 - 1) × 2 / input_scale.
    /// </summary>
    public static class WeightQuantizer
    {
        /// <summary>Largest quantized bias the converter allows: half the int32 range, leaving room for the accumulator.</summary>
        public const double BiasLimit = int.MaxValue / 2;

        /// <summary>Channel count along <paramref name="axis"/> (1 for per-tensor, axis &lt; 0).</summary>
        public static int ChannelCount(int[] shape, int axis) => axis < 0 ? 1 : shape[axis];

        /// <summary>Channel of element <paramref name="index"/> in a C-order tensor.</summary>
        private static int ChannelOf(long index, long innerStride, int channels) => (int)(index / innerStride % channels);

        private static long InnerStride(int[] shape, int axis)
        {
            long stride = 1;
            for (int d = axis + 1; d < shape.Length; d++) stride *= shape[d];
            return stride;
        }

        /// <summary>Per-channel (or per-tensor) scale max(|w|) / 127; a channel of zeros gets scale 1.</summary>
        public static float[] Scales(ReadOnlySpan<float> weights, int[] shape, int axis, int qmax = 127)
        {
            int channels = ChannelCount(shape, axis);
            var halfRange = new float[channels];
            long stride = axis < 0 ? 1 : InnerStride(shape, axis);
            for (int i = 0; i < weights.Length; i++)
            {
                int c = axis < 0 ? 0 : ChannelOf(i, stride, channels);
                float a = Math.Abs(weights[i]);
                if (a > halfRange[c]) halfRange[c] = a;
            }
            var scales = new float[channels];
            for (int c = 0; c < channels; c++) scales[c] = halfRange[c] == 0 ? 1f : (float)(halfRange[c] / (double)qmax);
            return scales;
        }

        /// <summary>
        /// Raises weight scales whose bias would exceed <see cref="BiasLimit"/> at scale input × weight.
        /// Per-tensor weights (one scale) are checked against the largest bias. Returns the channels changed.
        /// </summary>
        public static int AdjustScalesForBias(float[] weightScales, ReadOnlySpan<float> bias, double inputScale)
        {
            int adjusted = 0;
            if (weightScales.Length == 1)
            {
                double largest = 0;
                foreach (float b in bias) largest = Math.Max(largest, Math.Abs(b));
                double biasScale = inputScale * weightScales[0];
                if (largest / biasScale >= BiasLimit)
                {
                    weightScales[0] = (float)(largest / BiasLimit / inputScale);
                    adjusted = 1;
                }
                return adjusted;
            }
            for (int c = 0; c < weightScales.Length && c < bias.Length; c++)
            {
                double magnitude = Math.Abs(bias[c]);
                double biasScale = inputScale * weightScales[c];
                if (magnitude / biasScale > BiasLimit)
                {
                    weightScales[c] = (float)(magnitude / BiasLimit / inputScale);
                    adjusted++;
                }
            }
            return adjusted;
        }

        /// <summary>Quantizes weights to [-qmax, qmax] with the given per-channel (or single) scales.</summary>
        public static sbyte[] QuantizeInt8(ReadOnlySpan<float> weights, int[] shape, int axis, float[] scales)
        {
            var result = new sbyte[weights.Length];
            int channels = scales.Length;
            long stride = channels == 1 ? 1 : InnerStride(shape, axis);
            for (int i = 0; i < weights.Length; i++)
            {
                int c = channels == 1 ? 0 : ChannelOf(i, stride, channels);
                result[i] = (sbyte)QuantMath.Quantize(weights[i], scales[c], 0, -127, 127);
            }
            return result;
        }

        /// <summary>The bias scales: input scale × each weight scale (float, as stored in the file).</summary>
        public static float[] BiasScales(float inputScale, float[] weightScales)
        {
            var scales = new float[weightScales.Length];
            for (int c = 0; c < scales.Length; c++) scales[c] = inputScale * weightScales[c];
            return scales;
        }

        /// <summary>Quantizes a bias to int32 at the per-channel scales (one scale is broadcast).</summary>
        public static int[] QuantizeBiasInt32(ReadOnlySpan<float> bias, float[] biasScales)
        {
            var result = new int[bias.Length];
            for (int i = 0; i < bias.Length; i++)
            {
                // Divided in float32 as the converter does: near the limit its biases land on the
                // float grid (multiples of 64 or 128), and ours then equal its values exactly.
                float ratio = bias[i] / biasScales[biasScales.Length == 1 ? 0 : i];
                double q = QuantMath.Round(ratio);
                result[i] = q > int.MaxValue ? int.MaxValue : q < int.MinValue ? int.MinValue : (int)q;
            }
            return result;
        }

        /// <summary>Quantizes a bias to int64 (16x8 mode: the accumulator is 64-bit, no adjustment needed).</summary>
        public static long[] QuantizeBiasInt64(ReadOnlySpan<float> bias, float[] biasScales)
        {
            var result = new long[bias.Length];
            for (int i = 0; i < bias.Length; i++)
                result[i] = (long)QuantMath.Round(bias[i] / (double)biasScales[biasScales.Length == 1 ? 0 : i]);
            return result;
        }
    }
}
