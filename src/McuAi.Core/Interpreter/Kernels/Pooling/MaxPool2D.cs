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
                TensorType.FLOAT32 => new FloatOp(context, g, FusedActivation.FloatRange(activation)),
                TensorType.INT8 => new Int8Op(context, g, FusedActivation.QuantizedRange(activation, output, context)),
                _ => throw context.UnsupportedType(output),
            };
        }

        private sealed class FloatOp : PreparedOp
        {
            private readonly RuntimeTensor _input;
            private readonly RuntimeTensor _output;
            private readonly ConvGeometry _g;
            private readonly float _min;
            private readonly float _max;

            public FloatOp(PrepareContext context, ConvGeometry g, (float Min, float Max) range)
            {
                _input = context.Input(0);
                _output = context.Output(0);
                _g = g;
                (_min, _max) = range;
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
                            for (int c = 0; c < depth; c++)
                            {
                                float max = float.MinValue;
                                for (int y = y0; y < y1; y++)
                                    for (int x = x0; x < x1; x++)
                                    {
                                        float v = input[((b * g.InputHeight + y) * g.InputWidth + x) * depth + c];
                                        if (v > max) max = v;
                                    }
                                output[o + c] = FixedPoint.Clamp(max, _min, _max);
                            }
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

            public Int8Op(PrepareContext context, ConvGeometry g, (int Min, int Max) range)
            {
                _input = context.Input(0);
                _output = context.Output(0);
                _g = g;
                (_min, _max) = range;
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
                            for (int c = 0; c < depth; c++)
                            {
                                int max = sbyte.MinValue;
                                for (int y = y0; y < y1; y++)
                                    for (int x = x0; x < x1; x++)
                                    {
                                        int v = input[((b * g.InputHeight + y) * g.InputWidth + x) * depth + c];
                                        if (v > max) max = v;
                                    }
                                output[o + c] = (sbyte)FixedPoint.Clamp(max, _min, _max);
                            }
                        }
            }
        }
    }
}
