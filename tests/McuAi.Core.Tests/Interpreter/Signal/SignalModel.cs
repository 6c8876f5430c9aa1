using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Tests.Interpreter.Signal
{
    /// <summary>Builds a model of one custom (Signal) operator in memory, for op tests with hand-computed values.</summary>
    internal sealed class SignalModel
    {
        private readonly Model _model = new();
        private readonly SubGraph _graph = new();
        private readonly List<int> _inputs = new();

        public SignalModel()
        {
            _model.Buffers.Add(new McuAi.TfLite.Buffer());
            _model.Subgraphs.Add(_graph);
        }

        /// <summary>A graph input; returns its tensor index.</summary>
        public int Input(TensorType type, params int[] shape)
        {
            _inputs.Add(Add(type, shape, 0));
            return _graph.Tensors.Count - 1;
        }

        public int Constant<T>(TensorType type, int[] shape, params T[] values) where T : struct
        {
            _model.Buffers.Add(new McuAi.TfLite.Buffer { Data = MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), HasDataField = true });
            return Add(type, shape, (uint)(_model.Buffers.Count - 1));
        }

        /// <summary>An operator output (also a graph output).</summary>
        public int Output(TensorType type, params int[] shape) => Add(type, shape, 0);

        public ModelInterpreter Build(string customCode, byte[]? options, int[] inputs, params int[] outputs)
        {
            _model.OperatorCodes.Add(new OperatorCode { DeprecatedBuiltinCode = (sbyte)BuiltinOperator.CUSTOM, BuiltinCode = (int)BuiltinOperator.CUSTOM, CustomCode = customCode });
            _graph.Operators.Add(new Operator { OpcodeIndex = 0, Inputs = inputs, Outputs = outputs, CustomOptions = options });
            _graph.Inputs = _inputs.ToArray();
            _graph.Outputs = outputs;
            return new ModelInterpreter(_model, null, "signal.tflite");
        }

        private int Add(TensorType type, int[] shape, uint buffer)
        {
            _graph.Tensors.Add(new Tensor { Type = type, Shape = shape, Buffer = buffer, Name = $"t{_graph.Tensors.Count}" });
            return _graph.Tensors.Count - 1;
        }
    }

    internal static class SignalRun
    {
        /// <summary>Sets the inputs (each an array of its tensor's element type), invokes, returns output <paramref name="output"/>.</summary>
        public static T[] Run<T>(this ModelInterpreter interpreter, int output, params Array[] inputs) where T : struct
        {
            for (int i = 0; i < inputs.Length; i++)
            {
                var target = interpreter.Input(i).Data.Span;
                var source = BytesOf(inputs[i]);
                if (source.Length != target.Length) throw new ArgumentException($"input {i} needs {target.Length} bytes, got {source.Length}");
                source.CopyTo(target);
            }
            interpreter.Invoke();
            return interpreter.Output(output).As<T>().ToArray();
        }

        private static byte[] BytesOf(Array values) => values switch
        {
            short[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
            int[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
            uint[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
            ulong[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
            _ => throw new ArgumentException("unsupported element type " + values.GetType()),
        };
    }
}
