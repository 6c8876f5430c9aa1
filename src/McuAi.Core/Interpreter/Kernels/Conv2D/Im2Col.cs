using System;
using McuAi.Interpreter.Simd;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// Gathers the input window of one output pixel into a contiguous patch in the filter's
    /// (row, column, channel) order, so that each output channel is one dot product. Positions in the
    /// padding hold <c>pad</c>: 0 for float, and 0 for int8 data already shifted by its offset,
    /// which is exactly TFLM's skipping of those positions.
    /// </summary>
    internal static class Im2Col
    {
        /// <summary>Fills <paramref name="patch"/> with input[b, y, x, channelStart..+depth] + offset over the window.</summary>
        public static void Int8(ReadOnlySpan<sbyte> input, Span<short> patch, ConvLayout layout, int b, int outY, int outX, int channelStart, int offset) =>
            Gather(input, patch, layout, b, outY, outX, channelStart, new WidenWithOffset(offset));

        /// <summary>Fills <paramref name="patch"/> with float input values over the window (0 in the padding).</summary>
        public static void Float(ReadOnlySpan<float> input, Span<float> patch, ConvLayout layout, int b, int outY, int outX, int channelStart) =>
            Gather(input, patch, layout, b, outY, outX, channelStart, default(Copy));

        /// <summary>How one in-bounds input pixel's channels become patch values (a struct, so the call inlines).</summary>
        private interface IPixelCopy<TIn, TOut>
        {
            void Run(ReadOnlySpan<TIn> source, Span<TOut> target);
        }

        private readonly struct WidenWithOffset : IPixelCopy<sbyte, short>
        {
            private readonly int _offset;
            public WidenWithOffset(int offset) => _offset = offset;
            public void Run(ReadOnlySpan<sbyte> source, Span<short> target) => Widen.Int8ToInt16(source, target, _offset);
        }

        private readonly struct Copy : IPixelCopy<float, float>
        {
            public void Run(ReadOnlySpan<float> source, Span<float> target) => source.CopyTo(target);
        }

        private static void Gather<TIn, TOut, TCopy>(ReadOnlySpan<TIn> input, Span<TOut> patch, ConvLayout layout, int b, int outY, int outX, int channelStart, TCopy copy)
            where TCopy : struct, IPixelCopy<TIn, TOut>
        {
            var g = layout.Geometry;
            int depth = layout.FilterDepth;
            int originY = outY * g.StrideHeight - g.PadTop;
            int originX = outX * g.StrideWidth - g.PadLeft;
            int p = 0;
            for (int ky = 0; ky < g.FilterHeight; ky++)
            {
                int y = originY + ky * g.DilationHeight;
                if (y < 0 || y >= g.InputHeight)
                {
                    patch.Slice(p, g.FilterWidth * depth).Clear();
                    p += g.FilterWidth * depth;
                    continue;
                }
                for (int kx = 0; kx < g.FilterWidth; kx++, p += depth)
                {
                    int x = originX + kx * g.DilationWidth;
                    if (x < 0 || x >= g.InputWidth)
                    {
                        patch.Slice(p, depth).Clear();
                        continue;
                    }
                    copy.Run(input.Slice(((b * g.InputHeight + y) * g.InputWidth + x) * g.InputDepth + channelStart, depth), patch.Slice(p, depth));
                }
            }
        }
    }
}
