using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Tests.Interpreter
{
    /// <summary>
    /// Builds one-operator models in memory for kernel tests with hand-computed values: activations
    /// (graph inputs and outputs) and constants (weights, biases) with their quantization.
    /// </summary>
    public sealed class TinyModel
    {
        private readonly Model _model = new();
        private readonly SubGraph _graph = new();
        private readonly List<int> _inputs = new();

        public TinyModel()
        {
            _model.Buffers.Add(new McuAi.TfLite.Buffer());
            _model.Subgraphs.Add(_graph);
        }

        /// <summary>Adds an activation tensor; returns its index.</summary>
        public int Activation(TensorType type, int[] shape, float scale = 0, long zeroPoint = 0, bool input = true)
        {
            int index = AddTensor(type, shape, scale, zeroPoint, 0);
            if (input) _inputs.Add(index);
            return index;
        }

        /// <summary>Adds a constant tensor holding <paramref name="values"/>; returns its index.</summary>
        public int Constant<T>(TensorType type, int[] shape, T[] values, float[]? scales = null, int quantizedDimension = 0) where T : struct
        {
            _model.Buffers.Add(new McuAi.TfLite.Buffer { Data = MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), HasDataField = true });
            int index = AddTensor(type, shape, 0, 0, (uint)(_model.Buffers.Count - 1));
            if (scales is not null)
                _graph.Tensors[index].Quantization = new QuantizationParameters { Scale = scales, ZeroPoint = new long[scales.Length], QuantizedDimension = quantizedDimension };
            return index;
        }

        /// <summary>The one operator; <paramref name="options"/> sets fields of the op's options table by name.</summary>
        public ModelInterpreter Build(BuiltinOperator op, int[] inputs, int output, string? optionsTable = null,
            IReadOnlyDictionary<string, object>? options = null, InterpreterOptions? interpreterOptions = null)
        {
            _model.OperatorCodes.Add(new OperatorCode { BuiltinCode = (int)op, DeprecatedBuiltinCode = (sbyte)Math.Min((int)op, 127) });
            OperatorOptions? table = null;
            if (optionsTable is not null)
            {
                table = new OperatorOptions(OptionsSchema.ByName(optionsTable));
                foreach (var kv in options ?? new Dictionary<string, object>()) table.Set(kv.Key, kv.Value);
            }
            _graph.Operators.Add(new Operator { OpcodeIndex = 0, Inputs = inputs, Outputs = new[] { output }, BuiltinOptions = table });
            _graph.Inputs = _inputs.ToArray();
            _graph.Outputs = new[] { output };
            return new ModelInterpreter(_model, interpreterOptions, "tiny.tflite");
        }

        private int AddTensor(TensorType type, int[] shape, float scale, long zeroPoint, uint buffer)
        {
            var tensor = new Tensor { Type = type, Shape = shape, Buffer = buffer, Name = $"t{_graph.Tensors.Count}" };
            if (scale != 0) tensor.Quantization = new QuantizationParameters { Scale = new[] { scale }, ZeroPoint = new[] { zeroPoint } };
            _graph.Tensors.Add(tensor);
            return _graph.Tensors.Count - 1;
        }
    }

    /// <summary>Runs a built interpreter on typed input arrays and returns the typed output.</summary>
    public static class TinyRun
    {
        public static TOut[] Run<TIn, TOut>(ModelInterpreter interpreter, params TIn[][] inputs) where TIn : struct where TOut : struct
        {
            var bytes = inputs.SelectMany(i => MemoryMarshal.AsBytes(i.AsSpan()).ToArray()).ToArray();
            interpreter.SetInputs(bytes);
            interpreter.Invoke();
            return MemoryMarshal.Cast<byte, TOut>(interpreter.GetOutputs()).ToArray();
        }
    }
}
