using System;
using McuAi.Diagnostics;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The geometry of a pooling operator (Pool2DOptions: window, strides, padding) and the clipped
    /// window of each output pixel: positions in the padding are left out, not counted as zeros.
    /// </summary>
    internal static class PoolWindow
    {
        public static ConvGeometry Geometry(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (input.Type != output.Type)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"input is {input.Type} but output is {output.Type}");
            var options = context.RequireOptions();
            var g = ConvGeometry.Create(context, input, output, options.GetInt32("filter_height"), options.GetInt32("filter_width"));
            if (g.OutputDepth != g.InputDepth)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"input has {g.InputDepth} channels but output has {g.OutputDepth}");
            return g;
        }

        /// <summary>The window rows [yStart, yEnd) and columns [xStart, xEnd) inside the input, as input coordinates.</summary>
        public static void Clip(ConvGeometry g, int outY, int outX, out int yStart, out int yEnd, out int xStart, out int xEnd)
        {
            int originY = outY * g.StrideHeight - g.PadTop;
            int originX = outX * g.StrideWidth - g.PadLeft;
            yStart = Math.Max(0, originY);
            yEnd = Math.Min(g.InputHeight, originY + g.FilterHeight);
            xStart = Math.Max(0, originX);
            xEnd = Math.Min(g.InputWidth, originX + g.FilterWidth);
        }
    }
}
