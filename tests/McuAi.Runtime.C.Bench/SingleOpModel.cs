using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Runtime.C.Bench
{
    /// <summary>
    /// Builds an in-memory model holding one operator, so a kernel can be run through the real
    /// interpreter (Prepare, memory plan, Eval) on hand-computed values. In the bench so that its cost calibration
    /// (<see cref="CostCases"/>) measures kernel paths no model of ../shared takes; the tests use it through their
    /// reference to the bench.
    /// </summary>
    public sealed class SingleOpModel
    {
        private readonly Model _model = new();
        private readonly Operator _op = new();
        private readonly List<int> _inputs = new();
        private readonly List<int> _opInputs = new();
        private readonly List<int> _opOutputs = new();

        public SingleOpModel(BuiltinOperator op, string? optionsTable = null, params (string Name, object Value)[] options)
        {
            _model.OperatorCodes.Add(new OperatorCode { BuiltinCode = (int)op, DeprecatedBuiltinCode = (sbyte)Math.Min((int)op, 127), Version = 1 });
            _model.Buffers.Add(new McuAi.TfLite.Buffer());
            _model.Subgraphs.Add(new SubGraph());
            if (optionsTable is not null)
            {
                var o = new OperatorOptions(OptionsSchema.ByName(optionsTable));
                foreach (var (name, value) in options) o.Set(name, value);
                _op.BuiltinOptions = o;
            }
        }

        private SubGraph Graph => _model.MainSubgraph;

        private int AddTensor(TensorType type, int[] shape, float scale, long zeroPoint, byte[]? data, bool variable = false)
        {
            uint buffer = 0;
            if (data is not null)
            {
                _model.Buffers.Add(new McuAi.TfLite.Buffer { Data = data, HasDataField = true });
                buffer = (uint)(_model.Buffers.Count - 1);
            }
            Graph.Tensors.Add(new Tensor
            {
                Type = type,
                Shape = shape,
                Buffer = buffer,
                Name = $"t{Graph.Tensors.Count}",
                IsVariable = variable,
                Quantization = scale > 0 ? new QuantizationParameters { Scale = new[] { scale }, ZeroPoint = new[] { zeroPoint } } : null,
            });
            return Graph.Tensors.Count - 1;
        }

        /// <summary>A run-time input of the model feeding the operator.</summary>
        public SingleOpModel Input(TensorType type, int[] shape, float scale = 0, long zeroPoint = 0)
        {
            int t = AddTensor(type, shape, scale, zeroPoint, null);
            _inputs.Add(t);
            _opInputs.Add(t);
            return this;
        }

        /// <summary>A constant operator input.</summary>
        public SingleOpModel Constant<T>(TensorType type, int[] shape, T[] values, float scale = 0, long zeroPoint = 0) where T : struct
        {
            _opInputs.Add(AddTensor(type, shape, scale, zeroPoint, MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
            return this;
        }

        /// <summary>Per-channel quantization on the last added tensor.</summary>
        public SingleOpModel PerChannel(float[] scales, int dimension = 0)
        {
            Graph.Tensors[^1].Quantization = new QuantizationParameters { Scale = scales, ZeroPoint = new long[scales.Length], QuantizedDimension = dimension };
            return this;
        }

        /// <summary>A variable (state) tensor input.</summary>
        public SingleOpModel Variable(TensorType type, int[] shape, float scale = 0, long zeroPoint = 0)
        {
            _opInputs.Add(AddTensor(type, shape, scale, zeroPoint, null, variable: true));
            return this;
        }

        /// <summary>An absent optional input (-1).</summary>
        public SingleOpModel Absent()
        {
            _opInputs.Add(-1);
            return this;
        }

        public SingleOpModel Output(TensorType type, int[] shape, float scale = 0, long zeroPoint = 0)
        {
            _opOutputs.Add(AddTensor(type, shape, scale, zeroPoint, null));
            return this;
        }

        /// <summary>Deterministic int8 weights in [-127, 127].</summary>
        public static sbyte[] Weights(int count, int seed)
        {
            var values = new sbyte[count];
            for (int i = 0; i < count; i++) values[i] = (sbyte)((i * 37 + seed * 11) % 255 - 127);
            return values;
        }

        public ModelInterpreter Build() => new ModelInterpreter(BuildModel(), fileName: "single-op");

        /// <summary>The model itself (for code generation from it).</summary>
        public Model BuildModel()
        {
            _op.Inputs = _opInputs.ToArray();
            _op.Outputs = _opOutputs.ToArray();
            Graph.Operators.Clear();
            Graph.Operators.Add(_op);
            Graph.Inputs = _inputs.ToArray();
            Graph.Outputs = _opOutputs.ToArray();
            return _model;
        }

        /// <summary>Builds, runs once on the given inputs (values of each input in order) and returns output 0.</summary>
        public TOut[] Run<TIn, TOut>(params TIn[][] inputs) where TIn : struct where TOut : struct =>
            Invoke<TOut>(Build(), inputs);

        public static TOut[] Invoke<TOut>(ModelInterpreter interpreter, params Array[] inputs) where TOut : struct
        {
            var bytes = new List<byte>();
            foreach (var input in inputs)
            {
                var raw = new byte[System.Buffer.ByteLength(input)];
                System.Buffer.BlockCopy(input, 0, raw, 0, raw.Length);
                bytes.AddRange(raw);
            }
            interpreter.SetInputs(bytes.ToArray());
            interpreter.Invoke();
            return MemoryMarshal.Cast<byte, TOut>(interpreter.GetOutputs().AsSpan(0, interpreter.Output(0).ByteSize)).ToArray();
        }
    }
}
