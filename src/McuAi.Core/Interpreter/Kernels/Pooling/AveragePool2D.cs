using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// AVERAGE_POOL_2D: the mean of each window's in-bounds values. int8 rounds the integer mean to
    /// nearest (ties away from zero) as TFLM does; input and output share their quantization.
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
                TensorType.FLOAT32 => new FloatOp(context, g, FusedActivation.FloatRange(activation)),
                TensorType.INT8 => new Int8Op(context, g, FusedActivation.QuantizedRange(activation, output, context)),
                _ => throw context.UnsupportedType(output),
            };
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

        private sealed class FloatOp : PreparedOp
        {
            private readonly RuntimeTensor _input;
            private readonly RuntimeTensor _output;
            private readonly ConvGeometry _g;
            private readonly float _min;
            private readonly float _max;
            private readonly float[] _sum;

            public FloatOp(PrepareContext context, ConvGeometry g, (float Min, float Max) range)
            {
                RequireWindows(context, g);
                _input = context.Input(0);
                _output = context.Output(0);
                _g = g;
                (_min, _max) = range;
                _sum = new float[g.InputDepth];
            }

            public override void Eval()
            {
                var g = _g;
                var input = _input.As<float>();
                var output = _output.As<float>();
                int depth = g.InputDepth;
                int o = 0;
                for (int b = 0; b < g.Batches; b++)
                    for (int outY = 0; outY < g.OutputHeight; outY++)
                        for (int outX = 0; outX < g.OutputWidth; outX++, o += depth)
                        {
                            PoolWindow.Clip(g, outY, outX, out int y0, out int y1, out int x0, out int x1);
                            Array.Clear(_sum, 0, depth);
                            for (int y = y0; y < y1; y++)
                                for (int x = x0; x < x1; x++)
                                {
                                    var pixel = input.Slice(((b * g.InputHeight + y) * g.InputWidth + x) * depth, depth);
                                    for (int c = 0; c < depth; c++) _sum[c] += pixel[c];
                                }
                            int count = (y1 - y0) * (x1 - x0);
                            for (int c = 0; c < depth; c++) output[o + c] = FixedPoint.Clamp(_sum[c] / count, _min, _max);
                        }
            }
        }

        private sealed class Int8Op : PreparedOp
        {
            private readonly RuntimeTensor _input;
            private readonly RuntimeTensor _output;
            private readonly ConvGeometry _g;
            private readonly int _min;
            private readonly int _max;
            private readonly int[] _sum;

            public Int8Op(PrepareContext context, ConvGeometry g, (int Min, int Max) range)
            {
                RequireWindows(context, g);
                _input = context.Input(0);
                _output = context.Output(0);
                _g = g;
                (_min, _max) = range;
                _sum = new int[g.InputDepth];
            }

            public override void Eval()
            {
                var g = _g;
                var input = _input.As<sbyte>();
                var output = _output.As<sbyte>();
                int depth = g.InputDepth;
                int o = 0;
                for (int b = 0; b < g.Batches; b++)
                    for (int outY = 0; outY < g.OutputHeight; outY++)
                        for (int outX = 0; outX < g.OutputWidth; outX++, o += depth)
                        {
                            PoolWindow.Clip(g, outY, outX, out int y0, out int y1, out int x0, out int x1);
                            Array.Clear(_sum, 0, depth);
                            for (int y = y0; y < y1; y++)
                                for (int x = x0; x < x1; x++)
                                {
                                    var pixel = input.Slice(((b * g.InputHeight + y) * g.InputWidth + x) * depth, depth);
                                    for (int c = 0; c < depth; c++) _sum[c] += pixel[c];
                                }
                            int count = (y1 - y0) * (x1 - x0);
                            for (int c = 0; c < depth; c++)
                            {
                                int acc = _sum[c];
                                // Integer division truncates toward zero, so adding half the count first rounds to nearest.
                                acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                                output[o + c] = (sbyte)FixedPoint.Clamp(acc, _min, _max);
                            }
                        }
            }
        }
    }
}
