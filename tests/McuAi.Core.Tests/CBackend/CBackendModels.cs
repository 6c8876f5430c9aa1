using System.Collections.Generic;
using System.Linq;

namespace McuAi.Tests.CBackend
{
    /// <summary>
    /// The models of ../shared that Runtime="c" supports (every op and type path lowered), and the ones it must refuse
    /// with MCUAI6001 until their ops are added. Adding ops to the C backend moves a model from one list to the other.
    /// </summary>
    public static class CBackendModels
    {
        public static readonly IReadOnlyList<string> Supported = new[]
        {
            "hello_world_int8", "micro_speech_int8", "person_detection_int8", "mlperf_kws_int8", "mlperf_vww_int8", "mlperf_ic_int8",
            "simple_add_int8", "hello_world_float", "mlperf_ic_float", "mlperf_vww_float",
            // int16 (16x8) single-op models.
            "op_seanet_pad0", "op_seanet_pad18", "op_seanet_strided_slice0", "op_seanet_strided_slice33",
            "op_seanet_add1", "op_seanet_add16", "op_seanet_sub0", "op_seanet_sub1", "op_seanet_conv20", "op_seanet_conv21",
            "op_seanet_leaky_relu12", "op_seanet_leaky_relu22", "op_seanet_quantize0", "op_seanet_quantize1",
            "op_seanet_transpose_conv3", "op_seanet_transpose_conv4",
            // SVDF (state in the state buffer), int8 -> int16 SOFTMAX, int16/int32 QUANTIZE.
            "keyword_scrambled_8bit",
            // TFLM's Signal audio front end (the noise estimates in the state buffer), int32 binary ops, CAST.
            "audio_preprocessor_int8", "audio_preprocessor_float",
            // UNIDIRECTIONAL_SEQUENCE_LSTM (int8 with an int16 cell state, float), its hidden and cell states in the state buffer.
            "mnist_lstm_int8", "mnist_lstm_float",
        };

        /// <summary>xunit MemberData: one row per supported model.</summary>
        public static IEnumerable<object[]> SupportedRows() => Supported.Select(m => new object[] { m });
    }
}
