using System;
using System.Collections.Generic;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>Keeps some indices along one axis of a constant tensor: its bytes, its shape and its per-channel quantization.</summary>
    internal static class TensorSlicer
    {
        /// <summary>
        /// The elements of a C-order array whose index along <paramref name="axis"/> is in <paramref name="keep"/>
        /// (ascending), element size <paramref name="elementSize"/> bytes.
        /// </summary>
        public static byte[] Slice(ReadOnlySpan<byte> data, int[] shape, int axis, IReadOnlyList<int> keep, int elementSize)
        {
            long outer = 1, inner = elementSize;
            for (int d = 0; d < axis; d++) outer *= shape[d];
            for (int d = axis + 1; d < shape.Length; d++) inner *= shape[d];
            int length = shape[axis];
            var result = new byte[checked(outer * keep.Count * inner)];
            long w = 0;
            for (long o = 0; o < outer; o++)
                foreach (int k in keep)
                {
                    data.Slice((int)((o * length + k) * inner), (int)inner).CopyTo(result.AsSpan((int)w, (int)inner));
                    w += inner;
                }
            return result;
        }

        /// <summary>Keeps <paramref name="keep"/> along <paramref name="axis"/> of a constant tensor (data, shape and per-channel parameters).</summary>
        public static void SliceConstant(ConstantEditor editor, Tensor tensor, int axis, IReadOnlyList<int> keep)
        {
            int before = tensor.Shape[axis];
            if (keep.Count == before) return;
            byte[] data = Slice(editor.Model.DataOf(tensor).Span, tensor.Shape, axis, keep, tensor.Type.ElementSize());
            var shape = (int[])tensor.Shape.Clone();
            shape[axis] = keep.Count;
            editor.SetData(tensor, data);
            tensor.Shape = shape;
            if (tensor.ShapeSignature.Length == shape.Length) tensor.ShapeSignature = (int[])shape.Clone();
            // Per-channel parameters follow their channels; a vector of another length (min and max, which TFLM does not
            // read, are not checked by the reader) is not per channel and stays as it is.
            if (tensor.Quantization is { } q && q.Scale.Length > 1 && q.QuantizedDimension == axis)
            {
                if (q.Scale.Length == before) q.Scale = Pick(q.Scale, keep);
                if (q.ZeroPoint.Length == before) q.ZeroPoint = Pick(q.ZeroPoint, keep);
                if (q.Min.Length == before) q.Min = Pick(q.Min, keep);
                if (q.Max.Length == before) q.Max = Pick(q.Max, keep);
            }
        }

        public static T[] Pick<T>(T[] values, IReadOnlyList<int> keep)
        {
            var result = new T[keep.Count];
            for (int i = 0; i < result.Length; i++) result[i] = values[keep[i]];
            return result;
        }
    }
}
