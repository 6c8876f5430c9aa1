using System;
using System.Runtime.InteropServices;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Quantization
{
    public sealed partial class ModelQuantizer
    {
        /// <summary>
        /// The parameters of a weighted op's data input, which the bias scale derives from. An input no operator
        /// produces and the model does not take has no calibrated range: a coded error, not a missing key.
        /// </summary>
        private QuantParams DataInputParams(Operator op, BuiltinOperator code)
        {
            int k = code == BuiltinOperator.TRANSPOSE_CONV ? 2 : 0;
            int input = k < op.Inputs.Length ? op.Inputs[k] : -1;
            if (input >= 0 && _params.TryGetValue(input, out var p)) return p;
            throw new McuAiException(DiagnosticCodes.QuantizerUnsupportedModel, _fileName,
                $"operator {_graph.Operators.IndexOf(op)} ({code}) reads input {input}, which has no calibrated range: no operator produces it and the model does not take it as an input. Export the model again.");
        }

        private void QuantizeWeightsAndBias(Operator op, BuiltinOperator code, OpQuantRule rule)
        {
            int weightIndex = op.Inputs.Length > rule.WeightInput ? op.Inputs[rule.WeightInput] : -1;
            if (weightIndex < 0) return;
            if (!_model.IsConstant(_graph.Tensors[weightIndex]))
            {
                QuantizeBiasOfActivationWeights(op, code, rule, weightIndex);
                return;
            }
            weightIndex = OwnConstant(op, rule.WeightInput);
            var weight = _graph.Tensors[weightIndex];
            int axis = AxisFor(code, rule);
            var (values, scales) = WeightsAndInitialScales(weight, axis);

            var inputParams = DataInputParams(op, code);
            int biasIndex = op.Inputs.Length > rule.BiasInput && rule.BiasInput >= 0 ? op.Inputs[rule.BiasInput] : -1;
            float[]? bias = null;
            if (biasIndex >= 0 && _graph.Tensors[biasIndex].Type == TensorType.FLOAT32 && _model.IsConstant(_graph.Tensors[biasIndex]))
            {
                biasIndex = OwnConstant(op, rule.BiasInput);
                bias = FloatData(_graph.Tensors[biasIndex]);
                // 16x8 biases are int64: they always fit, so only int8 needs the adjustment.
                if (_activationType == TensorType.INT8)
                    _report.BiasAdjustedChannels += WeightQuantizer.AdjustScalesForBias(scales, bias, inputParams.Scale);
            }

            SetConstant(weight, TensorType.INT8, MemoryMarshal.AsBytes(WeightQuantizer.QuantizeInt8(values, weight.Shape, axis, scales).AsSpan()).ToArray(),
                scales, new long[scales.Length], scales.Length > 1 ? axis : 0);
            _report.QuantizedWeightTensors++;

            if (bias is not null)
            {
                var biasTensor = _graph.Tensors[biasIndex];
                var biasScales = new float[scales.Length];
                for (int c = 0; c < scales.Length; c++) biasScales[c] = (float)(inputParams.Scale * scales[c]);
                byte[] data = _activationType == TensorType.INT16
                    ? MemoryMarshal.AsBytes(WeightQuantizer.QuantizeBiasInt64(bias, biasScales).AsSpan()).ToArray()
                    : MemoryMarshal.AsBytes(WeightQuantizer.QuantizeBiasInt32(bias, biasScales).AsSpan()).ToArray();
                SetConstant(biasTensor, _activationType == TensorType.INT16 ? TensorType.INT64 : TensorType.INT32, data,
                    biasScales, new long[biasScales.Length], 0);
            }
        }

        /// <summary>Symmetric int8 weights with one scale, max|w| / 127, at input <paramref name="slot"/>; returns the scale.</summary>
        private float QuantizeWeightsPerTensor(Operator op, int slot)
        {
            int index = OwnConstant(op, slot);
            var weight = _graph.Tensors[index];
            var (values, scales) = WeightsAndInitialScales(weight, axis: -1);
            SetConstant(weight, TensorType.INT8, MemoryMarshal.AsBytes(WeightQuantizer.QuantizeInt8(values, weight.Shape, -1, scales).AsSpan()).ToArray(),
                scales, new long[1], 0);
            _report.QuantizedWeightTensors++;
            return scales[0];
        }

        /// <summary>A float bias at input <paramref name="slot"/> as int32 (int64 for 16x8 activations unless <paramref name="forceInt32"/>) at <paramref name="scale"/>.</summary>
        private void QuantizeBias(Operator op, int slot, double scale, bool forceInt32 = false)
        {
            var tensor = _graph.Tensors[op.Inputs[slot]];
            if (tensor.Type != TensorType.FLOAT32 || !_model.IsConstant(tensor)) return;
            var biasTensor = _graph.Tensors[OwnConstant(op, slot)];
            var bias = FloatData(biasTensor);
            var scales = new[] { (float)scale };
            bool wide = _activationType == TensorType.INT16 && !forceInt32;
            byte[] data = wide
                ? MemoryMarshal.AsBytes(WeightQuantizer.QuantizeBiasInt64(bias, scales).AsSpan()).ToArray()
                : MemoryMarshal.AsBytes(WeightQuantizer.QuantizeBiasInt32(bias, scales).AsSpan()).ToArray();
            SetConstant(biasTensor, wide ? TensorType.INT64 : TensorType.INT32, data, scales, new long[1], 0);
        }

        /// <summary>
        /// Weights computed at run time (a FULLY_CONNECTED over two activations) are quantized like any
        /// activation; the bias then takes scale input × that activation's scale.
        /// </summary>
        private void QuantizeBiasOfActivationWeights(Operator op, BuiltinOperator code, OpQuantRule rule, int weightIndex)
        {
            int biasIndex = rule.BiasInput >= 0 && op.Inputs.Length > rule.BiasInput ? op.Inputs[rule.BiasInput] : -1;
            if (biasIndex < 0 || !_params.TryGetValue(weightIndex, out var weightParams)) return;
            var tensor = _graph.Tensors[biasIndex];
            if (tensor.Type != TensorType.FLOAT32 || !_model.IsConstant(tensor)) return;
            biasIndex = OwnConstant(op, rule.BiasInput);
            var inputParams = DataInputParams(op, code);
            var biasScales = new[] { (float)(inputParams.Scale * weightParams.Scale) };
            var bias = FloatData(_graph.Tensors[biasIndex]);
            byte[] data = _activationType == TensorType.INT16
                ? MemoryMarshal.AsBytes(WeightQuantizer.QuantizeBiasInt64(bias, biasScales).AsSpan()).ToArray()
                : MemoryMarshal.AsBytes(WeightQuantizer.QuantizeBiasInt32(bias, biasScales).AsSpan()).ToArray();
            SetConstant(_graph.Tensors[biasIndex], _activationType == TensorType.INT16 ? TensorType.INT64 : TensorType.INT32, data, biasScales, new long[1], 0);
        }

        private int AxisFor(BuiltinOperator code, OpQuantRule rule) =>
            code == BuiltinOperator.FULLY_CONNECTED && !_options.PerChannelFullyConnected ? -1 : rule.WeightAxis;

        /// <summary>
        /// The weights as floats and their starting scales. Float weights: max|w| / 127 per channel.
        /// Weights a hybrid float model already holds as int8 keep their grid: a per-tensor scale is
        /// repeated for every channel so that the int8 values stay exactly as they were.
        /// </summary>
        private (float[] Values, float[] Scales) WeightsAndInitialScales(Tensor weight, int axis)
        {
            if (weight.Type == TensorType.FLOAT32)
            {
                var values = FloatData(weight);
                return (values, WeightQuantizer.Scales(values, weight.Shape, axis));
            }
            if (weight.Type == TensorType.INT8 && weight.IsQuantized)
            {
                var q = weight.Quantization!;
                var ints = MemoryMarshal.Cast<byte, sbyte>(_model.DataOf(weight).Span);
                int channels = WeightQuantizer.ChannelCount(weight.Shape, axis);
                var values = new float[ints.Length];
                float[] scales;
                if (q.Scale.Length == 1)
                {
                    for (int i = 0; i < values.Length; i++) values[i] = ints[i] * q.Scale[0];
                    scales = new float[channels];
                    for (int c = 0; c < channels; c++) scales[c] = q.Scale[0];
                }
                else
                {
                    // Already per-channel: dequantize along its own axis and take fresh scales.
                    long stride = 1;
                    for (int d = q.QuantizedDimension + 1; d < weight.Shape.Length; d++) stride *= weight.Shape[d];
                    for (int i = 0; i < values.Length; i++) values[i] = ints[i] * q.Scale[(int)(i / stride % q.Scale.Length)];
                    scales = WeightQuantizer.Scales(values, weight.Shape, axis);
                }
                return (values, scales);
            }
            throw new McuAiException(DiagnosticCodes.QuantizerUnsupportedModel, _fileName,
                $"weight tensor '{weight.Name}' has type {weight.Type}; the quantizer needs float32 weights (or int8 weights of a hybrid model).");
        }

        /// <summary>Dynamic-range mode: weights of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED become int8; all else stays float.</summary>
        private void QuantizeWeightsOnly()
        {
            foreach (var op in _graph.Operators)
            {
                var code = _model.CodeOf(op).Op;
                if (code is not (BuiltinOperator.CONV_2D or BuiltinOperator.DEPTHWISE_CONV_2D or BuiltinOperator.FULLY_CONNECTED)) continue;
                var rule = OpQuantRules.Find(code)!;
                int weightIndex = op.Inputs[rule.WeightInput];
                var tensor = _graph.Tensors[weightIndex];
                if (!_model.IsConstant(tensor) || tensor.Type != TensorType.FLOAT32) continue;
                weightIndex = OwnConstant(op, rule.WeightInput);
                var weight = _graph.Tensors[weightIndex];
                int axis = AxisFor(code, rule);
                var values = FloatData(weight);
                var scales = WeightQuantizer.Scales(values, weight.Shape, axis);
                SetConstant(weight, TensorType.INT8, MemoryMarshal.AsBytes(WeightQuantizer.QuantizeInt8(values, weight.Shape, axis, scales).AsSpan()).ToArray(),
                    scales, new long[scales.Length], scales.Length > 1 ? axis : 0);
                _report.QuantizedWeightTensors++;
            }
            UpdateVersions(hybrid: true);
            _report.Diagnostics.Add(new Diagnostic(DiagnosticCodes.HybridResult, DiagnosticSeverity.Warning,
                "dynamic-range quantization gives a hybrid model (int8 weights, float activations): TensorFlow Lite runs it, TFLM does not. Use int8 for a microcontroller.", _fileName));
        }

        private float[] FloatData(Tensor tensor) => MemoryMarshal.Cast<byte, float>(_model.DataOf(tensor).Span).ToArray();

        /// <summary>
        /// Makes the constant at input <paramref name="slot"/> of <paramref name="op"/> private to it:
        /// a constant already quantized for another op (shared weights) is copied so that each op gets
        /// the scales its own input needs.
        /// </summary>
        private int OwnConstant(Operator op, int slot)
        {
            int index = op.Inputs[slot];
            if (_processedConstants.Add(index)) return index;
            var original = _graph.Tensors[index];
            int copy = AddTensorLike(index, "_copy");
            var tensor = _graph.Tensors[copy];
            tensor.Type = original.Type;
            tensor.Quantization = original.Quantization;
            _model.Buffers.Add(new McuAi.TfLite.Buffer { Data = _model.DataOf(original), HasDataField = true });
            tensor.Buffer = (uint)(_model.Buffers.Count - 1);
            op.Inputs[slot] = copy;
            _processedConstants.Add(copy);
            return copy;
        }

        private void SetConstant(Tensor tensor, TensorType type, byte[] data, float[] scales, long[] zeroPoints, int axis)
        {
            // A buffer several tensors share (deduplicated constants) is not overwritten: this tensor gets its own.
            if (tensor.Buffer < _bufferUses.Length && _bufferUses[tensor.Buffer] > 1)
            {
                _bufferUses[tensor.Buffer]--;
                _model.Buffers.Add(new McuAi.TfLite.Buffer { Data = data, HasDataField = true });
                tensor.Buffer = (uint)(_model.Buffers.Count - 1);
            }
            else
            {
                var buffer = _model.Buffers[(int)tensor.Buffer];
                buffer.Data = data;
                buffer.Offset = 0;
                buffer.Size = 0;
                buffer.HasDataField = true;
            }
            tensor.Type = type;
            tensor.Quantization = new QuantizationParameters { Scale = scales, ZeroPoint = zeroPoints, QuantizedDimension = axis };
        }
    }
}
