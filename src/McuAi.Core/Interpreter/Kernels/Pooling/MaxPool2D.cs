using System;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>MAX_POOL_2D: the largest in-bounds value of each window, then the fused activation's clamp.</summary>
    [KernelFor(BuiltinOperator.MAX_POOL_2D)]
    public sealed class MaxPool2DKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var g = PoolWindow.Geometry(context);
            var output = context.Output(0);
            var activation = FusedActivation.Of(context);
            return output.Type switch
            {
                TensorType.FLOAT32 => new PoolOp<float, FloatMax>(context, g, new FloatMax(g.InputDepth, FusedActivation.FloatRange(activation))),
                TensorType.INT8 => new PoolOp<sbyte, IntegerMax<sbyte>>(context, g, new IntegerMax<sbyte>(g.InputDepth, FusedActivation.QuantizedRange(activation, output, context))),
                TensorType.INT16 => new PoolOp<short, IntegerMax<short>>(context, g, new IntegerMax<short>(g.InputDepth, FusedActivation.QuantizedRange(activation, output, context))),
                _ => throw context.UnsupportedType(output),
            };
        }

        private readonly struct FloatMax : IPoolReducer<float>
        {
            private readonly float[] _max;
            private readonly float _low;
            private readonly float _high;

            public FloatMax(int depth, (float Min, float Max) range)
            {
                _max = new float[depth];
                (_low, _high) = range;
            }

            public void Begin() => _max.AsSpan().Fill(float.MinValue);

            public void Accumulate(ReadOnlySpan<float> pixel)
            {
                for (int c = 0; c < _max.Length; c++)
                    if (pixel[c] > _max[c]) _max[c] = pixel[c];
            }

            public void Finish(Span<float> output, int count)
            {
                for (int c = 0; c < _max.Length; c++) output[c] = FixedPoint.Clamp(_max[c], _low, _high);
            }
        }

        private readonly struct IntegerMax<T> : IPoolReducer<T> where T : unmanaged
        {
            private readonly int[] _max;
            private readonly int _low;
            private readonly int _high;

            public IntegerMax(int depth, (int Min, int Max) range)
            {
                _max = new int[depth];
                (_low, _high) = range;
            }

            public void Begin() => _max.AsSpan().Fill(int.MinValue);

            public void Accumulate(ReadOnlySpan<T> pixel)
            {
                for (int c = 0; c < _max.Length; c++)
                {
                    int v = IntegerElement.Read(pixel, c);
                    if (v > _max[c]) _max[c] = v;
                }
            }

            public void Finish(Span<T> output, int count)
            {
                for (int c = 0; c < _max.Length; c++) IntegerElement.Write(output, c, FixedPoint.Clamp(_max[c], _low, _high));
            }
        }
    }
}
