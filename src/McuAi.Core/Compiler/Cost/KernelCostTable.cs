using System;
using System.Collections.Generic;

namespace McuAi.Compiler.Cost
{
    /// <summary>
    /// Instructions per unit of each <see cref="CostTerms"/> term, per kernel path (<see cref="InstructionCostModel.KeyOf"/>),
    /// on the Cortex-M4 (DSP path, arm-none-eabi-gcc 12.2 -O2).
    /// Measured: every operator of the models of ../shared (and INT4, pruned and Optimize="size" variants, so that the
    /// INT4 and sparse kernels are seen) compiled alone by the C backend and run once under QEMU -icount on the
    /// activations the interpreter computes for golden vector 1; the coefficients are the non-negative least-squares
    /// fit of the counts, each operator weighted by 1/its count (relative error), a weighted kernel's fixed cost per
    /// call bounded to 20,000. Kernel paths no model here takes (max pool, MUL, MEAN, lookup tables, grouped
    /// convolutions, ...) have no row: their layers show no estimate ("-") in the report.
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
            ["mcuai_avg_pool_s8"] = new[] { 0.0, 0.0, 0.0, 0.0, 21.6, 0.0, 0.0, 2.061, 0.0, 0.0, 0.0 },
            ["mcuai_binary_f32"] = new[] { 997.4, 0.0, 0.0, 0.0, 22.86, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_binary_s32"] = new[] { 1637.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_cast"] = new[] { 1240.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_concat"] = new[] { 659.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv2d_f32"] = new[] { 20000.0, 5.471, 23.18, 411.5, 52.79, 0.0, 960.9, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv2d_s16"] = new[] { 0.0, 5.03, 0.0, 926.0, 31.46, 0.0, 866.8, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s4"] = new[] { 0.0, 0.9725, 3.409, 49.14, 10.19, 0.0, 156.7, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s8:1x1"] = new[] { 0.0, 0.8379, 2.411, 141.5, 11.65, 0.0, 39.14, 0.0, 0.0, 0.0, 1.203 },
            ["mcuai_conv_s8:1x1:few"] = new[] { 238.0, 1.656, 3.128, 4.527, 40.35, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s8:kxk"] = new[] { 4100.0, 0.8419, 1.998, 250.6, 11.44, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_conv_s8:kxk:unaligned"] = new[] { 0.0, 1.283, 8.55, 102.2, 0.5263, 0.0, 207.3, 0.0, 0.0, 0.0, 3.067 },
            ["mcuai_conv_s8:narrow"] = new[] { 0.0, 1.352, 12.77, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_depthwise_conv2d_f32"] = new[] { 0.0, 15.56, 30.8, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_depthwise_s4"] = new[] { 441.5, 3.172, 5.001, 0.0, 1.133, 77.65, 101.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_depthwise_s8:3x3"] = new[] { 347.1, 3.267, 5.947, 0.0, 0.0, 0.0, 54.54, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_fully_connected_f32"] = new[] { 43.21, 6.0, 0.0, 1.789, 22.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_gather:contiguous"] = new[] { 254.5, 0.0, 0.0, 0.0, 1.425, 0.0, 0.0, 0.0, 132.3, 0.0, 0.0 },
            ["mcuai_leaky_relu_s16"] = new[] { 53.29, 0.0, 0.0, 0.0, 36.41, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_lstm_f32"] = new[] { 20000.0, 8.974, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_lstm_s8"] = new[] { 20000.0, 4.913, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_requantize"] = new[] { 44.67, 0.0, 0.0, 0.0, 32.54, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_energy"] = new[] { 2397.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_fft_auto_scale"] = new[] { 6317.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_filter_bank"] = new[] { 6805.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_filter_bank_log"] = new[] { 4021.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_filter_bank_sqrt"] = new[] { 11585.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_pcan"] = new[] { 5313.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_rfft"] = new[] { 52089.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_spectral_subtraction"] = new[] { 1745.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_signal_window"] = new[] { 6284.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_softmax_f32"] = new[] { 78.99, 0.0, 0.0, 0.0, 61.26, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_softmax_s8"] = new[] { 261.0, 0.0, 0.0, 0.0, 41.23, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_sparse_conv_s8"] = new[] { 0.0, 1.191, 3.478, 0.0, 12.98, 0.0, 152.1, 0.0, 0.0, 0.2498, 0.0 },
            ["mcuai_svdf_s8"] = new[] { 6826.0, 2.546, 0.0, 0.0, 0.0, 0.0, 11.78, 0.0, 0.0, 0.0, 0.0 },
            ["mcuai_transpose_conv_s16"] = new[] { 0.0, 6.208, 29.58, 501.9, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 },
        };
    }
}
