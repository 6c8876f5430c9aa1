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
        public static void Int8(ReadOnlySpan<sbyte> input, Span<short> patch, ConvLayout layout, int b, int outY, int outX, int channelStart, int offset)
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
                    var source = input.Slice(((b * g.InputHeight + y) * g.InputWidth + x) * g.InputDepth + channelStart, depth);
                    Widen.Int8ToInt16(source, patch.Slice(p, depth), offset);
                }
            }
        }

        /// <summary>Fills <paramref name="patch"/> with float input values over the window (0 in the padding).</summary>
        public static void Float(ReadOnlySpan<float> input, Span<float> patch, ConvLayout layout, int b, int outY, int outX, int channelStart)
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
                    input.Slice(((b * g.InputHeight + y) * g.InputWidth + x) * g.InputDepth + channelStart, depth).CopyTo(patch.Slice(p, depth));
                }
            }
        }
    }
}
