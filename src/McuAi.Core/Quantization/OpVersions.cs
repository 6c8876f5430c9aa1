using McuAi.TfLite;

namespace McuAi.Quantization
{
    /// <summary>
    /// The operator version a quantized op needs, following TFLite's op versioning rules for the types
    /// the quantizer produces (int8 full-integer, 16x8, hybrid weights). The model's own version is a
    /// lower bound: it may already require a newer version for another feature (e.g. keep_num_dims).
    /// </summary>
    internal static class OpVersions
    {
        public static int For(BuiltinOperator op, TensorType activation, bool hybrid, bool perChannel, int current)
        {
            bool int16 = activation == TensorType.INT16;
            int needed = op switch
            {
                BuiltinOperator.CONV_2D => hybrid ? (perChannel ? 5 : 2) : int16 ? 4 : 3,
                BuiltinOperator.DEPTHWISE_CONV_2D => hybrid ? (perChannel ? 6 : 4) : int16 ? 5 : 3,
                BuiltinOperator.FULLY_CONNECTED => hybrid ? (perChannel ? 12 : 3) : int16 ? 7 : 4,
                BuiltinOperator.TRANSPOSE_CONV => 2,
                BuiltinOperator.ADD => int16 ? 3 : 2,
                BuiltinOperator.SUB => int16 ? 5 : 2,
                BuiltinOperator.MUL => int16 ? 4 : 2,
                BuiltinOperator.LEAKY_RELU => int16 ? 2 : 1,
                BuiltinOperator.QUANTIZE => int16 ? 2 : 1,
                BuiltinOperator.DEQUANTIZE => int16 ? 3 : 2,
                BuiltinOperator.RESHAPE or BuiltinOperator.SQUEEZE or BuiltinOperator.EXPAND_DIMS => 1,
                BuiltinOperator.HARD_SWISH or BuiltinOperator.PRELU or BuiltinOperator.SQUARED_DIFFERENCE => 1,
                BuiltinOperator.MAXIMUM or BuiltinOperator.MINIMUM => int16 ? 4 : 2,
                BuiltinOperator.RESIZE_NEAREST_NEIGHBOR or BuiltinOperator.RESIZE_BILINEAR => int16 ? 4 : 2,
                BuiltinOperator.GATHER => 2,
                BuiltinOperator.TILE => 3,
                BuiltinOperator.TRANSPOSE => int16 ? 5 : 2,
                BuiltinOperator.UNPACK => int16 ? 4 : 2,
                BuiltinOperator.PACK => int16 ? 3 : 2,
                BuiltinOperator.SPLIT or BuiltinOperator.SPLIT_V => int16 ? 4 : 2,
                BuiltinOperator.SUM => 2,
                // The converter leaves an integer LSTM at version 1 (mnist_lstm_int8 shows it); SVDF int8 is 3.
                BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM => 1,
                BuiltinOperator.SVDF => 3,
                // Pools, activations, softmax, mean, pad, concat, slices: 2 for int8, 3 for int16.
                _ => int16 ? 3 : 2,
            };
            return current > needed ? current : needed;
        }
    }
}
