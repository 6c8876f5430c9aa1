using McuAi.Compiler.Packing;
using McuAi.Interpreter;
using McuAi.Interpreter.Kernels;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// A call of <c>mcuai_conv_s8</c>: the int8 CONV_2D kernel, which also runs FULLY_CONNECTED (a 1x1
    /// convolution over the rows) and DEPTHWISE_CONV_2D with one input channel (a convolution of that channel).
    /// The weights are rows zero-padded to a multiple of 4 (<see cref="Int8WeightPacking.Rows"/>), passed on dense or in
    /// one of the kernel's weight formats (<see cref="ConvRowsForm"/>: INT4, block-sparse).
    /// </summary>
    internal sealed class Int8ConvCall
    {
        public int Batches, InHeight, InWidth, InChannels, OutHeight, OutWidth, OutChannels;
        public int KernelHeight = 1, KernelWidth = 1, StrideHeight = 1, StrideWidth = 1, DilationHeight = 1, DilationWidth = 1, PadTop, PadLeft;

        public static Int8ConvCall FromGeometry(ConvGeometry g, int inChannels) => new()
        {
            Batches = g.Batches, InHeight = g.InputHeight, InWidth = g.InputWidth, InChannels = inChannels,
            OutHeight = g.OutputHeight, OutWidth = g.OutputWidth, OutChannels = g.OutputDepth,
            KernelHeight = g.FilterHeight, KernelWidth = g.FilterWidth, StrideHeight = g.StrideHeight, StrideWidth = g.StrideWidth,
            DilationHeight = g.DilationHeight, DilationWidth = g.DilationWidth, PadTop = g.PadTop, PadLeft = g.PadLeft,
        };

        /// <summary>FULLY_CONNECTED as a 1x1 convolution over its rows (batches).</summary>
        public static Int8ConvCall ForFullyConnected(FullyConnectedShape shape) => new()
        {
            Batches = 1, InHeight = shape.Batches, InWidth = 1, InChannels = shape.Depth,
            OutHeight = shape.Batches, OutWidth = 1, OutChannels = shape.Outputs,
        };

        /// <summary>
        /// Scratch bytes of the call (MCUAI_CONV_S8_SCRATCH in mcuai_conv_s8.h). Depth up to 12: per channel a stream
        /// of 8 or 10 words and a 12-byte window. Otherwise the output-stage constants (4 words per channel), then with
        /// 4 pixels or more the windows of 4 pixels widened to halfwords and, for input depths not a multiple of 4, a
        /// window row of bytes (rows of whole words) or the whole window; with fewer pixels a window of bytes unless
        /// the window is the input pixel (1x1, no padding).
        /// </summary>
        public static int ScratchBytes(int depth, int inChannels, int outChannels, int kernelWidth, int pixels, bool inPlace) => depth <= 12
            ? (depth <= 8 ? 32 : 40) * outChannels + 12
            : pixels < 4 ? 16 * outChannels + (inPlace ? 0 : depth)
            : 16 * outChannels + 8 * depth + (inChannels % 4 == 0 ? 0 : kernelWidth * inChannels % 4 == 0 ? kernelWidth * inChannels : depth);

        private bool WindowIsInputPixel => KernelHeight == 1 && KernelWidth == 1 && PadTop == 0 && PadLeft == 0;

        /// <summary>Adds the call, the rows in <paramref name="form"/> (null: dense int8, <c>mcuai_conv_s8</c>).</summary>
        public void Add(LoweringContext context, PackedInt8Weights packed, Int8OutputStage stage, int inputOffset, RuntimeTensor input, RuntimeTensor output,
            ConvRowsForm? form = null)
        {
            form ??= ConvRowsForm.Dense;
            string f = form.Prefix;
            int depth = form.Depth(packed.RowLength);
            var packedStage = Int8RescaleParams.Pack(context, packed, stage);
            var call = context.Call(form.Kernel, form.Function(packedStage.Rescale), form.ParamsType)
                .Param(f + "batches", Batches).Param(f + "in_h", InHeight).Param(f + "in_w", InWidth).Param(f + "in_c", InChannels)
                .Param(f + "out_h", OutHeight).Param(f + "out_w", OutWidth).Param(f + "out_c", OutChannels)
                .Param(f + "k_h", KernelHeight).Param(f + "k_w", KernelWidth).Param(f + "stride_h", StrideHeight).Param(f + "stride_w", StrideWidth)
                .Param(f + "dil_h", DilationHeight).Param(f + "dil_w", DilationWidth).Param(f + "pad_top", PadTop).Param(f + "pad_left", PadLeft)
                .Param(f + "depth", depth).Param(f + "input_zp", -inputOffset);
            Int8RescaleParams.Add(call, context, packedStage, (c, rows) => form.AddWeights(c, context, rows), f)
                .Input(input).Output(output).Scratch(ScratchBytes(depth, InChannels, OutChannels, KernelWidth, OutHeight * OutWidth, WindowIsInputPixel)).Add();
        }
    }
}
