using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The spatial layout of a 2-D window op (CONV_2D, DEPTHWISE_CONV_2D, pooling) on NHWC tensors:
    /// strides, dilations, and the top/left padding TFLite derives from the padding mode (its
    /// ComputePaddingHeightWidth). Checked against the output tensor's static shape once.
    /// </summary>
    public sealed class ConvGeometry
    {
        public int Batches { get; private set; }
        public int InputHeight { get; private set; }
        public int InputWidth { get; private set; }
        public int InputDepth { get; private set; }
        public int FilterHeight { get; private set; }
        public int FilterWidth { get; private set; }
        public int OutputHeight { get; private set; }
        public int OutputWidth { get; private set; }
        public int OutputDepth { get; private set; }
        public int StrideHeight { get; private set; }
        public int StrideWidth { get; private set; }
        public int DilationHeight { get; private set; } = 1;
        public int DilationWidth { get; private set; } = 1;
        /// <summary>Rows of padding above the input (the rest of the total padding goes below).</summary>
        public int PadTop { get; private set; }
        /// <summary>Columns of padding left of the input.</summary>
        public int PadLeft { get; private set; }

        /// <summary>
        /// Geometry from the options table (<c>stride_h</c>, <c>stride_w</c>, <c>padding</c>, and
        /// <c>dilation_*_factor</c> where the table has them) for a window of the given size.
        /// </summary>
        public static ConvGeometry Create(PrepareContext context, RuntimeTensor input, RuntimeTensor output, int filterHeight, int filterWidth)
        {
            var options = context.RequireOptions();
            if (input.Rank != 4 || output.Rank != 4)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"input and output must be 4-D (NHWC), not {input.Rank}-D and {output.Rank}-D");
            bool hasDilation = options.Schema!.TryGetField("dilation_h_factor", out _);
            var g = new ConvGeometry
            {
                Batches = input.Shape[0],
                InputHeight = input.Shape[1],
                InputWidth = input.Shape[2],
                InputDepth = input.Shape[3],
                FilterHeight = filterHeight,
                FilterWidth = filterWidth,
                OutputHeight = output.Shape[1],
                OutputWidth = output.Shape[2],
                OutputDepth = output.Shape[3],
                StrideHeight = options.GetInt32("stride_h"),
                StrideWidth = options.GetInt32("stride_w"),
                DilationHeight = hasDilation ? options.GetInt32("dilation_h_factor") : 1,
                DilationWidth = hasDilation ? options.GetInt32("dilation_w_factor") : 1,
            };
            if (g.StrideHeight <= 0 || g.StrideWidth <= 0 || g.DilationHeight <= 0 || g.DilationWidth <= 0 || filterHeight <= 0 || filterWidth <= 0)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"strides ({g.StrideHeight}, {g.StrideWidth}), dilations ({g.DilationHeight}, {g.DilationWidth}) and window ({filterHeight}, {filterWidth}) must be positive");
            var padding = options.Padding;
            int expectedHeight = OutSize(padding, g.InputHeight, filterHeight, g.StrideHeight, g.DilationHeight);
            int expectedWidth = OutSize(padding, g.InputWidth, filterWidth, g.StrideWidth, g.DilationWidth);
            if (output.Shape[0] != g.Batches || expectedHeight != g.OutputHeight || expectedWidth != g.OutputWidth)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"output '{output.Name}' is [{string.Join(",", output.Shape)}] but {padding} padding gives [{g.Batches},{expectedHeight},{expectedWidth},…]");
            g.PadTop = Pad(g.StrideHeight, g.DilationHeight, g.InputHeight, filterHeight, g.OutputHeight);
            g.PadLeft = Pad(g.StrideWidth, g.DilationWidth, g.InputWidth, filterWidth, g.OutputWidth);
            return g;
        }

        /// <summary>TFLite's ComputeOutSize.</summary>
        public static int OutSize(Padding padding, int imageSize, int filterSize, int stride, int dilation)
        {
            int effectiveFilter = (filterSize - 1) * dilation + 1;
            return padding == Padding.SAME
                ? (imageSize + stride - 1) / stride
                : (imageSize + stride - effectiveFilter) / stride;
        }

        /// <summary>TFLite's ComputePadding: half the total padding, rounded down (the extra row goes below).</summary>
        public static int Pad(int stride, int dilation, int inSize, int filterSize, int outSize)
        {
            int effectiveFilter = (filterSize - 1) * dilation + 1;
            int padding = ((outSize - 1) * stride + effectiveFilter - inSize) / 2;
            return padding > 0 ? padding : 0;
        }
    }
}
