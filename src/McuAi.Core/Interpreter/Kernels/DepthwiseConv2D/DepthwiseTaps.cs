namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The filter taps of one depthwise output pixel that fall inside the input (padding contributes
    /// nothing, so its taps are left out): for each, where its row of channels starts in the
    /// (channel-expanded) input and in the filter. Reused for every pixel: no allocation in Eval.
    /// </summary>
    internal sealed class DepthwiseTaps
    {
        public DepthwiseTaps(ConvGeometry g)
        {
            InputRows = new int[g.FilterHeight * g.FilterWidth];
            FilterRows = new int[g.FilterHeight * g.FilterWidth];
        }

        /// <summary>Start of each tap's channels in the input, whose pixels hold OutputDepth values.</summary>
        public int[] InputRows { get; }

        /// <summary>Start of each tap's channels in the filter.</summary>
        public int[] FilterRows { get; }

        /// <summary>Fills <see cref="InputRows"/> and <see cref="FilterRows"/> for output pixel (b, outY, outX); returns the tap count.</summary>
        public int Find(ConvGeometry g, int b, int outY, int outX)
        {
            int channels = g.OutputDepth;
            int originY = outY * g.StrideHeight - g.PadTop;
            int originX = outX * g.StrideWidth - g.PadLeft;
            int taps = 0;
            for (int ky = 0; ky < g.FilterHeight; ky++)
            {
                int y = originY + ky * g.DilationHeight;
                if (y < 0 || y >= g.InputHeight) continue;
                for (int kx = 0; kx < g.FilterWidth; kx++)
                {
                    int x = originX + kx * g.DilationWidth;
                    if (x < 0 || x >= g.InputWidth) continue;
                    InputRows[taps] = ((b * g.InputHeight + y) * g.InputWidth + x) * channels;
                    FilterRows[taps] = (ky * g.FilterWidth + kx) * channels;
                    taps++;
                }
            }
            return taps;
        }
    }
}
