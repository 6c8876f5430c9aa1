using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// AVERAGE_POOL_2D: the mean of each window's in-bounds values. int8 and int16 round the integer mean
    /// to nearest (ties away from zero) as TFLM does; input and output share their quantization.
    /// </summary>
    [KernelFor(BuiltinOperator.AVERAGE_POOL_2D)]
    public sealed class AveragePool2DKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var g = PoolWindow.Geometry(context);
            var output = context.Output(0);
            var activation = FusedActivation.Of(context);
            return output.Type switch
            {
                TensorType.FLOAT32 => Create<float, FloatMean>(context, g, new FloatMean(g.InputDepth, FusedActivation.FloatRange(activation))),
                TensorType.INT8 => Create<sbyte, IntegerMean<sbyte>>(context, g, new IntegerMean<sbyte>(g.InputDepth, FusedActivation.QuantizedRange(activation, output, context))),
                TensorType.INT16 => Create<short, IntegerMean<short>>(context, g, new IntegerMean<short>(g.InputDepth, FusedActivation.QuantizedRange(activation, output, context))),
                _ => throw context.UnsupportedType(output),
            };
        }

        private static PreparedOp Create<T, TReducer>(PrepareContext context, ConvGeometry g, TReducer reducer)
            where T : unmanaged
            where TReducer : struct, IPoolReducer<T>
        {
            RequireWindows(context, g);
            return new PoolOp<T, TReducer>(context, g, reducer);
        }

        private static void RequireWindows(PrepareContext context, ConvGeometry g)
        {
            // A window entirely in the padding has no values to average (TFLM fails at run time).
            for (int y = 0; y < g.OutputHeight; y++)
                for (int x = 0; x < g.OutputWidth; x++)
                {
                    PoolWindow.Clip(g, y, x, out int y0, out int y1, out int x0, out int x1);
                    if (y1 <= y0 || x1 <= x0)
                        throw context.Fail(DiagnosticCodes.InvalidOperator, $"the window of output pixel ({y}, {x}) lies entirely in the padding");
                }
        }

        private readonly struct FloatMean : IPoolReducer<float>
        {
            private readonly float[] _sum;
            private readonly float _min;
            private readonly float _max;

            public FloatMean(int depth, (float Min, float Max) range)
            {
                _sum = new float[depth];
                (_min, _max) = range;
            }

            public void Begin() => Array.Clear(_sum, 0, _sum.Length);

            public void Accumulate(ReadOnlySpan<float> pixel)
            {
                for (int c = 0; c < _sum.Length; c++) _sum[c] += pixel[c];
            }

            public void Finish(Span<float> output, int count)
            {
                for (int c = 0; c < _sum.Length; c++) output[c] = FixedPoint.Clamp(_sum[c] / count, _min, _max);
            }
        }

        private readonly struct IntegerMean<T> : IPoolReducer<T> where T : unmanaged
        {
            private readonly int[] _sum;
            private readonly int _min;
            private readonly int _max;

            public IntegerMean(int depth, (int Min, int Max) range)
            {
                _sum = new int[depth];
                (_min, _max) = range;
            }

            public void Begin() => Array.Clear(_sum, 0, _sum.Length);

            public void Accumulate(ReadOnlySpan<T> pixel)
            {
                for (int c = 0; c < _sum.Length; c++) _sum[c] += IntegerElement.Read(pixel, c);
            }

            public void Finish(Span<T> output, int count)
            {
                for (int c = 0; c < _sum.Length; c++)
                {
                    int acc = _sum[c];
                    // Integer division truncates toward zero, so adding half the count first rounds to nearest.
                    acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                    IntegerElement.Write(output, c, FixedPoint.Clamp(acc, _min, _max));
                }
            }
        }
    }
}
