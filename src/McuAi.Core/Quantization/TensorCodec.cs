using System;
using System.Runtime.InteropServices;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Quantization
{
    /// <summary>Converts between float values and a model's input/output tensors of any type the validator meets (float32, int8, int16).</summary>
    internal static class TensorCodec
    {
        /// <summary>The bytes of an input tensor holding <paramref name="values"/>, quantized with the tensor's parameters when it is an integer tensor.</summary>
        public static void Encode(ReadOnlySpan<float> values, Tensor tensor, Span<byte> destination, string? file)
        {
            switch (tensor.Type)
            {
                case TensorType.FLOAT32:
                    MemoryMarshal.AsBytes(values).CopyTo(destination);
                    break;
                case TensorType.INT8:
                case TensorType.INT16:
                {
                    var q = tensor.Quantization ?? throw Unsupported(tensor, file);
                    float scale = q.Scale.Length > 0 ? q.Scale[0] : throw Unsupported(tensor, file);
                    int zp = q.ZeroPoint.Length > 0 ? (int)q.ZeroPoint[0] : 0;
                    if (tensor.Type == TensorType.INT8)
                        for (int i = 0; i < values.Length; i++) destination[i] = (byte)(sbyte)QuantMath.Quantize(values[i], scale, zp, -128, 127);
                    else
                    {
                        var shorts = MemoryMarshal.Cast<byte, short>(destination);
                        for (int i = 0; i < values.Length; i++) shorts[i] = (short)QuantMath.Quantize(values[i], scale, zp, -32768, 32767);
                    }
                    break;
                }
                default:
                    throw Unsupported(tensor, file);
            }
        }

        /// <summary>An output tensor's values as floats (dequantized when it is an integer tensor).</summary>
        public static float[] Decode(RuntimeTensor tensor, string? file)
        {
            var result = new float[tensor.ElementCount];
            switch (tensor.Type)
            {
                case TensorType.FLOAT32:
                    tensor.As<float>().CopyTo(result);
                    break;
                case TensorType.INT8:
                {
                    var q = tensor.As<sbyte>();
                    for (int i = 0; i < result.Length; i++) result[i] = (q[i] - tensor.ZeroPoint) * tensor.Scale;
                    break;
                }
                case TensorType.INT16:
                {
                    var q = tensor.As<short>();
                    for (int i = 0; i < result.Length; i++) result[i] = (q[i] - tensor.ZeroPoint) * tensor.Scale;
                    break;
                }
                default:
                    throw Unsupported(tensor.Info, file);
            }
            return result;
        }

        private static McuAiException Unsupported(Tensor tensor, string? file) =>
            new(DiagnosticCodes.ValidationModelMismatch, file,
                $"tensor '{tensor.Name}' has type {tensor.Type}{(tensor.IsQuantized ? "" : " without quantization parameters")}; validation compares float32, int8 and int16 inputs and outputs.");
    }
}
