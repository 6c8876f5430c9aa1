using System;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>Reads element i of an integer tensor of any width as int (for ops that handle several types alike).</summary>
    public static class Load
    {
        public static int Integer(RuntimeTensor tensor, int i) => tensor.Type switch
        {
            TensorType.INT8 => tensor.As<sbyte>()[i],
            TensorType.UINT8 => tensor.Data.Span[i],
            TensorType.INT16 => tensor.As<short>()[i],
            TensorType.UINT16 => tensor.As<ushort>()[i],
            TensorType.INT32 => tensor.As<int>()[i],
            _ => throw new InvalidOperationException($"{tensor.Type} is not a 32-bit-or-narrower integer type"),
        };
    }

    /// <summary>Writes element i of an integer tensor of any width (the value is already clamped to the type).</summary>
    public static class Store
    {
        public static void Integer(RuntimeTensor tensor, int i, int value)
        {
            switch (tensor.Type)
            {
                case TensorType.INT8: tensor.As<sbyte>()[i] = (sbyte)value; break;
                case TensorType.UINT8: tensor.Data.Span[i] = (byte)value; break;
                case TensorType.INT16: tensor.As<short>()[i] = (short)value; break;
                case TensorType.UINT16: tensor.As<ushort>()[i] = (ushort)value; break;
                case TensorType.INT32: tensor.As<int>()[i] = value; break;
                default: throw new InvalidOperationException($"{tensor.Type} is not a 32-bit-or-narrower integer type");
            }
        }
    }
}
