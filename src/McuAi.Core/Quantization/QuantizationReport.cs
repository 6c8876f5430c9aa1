using System.Collections.Generic;
using McuAi.Diagnostics;

namespace McuAi.Quantization
{
    /// <summary>What a quantization pass did: messages and counts for the report and the log.</summary>
    public sealed class QuantizationReport
    {
        /// <summary>Info and warning diagnostics (errors are thrown).</summary>
        public List<Diagnostic> Diagnostics { get; } = new();
        /// <summary>True when the model was already quantized and nothing was changed.</summary>
        public bool NothingToDo { get; set; }
        public int QuantizedWeightTensors { get; set; }
        public int QuantizedActivations { get; set; }
        /// <summary>Channels whose weight scale was raised so that the bias fits int32.</summary>
        public int BiasAdjustedChannels { get; set; }
        /// <summary>QUANTIZE/DEQUANTIZE (and requantize) ops added.</summary>
        public int AddedOps { get; set; }
    }
}
