using System;
using System.Collections.Generic;

namespace McuAi.Compiler.Cost
{
    /// <summary>
    /// Instructions per unit of each <see cref="CostTerms"/> term, per kernel path (<see cref="InstructionCostModel.KeyOf"/>),
    /// on the Cortex-M4 (DSP path, arm-none-eabi-gcc 12.2 -O2).
    /// Measured: every operator of the models of ../shared (and INT4, pruned and Optimize="size" variants, so that the
    /// INT4 and sparse kernels are seen) compiled alone by the C backend and run once under QEMU -icount on the
    /// activations the interpreter computes for golden vector 1, and the single-operator models of the bench's
    /// CostCases for the kernel paths no model here takes (max pool, MUL, MEAN, lookup tables, float to int8 QUANTIZE,
    /// grouped convolutions, FULLY_CONNECTED with a weight zero point, strided box copies, the depthwise DSP path for
    /// other windows than 3x3 and its plain loop); the coefficients are the non-negative least-squares fit of the counts,
    /// each operator weighted by 1/its count (relative error), a weighted kernel's fixed cost per call bounded to 20,000.
    /// A kernel path without a row (the INT4 grouped convolution, which the backend does not compile, has none to need)
    /// shows no estimate ("-") in the report.
    /// Re-measure after changing a kernel: <c>dotnet run -c Release --project tests/McuAi.Runtime.C.Bench -- costs</c>
    /// prints this table (paste it here) and each model's estimate error.
    /// </summary>
    public static class KernelCostTable
    {
        public static readonly IReadOnlyDictionary<string, double[]> Coefficients = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            //                                        Call, Macs, Window, Pixels, Outputs, ExactOutputs, Channels, Inputs, Rows, Blocks, RemainderMacs, Broadcast
            ["mcuai_add_s16"] = new[] { 0.0, 0.0, 0.0, 0.0, 98.43, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 17.31 },
            ["mcuai_add_s8"] = new[] { 60927.0, 0.0, 0.0, 0.0, 13.99, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_avg_pool_f32"] = new[] { 0.0, 0.0, 7.156, 0.0, 34.56, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_avg_pool_s8"] = new[] { 0.0, 0.0, 2.061, 0.0, 21.6, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_binary_f32"] = new[] { 23.02, 0.0, 0.0, 0.0, 23.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 24.22 },
            ["mcuai_binary_s32"] = new[] { 1637.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_cast"] = new[] { 1240.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_concat"] = new[] { 659.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv2d_f32"] = new[] { 20000.0, 5.471, 23.18, 411.5, 52.79, 0.0, 960.9, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv2d_s16"] = new[] { 0.0, 5.03, 0.0, 926.0, 31.46, 0.0, 866.8, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv2d_s8"] = new[] { 0.0, 7.51, 0.0, 1379.0, 47.18, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s4"] = new[] { 0.0, 0.973, 3.396, 49.1, 10.2, 0.0, 153.5, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s8:1x1"] = new[] { 0.0, 0.839, 2.338, 141.0, 11.7, 0.0, 35.03, 0.0, 0.0, 0.0, 1.186, 0.0 },
            ["mcuai_conv_s8:1x1:few"] = new[] { 234.9, 1.651, 3.147, 4.503, 38.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s8:kxk"] = new[] { 4100.0, 0.8419, 1.998, 250.6, 11.44, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s8:kxk:few"] = new[] { 2067.0, 1.31, 10.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s8:kxk:unaligned"] = new[] { 0.0, 1.283, 8.553, 102.1, 0.5364, 0.0, 205.2, 0.0, 0.0, 0.0, 3.042, 0.0 },
            ["mcuai_conv_s8:kxk:unaligned:few"] = new[] { 953.8, 2.186, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s8:narrow"] = new[] { 0.0, 1.352, 12.77, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_depthwise_conv2d_f32"] = new[] { 0.0, 15.56, 30.8, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_depthwise_s4"] = new[] { 448.1, 3.142, 5.247, 0.0, 1.081, 76.44, 105.3, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_depthwise_s8:3x3"] = new[] { 347.0, 3.238, 5.955, 0.0, 0.0, 0.0, 58.06, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_depthwise_s8:dsp"] = new[] { 0.0, 4.434, 0.0, 909.2, 9.972, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_depthwise_s8:plain"] = new[] { 9845.0, 41.87, 0.0, 0.0, 0.0, 0.0, 434.8, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_fully_connected_f32"] = new[] { 43.21, 6.0, 0.0, 1.789, 22.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_fully_connected_s8"] = new[] { 1705.0, 3.096, 3.533, 12.5, 0.05777, 0.0, 0.1232, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_gather:contiguous"] = new[] { 254.5, 0.0, 0.0, 0.0, 1.425, 0.0, 0.0, 0.0, 132.3, 0.0, 0.0, 0.0 },
            ["mcuai_gather:strided"] = new[] { 347.8, 0.0, 0.0, 0.0, 25.96, 0.0, 0.0, 0.0, 120.1, 0.0, 0.0, 0.0 },
            ["mcuai_leaky_relu_s16"] = new[] { 53.29, 0.0, 0.0, 0.0, 36.41, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_lstm_f32"] = new[] { 20000.0, 8.974, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_lstm_s8"] = new[] { 20000.0, 4.913, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_lut8"] = new[] { 15.0, 0.0, 0.0, 0.0, 10.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_lut8_f32"] = new[] { 18.0, 0.0, 0.0, 0.0, 6.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_max_pool_f32"] = new[] { 0.0, 0.0, 7.809, 0.0, 38.79, 0.0, 0.0, 1.12, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_max_pool_s8"] = new[] { 0.0, 0.0, 7.094, 0.0, 36.04, 0.0, 0.0, 1.042, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_mean_s8"] = new[] { 0.0, 0.0, 0.0, 0.0, 38.8, 0.0, 0.0, 16.41, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_mul_s8"] = new[] { 24.19, 0.0, 0.0, 0.0, 48.14, 0.0, 0.0, 0.3296, 0.0, 0.0, 0.0, 15.67 },
            ["mcuai_quantize_f32_s8"] = new[] { 17.28, 0.0, 0.0, 0.0, 37.42, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_requantize"] = new[] { 44.67, 0.0, 0.0, 0.0, 32.54, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_energy"] = new[] { 2397.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_fft_auto_scale"] = new[] { 6317.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_filter_bank"] = new[] { 6805.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_filter_bank_log"] = new[] { 4021.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_filter_bank_sqrt"] = new[] { 11585.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_pcan"] = new[] { 5313.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_rfft"] = new[] { 52089.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_spectral_subtraction"] = new[] { 1745.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_window"] = new[] { 6284.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_softmax_f32"] = new[] { 78.99, 0.0, 0.0, 0.0, 61.26, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_softmax_s8"] = new[] { 261.0, 0.0, 0.0, 0.0, 41.23, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_sparse_conv_s8"] = new[] { 0.0, 1.178, 2.307, 14.63, 12.88, 0.0, 96.07, 0.0, 0.0, 0.3275, 0.0, 0.0 },
            ["mcuai_svdf_s8"] = new[] { 6826.0, 2.546, 0.0, 0.0, 0.0, 0.0, 11.78, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_transpose_conv_s16"] = new[] { 0.0, 6.208, 29.58, 501.9, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
        };
    }
}
