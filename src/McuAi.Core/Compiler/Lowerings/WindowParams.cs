using McuAi.Interpreter.Kernels;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>The geometry fields shared by the convolution and pooling kernels' params (names as in their headers).</summary>
    internal static class WindowParams
    {
        public static LayerBuilder Add(LayerBuilder call, ConvGeometry g, bool withDilation)
        {
            call.Param("batches", g.Batches)
                .Param("in_h", g.InputHeight).Param("in_w", g.InputWidth)
                .Param("out_h", g.OutputHeight).Param("out_w", g.OutputWidth)
                .Param("filter_h", g.FilterHeight).Param("filter_w", g.FilterWidth)
                .Param("stride_h", g.StrideHeight).Param("stride_w", g.StrideWidth)
                .Param("pad_top", g.PadTop).Param("pad_left", g.PadLeft);
            if (withDilation) call.Param("dilation_h", g.DilationHeight).Param("dilation_w", g.DilationWidth);
            return call;
        }
    }
}
