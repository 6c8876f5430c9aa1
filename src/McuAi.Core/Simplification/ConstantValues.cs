using System;
using System.Runtime.InteropServices;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>The real values of a constant weight tensor: float32 as stored, int8 and INT4 dequantized per channel or per tensor.</summary>
    internal static class ConstantValues
    {
        public static float[] Real(Model model, Tensor tensor)
        {
            var data = model.DataOf(tensor).Span;
            switch (tensor.Type)
            {
                case TensorType.FLOAT32:
                    return MemoryMarshal.Cast<byte, float>(data).ToArray();
                case TensorType.INT8:
                    return Dequantize(MemoryMarshal.Cast<byte, sbyte>(data), tensor);
                case TensorType.INT4:
                    return Dequantize(Int4Packing.Unpack(data, tensor.ElementCount), tensor);
                default:
                    throw new InvalidOperationException($"tensor '{tensor.Name}' of type {tensor.Type} holds no weights");
            }
        }

        private static float[] Dequantize(ReadOnlySpan<sbyte> values, Tensor tensor)
        {
            var q = tensor.Quantization;
            var result = new float[values.Length];
            if (q is null || q.Scale.Length == 0)
            {
                for (int i = 0; i < result.Length; i++) result[i] = values[i];
                return result;
            }
            int channels = q.Scale.Length;
            long inner = 1;
            // long: a hostile quantized_dimension of int.MaxValue must not wrap around to a negative axis.
            for (long d = (long)q.QuantizedDimension + 1; d < tensor.Shape.Length; d++) inner *= tensor.Shape[d];
            for (int i = 0; i < result.Length; i++)
            {
                int c = channels == 1 ? 0 : (int)(i / inner % channels);
                long zp = q.ZeroPoint.Length > c ? q.ZeroPoint[c] : 0;
                result[i] = (values[i] - zp) * q.Scale[c];
            }
            return result;
        }

        /// <summary>Per index along <paramref name="axis"/>, the L1 (p = 1) or L2 (p = 2) norm of the values at that index.</summary>
        public static double[] Norms(float[] values, int[] shape, int axis, int p)
        {
            long inner = 1;
            for (int d = axis + 1; d < shape.Length; d++) inner *= shape[d];
            int length = shape[axis];
            var norms = new double[length];
            for (long i = 0; i < values.Length; i++)
            {
                int c = (int)(i / inner % length);
                double v = values[i];
                norms[c] += p == 1 ? Math.Abs(v) : v * v;
            }
            if (p == 2) for (int c = 0; c < length; c++) norms[c] = Math.Sqrt(norms[c]);
            return norms;
        }
    }
}
