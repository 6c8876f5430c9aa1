using System;
using McuAi.Compiler.Packing;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// DEPTHWISE_CONV_2D int8 → <c>mcuai_depthwise_s8</c> (filter as in the model, widened in scratch at run time),
    /// or, with one input channel, <c>mcuai_conv_s8</c> (then every output channel is a convolution of that channel:
    /// the filter is packed as conv rows); float → <c>mcuai_depthwise_conv2d_f32</c> (the model's [1, H, W, C·M] filter).
    /// </summary>
    [Lowers(BuiltinOperator.DEPTHWISE_CONV_2D)]
    public sealed class DepthwiseConv2DLowering : ILowering
    {
        /// <summary>MCUAI_DEPTHWISE_MAX_TAPS in mcuai_depthwise_s8.h: larger windows take the kernel's plain path.</summary>
        private const int MaxDspTaps = 25;

        /// <summary>
        /// MCUAI_DEPTHWISE_S8_SCRATCH (mcuai_depthwise_s8.h) for a layer the DSP path runs: the stream of biases,
        /// widened weights and output-stage constants (17 + 2·taps bytes per channel with the zero-point row);
        /// the kernel always takes a scratch pointer, so other layers get a token word.
        /// </summary>
        internal static int ScratchBytes(int taps, int channels, bool dspPath) => dspPath ? channels * (17 + 2 * taps) : 4;

        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is DepthwiseConv2DFloat conv && context.Input(1).Type == TensorType.FLOAT32)
            {
                var fg = conv.Geometry;
                WindowParams.Add(context.Call("mcuai_depthwise_conv2d_f32"), fg, withDilation: true)
                    .Param("in_c", fg.InputDepth)
                    .Param("out_c", fg.OutputDepth)
                    .Param("depth_multiplier", fg.OutputDepth / fg.InputDepth)
                    .Param("act_min", conv.Range.Min).Param("act_max", conv.Range.Max)
                    .Param("filter", context.Weights(context.Input(1), "filter"))
                    .Param("bias", FloatBias.Of(context))
                    .Input(context.Input(0)).Output(context.Output(0)).Add();
                return true;
            }
            // An INT4 filter (WeightBits="4") is packed two values per byte: these int8 kernels must not read it.
            if (context.Prepared is not DepthwiseConv2DInt8 dw || context.Input(1).Type != TensorType.INT8) return false;
            AddInt8(context, dw, context.Input(1).As<sbyte>(), int4: false);
            return true;
        }

        /// <summary>
        /// The int8 layer with <paramref name="filter"/>'s values: <c>mcuai_depthwise_s8</c>, or with one input channel the
        /// convolution <c>mcuai_conv_s8</c>; <paramref name="int4"/> (an INT4 filter, WeightBits="4") keeps the filter packed two
        /// values per byte in flash: <c>mcuai_depthwise_s4</c> (TFLite's packing, unpacked into scratch per call for the dense
        /// kernel) or <c>mcuai_conv_s4</c>.
        /// </summary>
        internal static void AddInt8(LoweringContext context, DepthwiseConv2DInt8 dw, ReadOnlySpan<sbyte> filter, bool int4)
        {
            var g = dw.Geometry;
            var stage = dw.OutputStage;
            int inputZp = -dw.InputOffset;
            if (g.InputDepth == 1)
            {
                var rows = Int8WeightPacking.DepthwiseAsRows(filter, g.OutputDepth, stage.Bias, inputZp);
                Int8ConvCall.FromGeometry(g, 1).Add(context, rows, stage, dw.InputOffset, context.Input(0), context.Output(0), int4 ? ConvRowsForm.Int4 : null);
                return;
            }
            var packed = Int8WeightPacking.Depthwise(filter, g.OutputDepth, stage.Bias, inputZp);
            int taps = g.FilterHeight * g.FilterWidth;
            bool dspPath = g.OutputDepth == g.InputDepth && g.OutputDepth % 4 == 0 && taps <= MaxDspTaps;
            // mcuai_depthwise_s8 takes left-shifted channels in its fast output stage (MCUAI_RESCALE_LEFT).
            var packedStage = Int8RescaleParams.Pack(context, packed, stage, leftShifts: true);
            // A layer the DSP path takes calls the entry that links no plain loop on a DSP core (nor the 3x3 loop of
            // MCUAI_RESCALE_LEFT, which only the general entry runs).
            bool dspEntry = !int4 && dspPath && (packedStage.Rescale.Mode & Int8Rescale.Left) == 0;
            var call = context.Call(int4 ? "mcuai_depthwise_s4" : "mcuai_depthwise_s8", dspEntry ? "mcuai_depthwise_s8_dsp" : null)
                .Param("batches", g.Batches).Param("in_h", g.InputHeight).Param("in_w", g.InputWidth).Param("in_c", g.InputDepth)
                .Param("out_h", g.OutputHeight).Param("out_w", g.OutputWidth).Param("out_c", g.OutputDepth).Param("depth_mult", g.OutputDepth / g.InputDepth)
                .Param("k_h", g.FilterHeight).Param("k_w", g.FilterWidth).Param("stride_h", g.StrideHeight).Param("stride_w", g.StrideWidth)
                .Param("dil_h", g.DilationHeight).Param("dil_w", g.DilationWidth).Param("pad_top", g.PadTop).Param("pad_left", g.PadLeft)
                .Param("input_zp", inputZp);
            Action<LayerBuilder, PackedInt8Weights>? packedInt4 = int4
                ? (c, w) => c.Param("weights", context.Constant("weights", ConvRowsForm.AsInt8(Int4Packing.Pack(w.Weights)), isModelData: true))
                : null;
            Int8RescaleParams.Add(call, context, packedStage, packedInt4).Input(context.Input(0)).Output(context.Output(0));
            // MCUAI_DEPTHWISE_S4_UNPACKED (mcuai_depthwise_s4.h): the unpacked filter, a word multiple, before the dense scratch.
            int unpacked = int4 ? checked((taps * g.OutputDepth + 3) / 4 * 4) : 0;
            call.Scratch(unpacked + ScratchBytes(taps, g.OutputDepth, dspPath)).Add();
        }
    }
}