namespace McuAi.Memory
{
    /// <summary>
    /// Scratch-buffer sizes that TFLM's CMSIS-NN kernels (tensorflow/lite/micro/kernels/cmsis_nn/*.cc)
    /// request through the CMSIS-NN <c>*_get_buffer_size</c> functions, for a Cortex-M with the DSP
    /// extension and without MVE (Cortex-M4/M7/M33): the "_dsp" variants of those functions.
    /// </summary>
    internal static class CmsisNnBufferSizes
    {
        /// <summary>arm_convolve_wrapper_s8_get_buffer_size: the 1x1 fast path (no padding, unit
        /// stride and dilation) needs nothing; the 1xN and general im2col paths need two columns of
        /// int16 with the column length rounded up to a multiple of 4.</summary>
        public static long ConvolveS8(int inputChannels, int filterH, int filterW, int strideH, int strideW,
            int padH, int padW, int dilationH, int dilationW)
        {
            bool oneByOneFast = padW == 0 && padH == 0 && strideW == 1 && strideH == 1 && filterW == 1 && filterH == 1
                                && dilationW == 1 && dilationH == 1;
            if (oneByOneFast) return 0;
            long columns = (long)filterW * filterH * inputChannels;
            long aligned = (columns + 3) / 4 * 4;
            return 2 * aligned * sizeof(short);
        }

        /// <summary>arm_convolve_wrapper_s16_get_buffer_size (DSP): two int16 im2col columns.</summary>
        public static long ConvolveS16(int inputChannels, int filterH, int filterW) =>
            2L * inputChannels * filterW * filterH * sizeof(short);

        /// <summary>arm_depthwise_conv_wrapper_s8_get_buffer_size: with one output channel per input
        /// channel, batch 1 and no dilation, a 3x3 filter with padding of at most 1 goes to
        /// arm_depthwise_conv_3x3_s8 (no buffer); other filters to arm_depthwise_conv_s8_opt, which
        /// keeps one int16 im2col column. The generic kernel needs no buffer.</summary>
        public static long DepthwiseS8(int inputChannels, int outputChannels, int batches, int filterH, int filterW,
            int padH, int padW, int dilationH, int dilationW)
        {
            if (inputChannels != outputChannels || batches != 1 || dilationH != 1 || dilationW != 1) return 0;
            if (filterH == 3 && filterW == 3 && padH <= 1 && padW <= 1) return 0;
            return (long)inputChannels * filterW * filterH * sizeof(short);
        }

        /// <summary>arm_depthwise_conv_wrapper_s4_get_buffer_size (DSP): like the s8 wrapper, one int16 im2col column
        /// for the optimized kernel (one output channel per input channel, batch 1, no dilation), but without the s8
        /// wrapper's buffer-free 3x3 path.</summary>
        public static long DepthwiseS4(int inputChannels, int outputChannels, int batches, int filterH, int filterW, int dilationH, int dilationW)
        {
            if (inputChannels != outputChannels || batches != 1 || dilationH != 1 || dilationW != 1) return 0;
            return (long)inputChannels * filterW * filterH * sizeof(short);
        }

        /// <summary>arm_avgpool_s8_get_buffer_size / s16 (DSP): one int32 accumulator per channel.</summary>
        public static long AveragePool(int channels) => (long)channels * sizeof(int);
    }
}
