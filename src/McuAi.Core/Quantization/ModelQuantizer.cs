using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Quantization
{
    /// <summary>
    /// Rewrites a float model (in place) into a quantized one, given the activation ranges from
    /// calibration: int8 (or 16x8) activations with TFLite's op constraints, symmetric int8 weights,
    /// integer biases, and optionally float QUANTIZE/DEQUANTIZE edges. The op sequence is kept, so
    /// the result lines up operator by operator with the float model and with the TF converter's output.
    /// </summary>
    public sealed partial class ModelQuantizer
    {
        private readonly Model _model;
        private readonly SubGraph _graph;
        private readonly QuantizationOptions _options;
        private readonly IReadOnlyDictionary<int, TensorRange> _ranges;
        private readonly string? _fileName;
        private readonly QuantizationReport _report = new();
        private readonly Dictionary<int, QuantParams> _params = new();
        private readonly HashSet<int> _processedConstants = new();
        private readonly int[] _bufferUses;
        private readonly TensorType _activationType;
        private readonly int _qmin;
        private readonly int _qmax;

        private ModelQuantizer(Model model, IReadOnlyDictionary<int, TensorRange> ranges, QuantizationOptions options, string? fileName)
        {
            _model = model;
            _graph = model.MainSubgraph;
            _ranges = ranges;
            _options = options;
            _fileName = fileName;
            bool int16 = options.Mode == QuantizationMode.Int16x8;
            _activationType = int16 ? TensorType.INT16 : TensorType.INT8;
            _qmin = int16 ? -32767 : -128;
            _qmax = int16 ? 32767 : 127;
            _bufferUses = new int[model.Buffers.Count];
            foreach (var t in _graph.Tensors)
                if (t.Buffer < _bufferUses.Length) _bufferUses[t.Buffer]++;
        }

        /// <summary>
        /// Quantizes <paramref name="model"/> in place. <paramref name="ranges"/> maps tensor indices of
        /// subgraph 0 to calibrated ranges; it must cover the graph inputs and every float op output
        /// (it may be empty in <see cref="QuantizationMode.Dynamic"/> mode).
        /// </summary>
        public static QuantizationReport Quantize(Model model, IReadOnlyDictionary<int, TensorRange> ranges, QuantizationOptions options, string? fileName = null)
        {
            options.Validate();
            if (model.Subgraphs.Count != 1)
                throw new McuAiException(DiagnosticCodes.QuantizerUnsupportedModel, fileName,
                    $"the model has {model.Subgraphs.Count} subgraphs (control flow); the quantizer handles single-graph models only.");
            var quantizer = new ModelQuantizer(model, ranges, options, fileName);
            quantizer.Run();
            return quantizer._report;
        }

        /// <summary>True when no activation of the model is float: it is already quantized.</summary>
        public static bool IsQuantized(Model model)
        {
            var g = model.MainSubgraph;
            foreach (int i in g.Inputs) if (g.Tensors[i].Type == TensorType.FLOAT32) return false;
            foreach (var op in g.Operators)
                foreach (int o in op.Outputs)
                    if (o >= 0 && g.Tensors[o].Type == TensorType.FLOAT32) return false;
            return true;
        }

        private void Run()
        {
            if (IsQuantized(_model))
            {
                _report.NothingToDo = true;
                _report.Diagnostics.Add(new Diagnostic(DiagnosticCodes.AlreadyQuantized, DiagnosticSeverity.Info,
                    "the model is already quantized (no float activations); it is used unchanged.", _fileName));
                return;
            }
            CheckSupported();
            if (_options.Mode == QuantizationMode.Dynamic)
            {
                QuantizeWeightsOnly();
                return;
            }
            foreach (int input in _graph.Inputs)
                if (IsFloatActivation(input)) _params[input] = FromRange(input);

            // Ops are in execution order, so every data input has its parameters before its consumers.
            var operators = _graph.Operators.ToList();
            foreach (var op in operators)
                QuantizeOperator(op);

            foreach (var kv in _params) RetypeActivation(kv.Key, kv.Value);
            _report.QuantizedActivations = _params.Count;
            if (_options.IoType == IoType.Float32) AddFloatEdges();
            UpdateVersions(hybrid: false);
            if (_report.BiasAdjustedChannels > 0)
                _report.Diagnostics.Add(new Diagnostic(DiagnosticCodes.BiasScaleAdjusted, DiagnosticSeverity.Info,
                    $"{_report.BiasAdjustedChannels} weight channel(s) have near-zero weights and a bias that would overflow int32 at scale input × weight; their weight scales were raised so that the bias fits (as the TF converter does).", _fileName));
        }

        private void CheckSupported()
        {
            var problems = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var op in _graph.Operators)
            {
                var code = _model.CodeOf(op);
                if (!TouchesFloat(op)) continue;
                if (_options.Mode == QuantizationMode.Dynamic) continue; // unsupported ops simply stay float
                var rule = code.IsCustom ? null : OpQuantRules.Find(code.Op);
                if (rule is null) problems.Add(code.ShownName);
                else if (_options.Mode == QuantizationMode.Int16x8 && !rule.SupportsInt16) problems.Add(code.ShownName + " (no int16 kernel in TFLM)");
            }
            foreach (var t in _graph.Tensors)
                if (_model.IsConstant(t) && t.Type == TensorType.FLOAT16)
                    throw new McuAiException(DiagnosticCodes.QuantizerUnsupportedModel, _fileName,
                        $"tensor '{t.Name}' holds float16 weights; convert the model with float32 weights and quantize that.");
            if (problems.Count > 0)
                throw new McuAiException(DiagnosticCodes.QuantizerUnsupportedOp, _fileName,
                    $"the quantizer cannot handle these operators in {_options.Mode} mode: {string.Join(", ", problems)}. Quantize the model with the TF converter, or remove these ops from the graph.");
        }

        private bool TouchesFloat(Operator op)
        {
            foreach (int i in op.Inputs) if (i >= 0 && _graph.Tensors[i].Type == TensorType.FLOAT32) return true;
            foreach (int o in op.Outputs) if (o >= 0 && _graph.Tensors[o].Type == TensorType.FLOAT32) return true;
            return false;
        }

        private bool IsFloatActivation(int index) => index >= 0 && _graph.Tensors[index].Type == TensorType.FLOAT32 && !_model.IsConstant(_graph.Tensors[index]);

        private void QuantizeOperator(Operator op)
        {
            var code = _model.CodeOf(op);
            if (!TouchesFloat(op)) return;
            if (code.Op == BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM) { QuantizeLstm(op); return; }
            if (code.Op == BuiltinOperator.SVDF) { QuantizeSvdf(op); return; }
            var rule = OpQuantRules.Find(code.Op)!;

            // Constant float inputs that are not weights or bias (an ADD operand, a CONCATENATION piece) are quantized like activations.
            for (int k = 0; k < op.Inputs.Length; k++)
            {
                int t = op.Inputs[k];
                if (t < 0 || k == rule.WeightInput || k == rule.BiasInput) continue;
                var tensor = _graph.Tensors[t];
                if (tensor.Type == TensorType.FLOAT32 && _model.IsConstant(tensor) && !_params.ContainsKey(t))
                    _params[t] = ParamsFor(FloatData(tensor));
            }

            foreach (int output in op.Outputs)
            {
                if (!IsFloatActivation(output)) continue;
                _params[output] = rule.Output switch
                {
                    OutputParamsRule.Fixed => FixedParams(code.Op),
                    OutputParamsRule.SameAsInput when OpQuantRules.UnifiesInputs(code.Op) => UnifiedParams(op, output),
                    OutputParamsRule.SameAsInput => _params.TryGetValue(FirstDataInput(op), out var p) ? p : FromRange(output),
                    _ => FromRange(output),
                };
            }

            if (OpQuantRules.UnifiesInputs(code.Op)) RequantizeInputs(op);
            if (rule.HasWeights) QuantizeWeightsAndBias(op, code.Op, rule);
        }

        private int FirstDataInput(Operator op)
        {
            foreach (int i in op.Inputs)
                if (i >= 0 && _graph.Tensors[i].Type == TensorType.FLOAT32) return i;
            return -1;
        }

        private QuantParams FixedParams(BuiltinOperator op)
        {
            var (scale, zp) = OpQuantRules.FixedOutput(op, _activationType == TensorType.INT16);
            return new QuantParams(scale, zp);
        }

        private QuantParams FromRange(int tensor)
        {
            if (!_ranges.TryGetValue(tensor, out var range))
                throw new McuAiException(DiagnosticCodes.QuantizerUnsupportedModel, _fileName,
                    $"no calibrated range for tensor '{_graph.Tensors[tensor].Name}' (index {tensor}); the calibration run did not produce it.");
            return ParamsFor(range);
        }

        private QuantParams ParamsFor(TensorRange range)
        {
            if (_activationType == TensorType.INT16) return new QuantParams(QuantMath.Symmetric(range.Min, range.Max, _qmax), 0);
            var (scale, zp) = QuantMath.Asymmetric(range.Min, range.Max, _qmin, _qmax);
            return new QuantParams(scale, zp);
        }

        private QuantParams ParamsFor(float[] values)
        {
            double min = 0, max = 0;
            foreach (float v in values) { if (v < min) min = v; if (v > max) max = v; }
            return ParamsFor(new TensorRange(min, max));
        }

        /// <summary>CONCATENATION and friends: one set of parameters covering every input and the output.</summary>
        private QuantParams UnifiedParams(Operator op, int output)
        {
            var range = _ranges.TryGetValue(output, out var r) ? r : new TensorRange(0, 0);
            foreach (int i in op.Inputs)
            {
                if (i < 0 || _graph.Tensors[i].Type != TensorType.FLOAT32) continue;
                if (_ranges.TryGetValue(i, out var inputRange)) range = range.Union(inputRange);
                else if (_model.IsConstant(_graph.Tensors[i])) range = range.Union(RangeOf(FloatData(_graph.Tensors[i])));
            }
            return ParamsFor(range);
        }

        private static TensorRange RangeOf(float[] values)
        {
            double min = 0, max = 0;
            foreach (float v in values) { if (v < min) min = v; if (v > max) max = v; }
            return new TensorRange(min, max);
        }

        /// <summary>Gives each data input of a unifying op the output's parameters, through a QUANTIZE (requantize) op where they differ.</summary>
        private void RequantizeInputs(Operator op)
        {
            int output = op.Outputs[0];
            if (!_params.TryGetValue(output, out var target)) return;
            for (int k = 0; k < op.Inputs.Length; k++)
            {
                int input = op.Inputs[k];
                if (input < 0 || !_params.TryGetValue(input, out var current) || current.Equals(target)) continue;
                if (_model.IsConstant(_graph.Tensors[input]))
                {
                    _params[input] = target; // a constant is simply quantized with the output's parameters
                    continue;
                }
                int requantized = AddTensorLike(input, "_requantized");
                _params[requantized] = target;
                InsertOpBefore(op, BuiltinOperator.QUANTIZE, new[] { input }, new[] { requantized });
                op.Inputs[k] = requantized;
            }
        }
    }
}
