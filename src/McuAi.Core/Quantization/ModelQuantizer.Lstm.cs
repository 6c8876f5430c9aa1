using System;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Quantization
{
    public sealed partial class ModelQuantizer
    {
        // Operand places of UNIDIRECTIONAL_SEQUENCE_LSTM (TFLite's lstm_shared.h).
        private const int LstmHiddenState = 18, LstmCellState = 19;
        private static readonly int[] s_lstmWeights = { 1, 2, 3, 4, 5, 6, 7, 8 };
        private static readonly int[] s_lstmVariants = { 9, 10, 11, 16, 17, 20, 21, 22, 23 };

        /// <summary>The converter's names of the five intermediate tensors of a quantized LSTM.</summary>
        private static readonly string[] s_lstmIntermediates =
        {
            "input_to_input_intermediate", "input_to_forget_intermediate", "input_to_cell_intermediate",
            "input_to_output_intermediate", "effective_hidden_scale_intermediate",
        };

        /// <summary>
        /// UNIDIRECTIONAL_SEQUENCE_LSTM with the TF converter's recipe (prepare_quantize_lstm, operator_property):
        /// the output and the hidden state share one set of activation parameters from the union of their
        /// ranges; the cell state is int16 with a power-of-two scale, 2^ceil(log2 max|cell|) / 32768; the eight
        /// gate weights are symmetric int8 per tensor; each gate bias is int32 (int64 in 16x8 mode) at input
        /// scale × that gate's input weight scale. Like the converter, the op gets its five intermediate
        /// tensors: the four gate intermediates stay float (only layer normalisation uses them) and the
        /// effective hidden scale takes the hidden state's parameters. The peephole, projection and
        /// layer-norm variants, which TFLM does not run, are refused.
        /// </summary>
        private void QuantizeLstm(Operator op)
        {
            var g = _graph;
            int Operand(int k) => k < op.Inputs.Length ? op.Inputs[k] : -1;
            if (op.Inputs.Length != 24 || s_lstmVariants.Any(k => Operand(k) >= 0) || s_lstmWeights.Any(k => Operand(k) < 0))
                throw new McuAiException(DiagnosticCodes.QuantizerUnsupportedModel, _fileName,
                    "an UNIDIRECTIONAL_SEQUENCE_LSTM uses peephole, projection, layer normalisation or a coupled input gate; TFLM runs only the standard LSTM, so the quantizer handles only that.");
            int input = op.Inputs[0], output = op.Outputs[0], hidden = op.Inputs[LstmHiddenState], cell = op.Inputs[LstmCellState];
            // A graph whose inputs were rewired may reach the LSTM with an input no calibrated op produced (fuzz seed
            // 20261205, mutant 473550: KeyNotFoundException).
            var inputParams = _params.TryGetValue(input, out var p) ? p : throw MissingRange(input);

            // Hidden state and output: one range, one set of parameters.
            var range = _ranges.TryGetValue(output, out var r) ? r : throw MissingRange(output);
            if (_ranges.TryGetValue(hidden, out var hiddenRange)) range = range.Union(hiddenRange);
            var outputParams = ParamsFor(range);
            _params[output] = outputParams;
            SetState(hidden, _activationType, outputParams);

            // Cell state: int16, power-of-two scale covering the calibrated range (and 0).
            var cellRange = _ranges.TryGetValue(cell, out var c) ? c : throw MissingRange(cell);
            double bound = Math.Max(Math.Abs(Math.Min(cellRange.Min, 0)), Math.Abs(Math.Max(cellRange.Max, 0)));
            double cellScale = bound > 0 ? Math.Pow(2, Math.Ceiling(Math.Log(bound, 2))) / 32768 : 1.0 / 32768;
            SetState(cell, TensorType.INT16, new QuantParams(cellScale, 0));

            // Weights 1-8; biases 12-15 at input scale × the input weight scale of their gate (1-4).
            var weightScales = new float[9];
            foreach (int k in s_lstmWeights) weightScales[k] = QuantizeWeightsPerTensor(op, k);
            for (int gate = 0; gate < 4; gate++)
                if (Operand(12 + gate) >= 0) QuantizeBias(op, 12 + gate, inputParams.Scale * weightScales[1 + gate]);

            if (op.Intermediates.Length == 0) op.Intermediates = AddLstmIntermediates(output, outputParams);
        }

        private McuAiException MissingRange(int tensor) =>
            new(DiagnosticCodes.QuantizerUnsupportedModel, _fileName,
                $"no calibrated range for tensor '{_graph.Tensors[tensor].Name}' (index {tensor}); the calibration run did not produce it.");

        /// <summary>A variable (state) tensor's type and parameters: set directly, not through an activation's retyping.</summary>
        private void SetState(int index, TensorType type, QuantParams p)
        {
            var tensor = _graph.Tensors[index];
            tensor.Type = type;
            tensor.Quantization = new QuantizationParameters { Scale = new[] { p.FileScale }, ZeroPoint = new long[] { p.ZeroPoint } };
        }

        private int[] AddLstmIntermediates(int output, QuantParams hidden)
        {
            var indices = new int[s_lstmIntermediates.Length];
            for (int k = 0; k < indices.Length; k++)
            {
                var tensor = new Tensor { Name = s_lstmIntermediates[k], Shape = new[] { 0 }, Type = TensorType.FLOAT32 };
                if (k == 4)
                {
                    tensor.Type = _activationType;
                    tensor.Quantization = new QuantizationParameters { Scale = new[] { hidden.FileScale }, ZeroPoint = new long[] { hidden.ZeroPoint } };
                }
                _graph.Tensors.Add(tensor);
                indices[k] = _graph.Tensors.Count - 1;
            }
            return indices;
        }
    }
}
