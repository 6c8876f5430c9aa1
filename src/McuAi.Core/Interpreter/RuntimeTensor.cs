using System;
using System.Runtime.InteropServices;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>
    /// A tensor as the interpreter sees it: type, shape, quantization and its bytes. Constant tensors
    /// view the model's buffer (never written); activations view the interpreter's planned arena.
    /// </summary>
    public sealed class RuntimeTensor
    {
        public RuntimeTensor(int index, Tensor tensor, bool isConstant)
        {
            Index = index;
            Info = tensor;
            Type = tensor.Type;
            Shape = tensor.Shape;
            IsConstant = isConstant;
            var q = tensor.Quantization;
            Scales = q?.Scale ?? Array.Empty<float>();
            ZeroPoints = q?.ZeroPoint ?? Array.Empty<long>();
            QuantizedDimension = q?.QuantizedDimension ?? 0;
            Scale = Scales.Length > 0 ? Scales[0] : 0f;
            ZeroPoint = ZeroPoints.Length > 0 ? checked((int)ZeroPoints[0]) : 0;
        }

        /// <summary>Index of the tensor in subgraph 0.</summary>
        public int Index { get; }
        public Tensor Info { get; }
        public string Name => Info.Name ?? $"tensor {Index}";
        public TensorType Type { get; }
        public int[] Shape { get; }
        public bool IsConstant { get; }

        /// <summary>First (or only) scale; 0 when the tensor is not quantized.</summary>
        public float Scale { get; }
        /// <summary>First (or only) zero point.</summary>
        public int ZeroPoint { get; }
        /// <summary>All scales (per-channel tensors have one per channel).</summary>
        public float[] Scales { get; }
        public long[] ZeroPoints { get; }
        public int QuantizedDimension { get; }
        public bool IsQuantized => Scales.Length > 0;

        /// <summary>The tensor's bytes. Set by the interpreter when it plans memory.</summary>
        public Memory<byte> Data { get; set; }

        public long ElementCount => Info.ElementCount;
        public int ByteSize => checked((int)Info.ByteSize);

        /// <summary>Size of dimension <paramref name="i"/>; negative i counts from the end.</summary>
        public int Dim(int i) => Shape[i < 0 ? Shape.Length + i : i];
        public int Rank => Shape.Length;

        /// <summary>The data as elements of <typeparamref name="T"/> (little-endian host).</summary>
        public Span<T> As<T>() where T : struct => MemoryMarshal.Cast<byte, T>(Data.Span);

        public override string ToString() => $"{Name} {Type}[{string.Join(",", Shape)}]";
    }
}
