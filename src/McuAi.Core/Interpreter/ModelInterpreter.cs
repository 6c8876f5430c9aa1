using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>
    /// Runs subgraph 0 of a model with TFLM's semantics. The constructor prepares every operator once
    /// (kernel choice, multipliers, shapes, repacked weights) and plans activation memory once; an
    /// invocation only evaluates. Inputs are read from the input tensors, which the planner may reuse
    /// for later activations: set them again before every <see cref="Invoke()"/>.
    /// Not thread-safe; use <see cref="Clone"/> to run samples in parallel.
    /// </summary>
    public sealed class ModelInterpreter
    {
        private readonly Model _model;
        private readonly InterpreterOptions _options;
        private readonly string? _fileName;
        private readonly ConcurrentDictionary<string, object> _sharedData;
        private readonly RuntimeTensor[] _tensors;
        private readonly RuntimeTensor[] _inputs;
        private readonly RuntimeTensor[] _outputs;
        private readonly PreparedOp[] _ops;
        private readonly RuntimeTensor[][] _opOutputs;
        private readonly List<(RuntimeTensor Tensor, ReadOnlyMemory<byte> Initial)> _variables = new();
        private readonly List<Diagnostic> _warnings = new();

        public ModelInterpreter(Model model, InterpreterOptions? options = null, string? fileName = null)
            : this(model, options ?? new InterpreterOptions(), fileName, new ConcurrentDictionary<string, object>(StringComparer.Ordinal))
        {
        }

        private ModelInterpreter(Model model, InterpreterOptions options, string? fileName, ConcurrentDictionary<string, object> sharedData)
        {
            _model = model ?? throw new ArgumentNullException(nameof(model));
            _options = options;
            _fileName = fileName;
            _sharedData = sharedData;
            // Models built or rewritten in memory (the quantizer's) skip the reader: check indices and sizes here too.
            ModelValidator.Validate(model, fileName);
            InterpreterLimits.CheckWork(model, fileName);
            var graph = model.MainSubgraph;
            _tensors = CreateTensors(model);
            _inputs = graph.Inputs.Select(i => _tensors[i]).ToArray();
            _outputs = graph.Outputs.Select(i => _tensors[i]).ToArray();
            _ops = new PreparedOp[graph.Operators.Count];
            _opOutputs = new RuntimeTensor[graph.Operators.Count][];
            bool hybrid = false;
            var hybridOps = new List<string>();
            for (int k = 0; k < graph.Operators.Count; k++)
            {
                var context = CreateContext(k);
                _ops[k] = Prepare(context);
                _opOutputs[k] = context.Outputs;
                if (context.UsesHybridWeights)
                {
                    hybrid = true;
                    hybridOps.Add($"{k} ({context.OpName})");
                }
            }
            if (hybrid)
                _warnings.Add(new Diagnostic(DiagnosticCodes.HybridModel, DiagnosticSeverity.Warning,
                    "hybrid model (float activations with int8 weights): TFLM cannot run it; the interpreter runs operators " +
                    string.Join(", ", hybridOps) + " in float with dequantized weights", fileName));
        }

        /// <summary>Warnings found while preparing (for instance MCUAI1001 for a hybrid model).</summary>
        public IReadOnlyList<Diagnostic> Warnings => _warnings;

        public int InputCount => _inputs.Length;
        public int OutputCount => _outputs.Length;
        public RuntimeTensor Input(int i) => _inputs[i];
        public RuntimeTensor Output(int i) => _outputs[i];
        public RuntimeTensor Tensor(int tensorIndex) => _tensors[tensorIndex];
        public IReadOnlyList<PreparedOp> PreparedOps => _ops;
        public Model Model => _model;

        /// <summary>Byte size of all inputs concatenated (the golden <c>inK.bin</c> format).</summary>
        public int InputBytes => _inputs.Sum(t => t.ByteSize);

        /// <summary>Byte size of all outputs concatenated (the golden <c>outK.bin</c> format).</summary>
        public int OutputBytes => _outputs.Sum(t => t.ByteSize);

        /// <summary>Copies the raw little-endian bytes of every input, concatenated in input order.</summary>
        public void SetInputs(ReadOnlySpan<byte> concatenatedInputBytes)
        {
            if (concatenatedInputBytes.Length != InputBytes)
                throw new McuAiException(DiagnosticCodes.InputSizeMismatch, _fileName,
                    $"the input data has {concatenatedInputBytes.Length} bytes but the model's inputs take {InputBytes} bytes (" +
                    string.Join(", ", _inputs.Select(t => $"'{t.Name}' {t.Type}[{string.Join(",", t.Shape)}] = {t.ByteSize} bytes")) +
                    "); give the raw little-endian bytes of every input, concatenated in input order");
            int offset = 0;
            foreach (var input in _inputs)
            {
                concatenatedInputBytes.Slice(offset, input.ByteSize).CopyTo(input.Data.Span);
                offset += input.ByteSize;
            }
        }

        /// <summary>The raw bytes of every output, concatenated in output order.</summary>
        public byte[] GetOutputs()
        {
            var result = new byte[OutputBytes];
            int offset = 0;
            foreach (var output in _outputs)
            {
                output.Data.Span.Slice(0, output.ByteSize).CopyTo(result.AsSpan(offset));
                offset += output.ByteSize;
            }
            return result;
        }

        public void Invoke()
        {
            foreach (var op in _ops) op.Eval();
        }

        public void Invoke(IInvokeObserver observer)
        {
            if (observer is null) throw new ArgumentNullException(nameof(observer));
            for (int k = 0; k < _ops.Length; k++)
            {
                _ops[k].Eval();
                observer.OnOperatorEvaluated(k, _opOutputs[k]);
            }
        }

        /// <summary>
        /// Restores variable (state) tensors to their initial contents, and operators' internal state
        /// (<see cref="PreparedOp.ResetState"/>), as after construction.
        /// </summary>
        public void ResetVariableTensors()
        {
            foreach (var op in _ops) op.ResetState();
            foreach (var (tensor, initial) in _variables)
            {
                tensor.Data.Span.Clear();
                initial.Span.CopyTo(tensor.Data.Span);
            }
        }

        /// <summary>
        /// An interpreter for the same model with its own activation and state memory, sharing the
        /// prepared constant data (repacked weights): for running samples in parallel.
        /// </summary>
        public ModelInterpreter Clone() => new(_model, _options, _fileName, _sharedData);

        private RuntimeTensor[] CreateTensors(Model model)
        {
            var graph = model.MainSubgraph;
            var plan = ActivationMemoryPlan.Create(model, _fileName);
            InterpreterLimits.CheckMemory(model, plan.TotalBytes, _fileName);
            var arena = new byte[plan.TotalBytes];
            var tensors = new RuntimeTensor[graph.Tensors.Count];
            for (int i = 0; i < tensors.Length; i++)
            {
                var t = graph.Tensors[i];
                var data = model.DataOf(t);
                if (t.IsVariable)
                {
                    // State lives across invocations in memory of its own. TFLM's AllocateTensors and Reset
                    // fill it with zeros, or an int8 tensor with its zero point, whatever the model's buffer holds.
                    var tensor = new RuntimeTensor(i, t, isConstant: false) { Data = new byte[t.ByteSize] };
                    var initial = new byte[t.ByteSize];
                    if (t.Type == TensorType.INT8 && t.Quantization is { ZeroPoint.Length: > 0 } q)
                        initial.AsSpan().Fill(unchecked((byte)q.ZeroPoint[0]));
                    initial.CopyTo(tensor.Data.Span);
                    _variables.Add((tensor, initial));
                    tensors[i] = tensor;
                }
                else if (model.IsConstant(t))
                {
                    // Kernels never write constants; the model's bytes are viewed, not copied.
                    tensors[i] = new RuntimeTensor(i, t, isConstant: true) { Data = MemoryMarshal.AsMemory(data) };
                }
                else
                {
                    var tensor = new RuntimeTensor(i, t, isConstant: false);
                    if (plan.Offsets.TryGetValue(i, out long offset))
                        tensor.Data = arena.AsMemory((int)offset, (int)t.ByteSize);
                    tensors[i] = tensor;
                }
            }
            return tensors;
        }

        private PrepareContext CreateContext(int operatorIndex)
        {
            var op = _model.MainSubgraph.Operators[operatorIndex];
            var inputs = op.Inputs.Select(i => i < 0 ? null : _tensors[i]).ToArray();
            var outputs = op.Outputs.Select(i => _tensors[i]).ToArray();
            return new PrepareContext(_model, op, operatorIndex, _model.CodeOf(op).ShownName, inputs, outputs, _fileName)
            {
                InterpreterOptions = _options,
                SharedData = _sharedData,
            };
        }

        private PreparedOp Prepare(PrepareContext context)
        {
            var code = _model.CodeOf(context.Operator);
            var kernel = KernelRegistry.Select(code, context);
            if (kernel is null)
                throw context.Fail(DiagnosticCodes.InterpreterUnsupportedOp,
                    $"the interpreter does not implement {context.OpName}" +
                    (code.IsCustom && code.CustomCode is { } custom && custom.StartsWith("Signal", StringComparison.Ordinal)
                        ? " (a TFLM Signal op); run the model with TFLM or remove the audio front end from the model"
                        : "; the implemented ops are " + string.Join(", ", KernelRegistry.ImplementedOps())));
            var prepared = kernel.Prepare(context);
            prepared.OperatorIndex = context.OperatorIndex;
            prepared.OpName = context.OpName;
            return prepared;
        }
    }
}
