using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using McuAi.TfLite;

namespace McuAi.Quantization
{
    public sealed partial class ModelQuantizer
    {
        /// <summary>Gives a float tensor its integer type and parameters; float constants get quantized data.</summary>
        private void RetypeActivation(int index, QuantParams p)
        {
            var tensor = _graph.Tensors[index];
            if (tensor.Type != TensorType.FLOAT32) return;
            var quantization = new QuantizationParameters { Scale = new[] { p.FileScale }, ZeroPoint = new long[] { p.ZeroPoint } };
            if (_model.IsConstant(tensor))
            {
                var values = FloatData(tensor);
                byte[] data;
                if (_activationType == TensorType.INT16)
                {
                    var q = new short[values.Length];
                    for (int i = 0; i < values.Length; i++) q[i] = (short)QuantMath.Quantize(values[i], p.FileScale, p.ZeroPoint, _qmin, _qmax);
                    data = MemoryMarshal.AsBytes(q.AsSpan()).ToArray();
                }
                else
                {
                    data = new byte[values.Length];
                    for (int i = 0; i < values.Length; i++) data[i] = (byte)(sbyte)QuantMath.Quantize(values[i], p.FileScale, p.ZeroPoint, _qmin, _qmax);
                }
                SetConstant(tensor, _activationType, data, quantization.Scale, quantization.ZeroPoint, 0);
                return;
            }
            tensor.Type = _activationType;
            tensor.Quantization = quantization;
        }

        /// <summary>
        /// Float I/O: the graph's inputs and outputs stay float32; a QUANTIZE after each input and a
        /// DEQUANTIZE before each output convert at the edges.
        /// </summary>
        private void AddFloatEdges()
        {
            for (int k = 0; k < _graph.Inputs.Length; k++)
            {
                int input = _graph.Inputs[k];
                if (!_params.ContainsKey(input)) continue;
                int quantized = AddTensorLike(input, "_quantized");
                var original = _graph.Tensors[input];
                _graph.Tensors[quantized].Type = original.Type;
                _graph.Tensors[quantized].Quantization = original.Quantization;
                original.Type = TensorType.FLOAT32;
                original.Quantization = null;
                foreach (var op in _graph.Operators)
                    for (int i = 0; i < op.Inputs.Length; i++)
                        if (op.Inputs[i] == input) op.Inputs[i] = quantized;
                _graph.Operators.Insert(0, NewOp(BuiltinOperator.QUANTIZE, new[] { input }, new[] { quantized }));
                _report.AddedOps++;
            }
            for (int k = 0; k < _graph.Outputs.Length; k++)
            {
                int output = _graph.Outputs[k];
                if (!_params.ContainsKey(output)) continue;
                int quantized = AddTensorLike(output, "_quantized");
                var original = _graph.Tensors[output];
                _graph.Tensors[quantized].Type = original.Type;
                _graph.Tensors[quantized].Quantization = original.Quantization;
                original.Type = TensorType.FLOAT32;
                original.Quantization = null;
                foreach (var op in _graph.Operators)
                {
                    for (int i = 0; i < op.Outputs.Length; i++) if (op.Outputs[i] == output) op.Outputs[i] = quantized;
                    for (int i = 0; i < op.Inputs.Length; i++) if (op.Inputs[i] == output) op.Inputs[i] = quantized;
                }
                _graph.Operators.Add(NewOp(BuiltinOperator.DEQUANTIZE, new[] { quantized }, new[] { output }));
                _report.AddedOps++;
            }
        }

        /// <summary>Appends an activation tensor with the shape and name of another (plus a suffix); returns its index.</summary>
        private int AddTensorLike(int index, string suffix)
        {
            var source = _graph.Tensors[index];
            _graph.Tensors.Add(new Tensor
            {
                Shape = (int[])source.Shape.Clone(),
                ShapeSignature = (int[])source.ShapeSignature.Clone(),
                Type = source.Type,
                Name = source.Name + suffix,
                Buffer = 0,
                HasRank = source.HasRank,
            });
            return _graph.Tensors.Count - 1;
        }

        private void InsertOpBefore(Operator before, BuiltinOperator code, int[] inputs, int[] outputs)
        {
            _graph.Operators.Insert(_graph.Operators.IndexOf(before), NewOp(code, inputs, outputs));
            _report.AddedOps++;
        }

        private Operator NewOp(BuiltinOperator code, int[] inputs, int[] outputs) =>
            new() { OpcodeIndex = (uint)OpcodeIndex(code), Inputs = inputs, Outputs = outputs };

        /// <summary>The operator-code entry for a builtin op, added when the model has none.</summary>
        private int OpcodeIndex(BuiltinOperator code)
        {
            for (int i = 0; i < _model.OperatorCodes.Count; i++)
                if (_model.OperatorCodes[i].Op == code && !_model.OperatorCodes[i].IsCustom) return i;
            _model.OperatorCodes.Add(new OperatorCode
            {
                BuiltinCode = (int)code,
                DeprecatedBuiltinCode = (sbyte)Math.Min((int)code, 127),
                Version = 1,
            });
            return _model.OperatorCodes.Count - 1;
        }

        /// <summary>
        /// Sets each operator code's version to what its quantized use needs. Codes are shared by ops,
        /// so a code gets the highest version any of its ops needs.
        /// </summary>
        private void UpdateVersions(bool hybrid)
        {
            var needed = new Dictionary<int, int>();
            foreach (var op in _graph.Operators)
            {
                var code = _model.OperatorCodes[(int)op.OpcodeIndex];
                if (code.IsCustom) continue;
                bool touched = false;
                bool perChannel = false;
                foreach (int i in op.Inputs)
                {
                    if (i < 0) continue;
                    var t = _graph.Tensors[i];
                    if (t.Type is TensorType.INT8 or TensorType.INT16) touched = true;
                    if (t.Quantization is { Scale.Length: > 1 }) perChannel = true;
                }
                if (!touched) continue;
                var type = _activationType;
                int version = OpVersions.For(code.Op, type, hybrid, perChannel, code.Version);
                needed[(int)op.OpcodeIndex] = Math.Max(needed.TryGetValue((int)op.OpcodeIndex, out var v) ? v : 0, version);
            }
            foreach (var kv in needed) _model.OperatorCodes[kv.Key].Version = kv.Value;
        }
    }
}
