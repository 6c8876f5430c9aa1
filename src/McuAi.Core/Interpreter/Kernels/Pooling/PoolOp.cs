using System;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// What a pooling operator does with one window: the driver (<see cref="PoolOp{T, TReducer}"/>) walks the
    /// windows and hands the reducer each in-bounds input pixel (all channels, row by row) and then the output pixel.
    /// Implemented by structs, so the calls in the inner loop are resolved and inlined at JIT time.
    /// </summary>
    internal interface IPoolReducer<T> where T : unmanaged
    {
        /// <summary>Starts a new window.</summary>
        void Begin();

        /// <summary>Adds one in-bounds input pixel.</summary>
        void Accumulate(ReadOnlySpan<T> pixel);

        /// <summary>Writes the window's result; <paramref name="count"/> is how many pixels were accumulated.</summary>
        void Finish(Span<T> output, int count);
    }

    /// <summary>One pooling operator for one element type: the window walk shared by every pooling kernel.</summary>
    internal sealed class PoolOp<T, TReducer> : PreparedOp
        where T : unmanaged
        where TReducer : struct, IPoolReducer<T>
    {
        private readonly RuntimeTensor _input;
        private readonly RuntimeTensor _output;
        private readonly ConvGeometry _g;
        private readonly TReducer _reducer; // its accumulators are arrays, so a readonly copy shares them

        public PoolOp(PrepareContext context, ConvGeometry g, TReducer reducer)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            _g = g;
            _reducer = reducer;
        }

        public override void Eval()
        {
            var g = _g;
            ReadOnlySpan<T> input = _input.As<T>();
            Span<T> output = _output.As<T>();
            int depth = g.InputDepth;
            int o = 0;
            for (int b = 0; b < g.Batches; b++)
                for (int outY = 0; outY < g.OutputHeight; outY++)
                    for (int outX = 0; outX < g.OutputWidth; outX++, o += depth)
                    {
                        PoolWindow.Clip(g, outY, outX, out int y0, out int y1, out int x0, out int x1);
                        _reducer.Begin();
                        for (int y = y0; y < y1; y++)
                            for (int x = x0; x < x1; x++)
                                _reducer.Accumulate(input.Slice(((b * g.InputHeight + y) * g.InputWidth + x) * depth, depth));
                        _reducer.Finish(output.Slice(o, depth), (y1 - y0) * (x1 - x0));
                    }
        }
    }
}
