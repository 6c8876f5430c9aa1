using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The padding before the first row or column of a windowed op, as TFLite's ComputePaddingHeightWidth
    /// computes it: SAME pads so that out = ceil(in / stride), VALID never reads outside; the odd pixel of
    /// an uneven total goes after, so only the leading half is returned.
    /// </summary>
    public static class ConvPadding
    {
        public static int Before(Padding padding, int stride, int dilation, int inSize, int filterSize)
        {
            int effectiveFilter = (filterSize - 1) * dilation + 1;
            int outSize = padding == Padding.SAME
                ? (inSize + stride - 1) / stride
                : (inSize + stride - effectiveFilter) / stride;
            int total = (outSize - 1) * stride + effectiveFilter - inSize;
            return total > 0 ? total / 2 : 0;
        }
    }
}
