using McuAi.Interpreter.Kernels;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// The <c>geometry</c> field (<c>mcuai_window_geometry</c>, mcuai_widen_window.h) of the kernels that widen one
    /// output pixel's window and dot it with weight rows: a convolution's, or a FULLY_CONNECTED's as a 1x1
    /// convolution over its rows.
    /// </summary>
    internal static class WindowGeometryParams
    {
        public static ParamValue Of(ConvGeometry g) => Struct(g.Batches, g.InputHeight, g.InputWidth, g.InputDepth, g.OutputHeight, g.OutputWidth,
            g.FilterHeight, g.FilterWidth, g.StrideHeight, g.StrideWidth, g.DilationHeight, g.DilationWidth, g.PadTop, g.PadLeft);

        /// <summary><paramref name="rows"/> input rows of <paramref name="depth"/> values, one output row each.</summary>
        public static ParamValue Rows(int rows, int depth) => Struct(1, rows, 1, depth, rows, 1, 1, 1, 1, 1, 1, 1, 0, 0);

        private static ParamValue Struct(int batches, int inH, int inW, int inC, int outH, int outW, int filterH, int filterW,
            int strideH, int strideW, int dilationH, int dilationW, int padTop, int padLeft) => ParamValue.Struct(
            Field("batches", batches), Field("in_h", inH), Field("in_w", inW), Field("in_c", inC), Field("out_h", outH), Field("out_w", outW),
            Field("filter_h", filterH), Field("filter_w", filterW), Field("stride_h", strideH), Field("stride_w", strideW),
            Field("dilation_h", dilationH), Field("dilation_w", dilationW), Field("pad_top", padTop), Field("pad_left", padLeft));

        private static ParamField Field(string name, int value) => new(name, ParamValue.Of(value));
    }
}
