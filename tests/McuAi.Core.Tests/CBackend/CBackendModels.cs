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
            // int16 single-op models whose ops only move elements (the type-generic gather kernel).
            "op_seanet_pad0", "op_seanet_pad18", "op_seanet_strided_slice0", "op_seanet_strided_slice33",
        };

        /// <summary>xunit MemberData: one row per supported model.</summary>
        public static IEnumerable<object[]> SupportedRows() => Supported.Select(m => new object[] { m });
    }
}
