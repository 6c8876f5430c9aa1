using System;
using System.Collections.Generic;

namespace McuAi.Compiler.Cost
{
    /// <summary>
    /// Instructions per unit of each <see cref="CostTerms"/> term, per kernel path (<see cref="InstructionCostModel.KeyOf"/>),
    /// on the Cortex-M4 (DSP path, arm-none-eabi-gcc 12.2 -O2).
    /// Measured: every operator of the golden models of ../shared (and pruned, INT4 and Optimize="size" variants, so
    /// that every kernel path is seen) compiled alone by the C backend and run once under QEMU -icount; the coefficients
    /// are the non-negative least-squares fit of the counts, relative error weighted.
    /// Re-measure after changing a kernel: <c>dotnet run -c Release --project tests/McuAi.Runtime.C.Bench -- costs</c>
    /// prints this table (paste it here) and each model's estimate error.
    /// </summary>
    public static class KernelCostTable
    {
        public static readonly IReadOnlyDictionary<string, double[]> Coefficients = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            //                                        Call, Macs, Window, Pixels, Outputs, ExactOutputs, Channels, Inputs, Rows, Blocks, RemainderMacs
            ["mcuai_add_s16"] = new[] { 0.0, 0.0, 0.0, 0.0, 105.7, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_add_s8"] = new[] { 60927.0, 0.0, 0.0, 0.0, 13.99, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_avg_pool_f32"] = new[] { 0.0, 0.0, 0.0, 0.0, 34.56, 0.0, 0.0, 7.156, 0.0, 0.0, 0.0 },
            ["mcuai_avg_pool_s8"] = new[] { 0.0, 0.0, 0.0, 0.0, 21.48, 0.0, 0.0, 2.061, 0.0, 0.0, 0.0 },
            ["mcuai_binary_f32"] = new[] { 997.4, 0.0, 0.0, 0.0, 22.86, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_binary_s32"] = new[] { 1637.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_cast"] = new[] { 1240.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_concat"] = new[] { 659.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv2d_f32"] = new[] { 20000.0, 5.471, 23.18, 411.5, 52.79, 0.0, 960.9, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv2d_s16"] = new[] { 0.0, 5.029, 0.0, 926.2, 31.47, 0.0, 867.2, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s4"] = new[] { 0.0, 2.526, 2.685, 224.8, 62.55, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s8:1x1"] = new[] { 0.0, 0.8378, 2.408, 140.4, 11.64, 0.0, 39.79, 0.0, 0.0, 0.0, 1.784 },
            ["mcuai_conv_s8:1x1:few"] = new[] { 106.4, 2.5, 0.0, 33.62, 67.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s8:kxk"] = new[] { 4092.0, 0.8419, 1.998, 249.1, 11.44, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s8:kxk:unaligned"] = new[] { 0.0, 1.286, 8.537, 101.2, 0.4312, 0.0, 220.5, 0.0, 0.0, 0.0, 3.23 },
            ["mcuai_conv_s8:narrow"] = new[] { 1395.0, 1.347, 12.75, 0.0, 0.0, 0.0, 1.157, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_depthwise_conv2d_f32"] = new[] { 0.0, 15.56, 30.8, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_depthwise_s4"] = new[] { 0.0, 11.35, 94.49, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_depthwise_s8:3x3"] = new[] { 347.1, 3.267, 5.947, 0.0, 0.0, 0.0, 54.54, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_fully_connected_f32"] = new[] { 43.21, 6.0, 0.0, 1.789, 22.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_gather:contiguous"] = new[] { 254.5, 0.0, 0.0, 0.0, 1.425, 0.0, 0.0, 0.0, 132.3, 0.0, 0.0 },
            ["mcuai_leaky_relu_s16"] = new[] { 0.0, 0.0, 0.0, 0.0, 36.53, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_lstm_f32"] = new[] { 20000.0, 7.316, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_lstm_s8"] = new[] { 20000.0, 4.913, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_requantize"] = new[] { 44.65, 0.0, 0.0, 0.0, 32.56, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_energy"] = new[] { 2397.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_fft_auto_scale"] = new[] { 6311.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_filter_bank"] = new[] { 6805.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_filter_bank_log"] = new[] { 6677.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_filter_bank_sqrt"] = new[] { 26627.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_pcan"] = new[] { 6803.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_rfft"] = new[] { 52089.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_spectral_subtraction"] = new[] { 1745.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_window"] = new[] { 6284.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_softmax_f32"] = new[] { 54.0, 0.0, 0.0, 0.0, 48.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_softmax_s8"] = new[] { 266.0, 0.0, 0.0, 0.0, 41.66, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_sparse_conv_s8"] = new[] { 0.0, 3.916, 2.148, 370.7, 67.28, 0.0, 0.0, 0.0, 0.0, 2.521, 0.0 },
            ["mcuai_svdf_s8"] = new[] { 5657.0, 2.529, 0.0, 0.0, 0.0, 0.0, 80.85, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_transpose_conv_s16"] = new[] { 0.0, 6.209, 29.57, 501.7, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
        };
    }
}
