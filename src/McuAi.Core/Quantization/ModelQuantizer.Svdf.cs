using System;
using System.Runtime.InteropServices;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Quantization
{
    public sealed partial class ModelQuantizer
    {
        /// <summary>Time weights use 10 of their 16 bits: six bits stay free for summing state × time products.</summary>
        private const int SvdfTimeWeightLimit = 512;

        /// <summary>
        /// SVDF with the TF converter's recipe (operator_property, prepare_quantize_helper): int8 input and
        /// output, symmetric int8 feature weights, time weights int16 within ±512 (scale max|w| / 512), the
        /// activation state int16 symmetric (max|state| / 32767, zero point 0), and the bias int32 at state
        /// scale × time-weight scale, which TFLM checks. TFLM has no int16-activation SVDF, so 16x8 mode
        /// refuses the op before this runs.
        /// </summary>
        private void QuantizeSvdf(Operator op)
        {
            int output = op.Outputs[0];
            if (op.Inputs.Length < 5 || op.Inputs[1] < 0 || op.Inputs[2] < 0 || op.Inputs[4] < 0)
                throw new McuAiException(DiagnosticCodes.QuantizerUnsupportedModel, _fileName, "an SVDF lacks its weights or its state tensor; re-export the model.");
            _params[output] = FromRange(output);
            QuantizeWeightsPerTensor(op, 1);

            int timeIndex = OwnConstant(op, 2);
            var time = _graph.Tensors[timeIndex];
            var values = FloatData(time);
            float largest = 0;
            foreach (float v in values) largest = Math.Max(largest, Math.Abs(v));
            float timeScale = largest > 0 ? largest / SvdfTimeWeightLimit : 1f;
            var quantized = new short[values.Length];
            for (int i = 0; i < values.Length; i++)
                quantized[i] = (short)QuantMath.Quantize(values[i], timeScale, 0, -SvdfTimeWeightLimit, SvdfTimeWeightLimit);
            SetConstant(time, TensorType.INT16, MemoryMarshal.AsBytes(quantized.AsSpan()).ToArray(), new[] { timeScale }, new long[1], 0);
            _report.QuantizedWeightTensors++;

            int state = op.Inputs[4];
            var range = _ranges.TryGetValue(state, out var r) ? r : throw MissingRange(state);
            var stateParams = new QuantParams(QuantMath.Symmetric(range.Min, range.Max, short.MaxValue), 0);
            SetState(state, TensorType.INT16, stateParams);

            if (op.Inputs[3] >= 0) QuantizeBias(op, 3, (double)stateParams.FileScale * timeScale, forceInt32: true);
        }
    }
}
