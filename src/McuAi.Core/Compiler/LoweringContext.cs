using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Reports;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Compiler
{
    /// <summary>
    /// What a lowering sees: the operator as the interpreter prepared it (<see cref="Prepared"/>, whose
    /// constants are by construction the bit-exact ones) and its tensors and options (<see cref="Operator"/>),
    /// plus the means to add constant arrays, layers and views to the program.
    /// </summary>
    public sealed class LoweringContext
    {
        private readonly ProgramBuilder _program;

        internal LoweringContext(ProgramBuilder program, PrepareContext op, PreparedOp prepared, SettingNames names)
        {
            _program = program;
            Names = names;
            Operator = op;
            Prepared = prepared;
        }

        /// <summary>The operator's tensors (with constant data), options, index and op name.</summary>
        public PrepareContext Operator { get; }

        /// <summary>How messages name settings where they are shown (<c>Runtime="tflm"</c> in a build, <c>--runtime tflm</c> on the command line).</summary>
        public SettingNames Names { get; }

        /// <summary>The interpreter's prepared form of the operator.</summary>
        public PreparedOp Prepared { get; }

        /// <summary>What to favour where a layer has two forms (Optimize="speed" or "size").</summary>
        public CompileOptimization Optimization => _program.Optimization;

        public RuntimeTensor Input(int i) => Operator.Input(i);
        public RuntimeTensor Output(int i) => Operator.Output(i);

        /// <summary>A constant array named <c>&lt;symbol&gt;_op&lt;index&gt;_&lt;role&gt;</c>.</summary>
        public ConstantArray Constant(string role, sbyte[] values, bool isModelData = false) => Add(role, CElementType.Int8, values, isModelData);
        public ConstantArray Constant(string role, byte[] values, bool isModelData = false) => Add(role, CElementType.UInt8, values, isModelData);
        public ConstantArray Constant(string role, short[] values, bool isModelData = false) => Add(role, CElementType.Int16, values, isModelData);
        public ConstantArray Constant(string role, ushort[] values, bool isModelData = false) => Add(role, CElementType.UInt16, values, isModelData);
        public ConstantArray Constant(string role, int[] values, bool isModelData = false) => Add(role, CElementType.Int32, values, isModelData);
        public ConstantArray Constant(string role, uint[] values, bool isModelData = false) => Add(role, CElementType.UInt32, values, isModelData);
        public ConstantArray Constant(string role, long[] values, bool isModelData = false) => Add(role, CElementType.Int64, values, isModelData);
        public ConstantArray Constant(string role, float[] values, bool isModelData = false) => Add(role, CElementType.Float32, values, isModelData);

        /// <summary>
        /// The model's data of a constant tensor as a weights array, shared by every layer that reads the same
        /// tensor (named after the first one).
        /// </summary>
        public ConstantArray Weights(RuntimeTensor tensor, string role)
        {
            if (!tensor.IsConstant) throw Operator.Fail(DiagnosticCodes.InvalidOperator, $"tensor '{tensor.Name}' must be a constant");
            return _program.TensorConstant(tensor.Index, () => tensor.Type switch
            {
                TensorType.INT8 => Constant(role, tensor.As<sbyte>().ToArray(), isModelData: true),
                TensorType.UINT8 => Constant(role, tensor.As<byte>().ToArray(), isModelData: true),
                TensorType.INT16 => Constant(role, tensor.As<short>().ToArray(), isModelData: true),
                TensorType.INT32 => Constant(role, tensor.As<int>().ToArray(), isModelData: true),
                TensorType.INT64 => Constant(role, tensor.As<long>().ToArray(), isModelData: true),
                TensorType.FLOAT32 => Constant(role, tensor.As<float>().ToArray(), isModelData: true),
                _ => throw Unsupported($"a constant tensor of type {tensor.Type}"),
            });
        }

        /// <summary>Starts a call of <paramref name="kernel"/> (the runtime file pair and, by default, the function name).</summary>
        public LayerBuilder Call(string kernel, string? function = null, string? paramsType = null) =>
            new(this, kernel, function ?? kernel, paramsType ?? kernel + "_params");

        /// <summary>Makes <paramref name="view"/> share <paramref name="source"/>'s bytes: no call, no copy.</summary>
        public void Alias(RuntimeTensor view, RuntimeTensor source)
        {
            if (view.ByteSize != source.ByteSize)
                throw Operator.Fail(DiagnosticCodes.InvalidOperator, $"'{view.Name}' ({view.ByteSize} bytes) cannot view '{source.Name}' ({source.ByteSize} bytes)");
            _program.Alias(view.Index, source.Index);
        }

        /// <summary>
        /// A rescale's shift as the runtime's <c>mcuai_mbqm</c> takes it: within [-31, 31], where C's shifts of 32-bit
        /// values are defined. Only absurd scales (a multiplier of 2^31 or more) go beyond: MCUAI6002.
        /// </summary>
        public int Shift(int shift)
        {
            if (shift < -31 || shift > 31)
                throw Operator.Fail(DiagnosticCodes.CBackendLoweringFailed,
                    $"a rescale by 2^{NumberFormat.Plain(shift)} (from the tensors' scales) is beyond the 32-bit shifts of the C kernels; check the model's quantization scales");
            return shift;
        }

        /// <summary>
        /// An int8 output's activation range as the kernels clamp to it: within int8 and not empty. A zero point outside
        /// int8 (which TFLM does not check) gives neither: MCUAI6002 (fuzz seed 20261205, mutant 669050).
        /// </summary>
        public void Int8ActivationRange(int min, int max)
        {
            if (min < sbyte.MinValue || max > sbyte.MaxValue || min > max)
                throw Operator.Fail(DiagnosticCodes.CBackendLoweringFailed,
                    $"the activation range [{NumberFormat.Plain(min)}, {NumberFormat.Plain(max)}] (from the output's zero point and fused activation) is not within int8; check the output tensor's zero point");
        }

        /// <summary>Error MCUAI6001 for this operator: the C backend lacks what it needs (<paramref name="what"/>: "a tensor of rank 7").</summary>
        public McuAiException Unsupported(string what) => UnsupportedBecause("with " + what);

        /// <summary>Error MCUAI6001: no lowering of the op handles the operator's tensor types.</summary>
        public McuAiException UnsupportedTypes() =>
            UnsupportedBecause(ModelLowering.TypeSummary(Operator.Model, Operator.Operator));

        private McuAiException UnsupportedBecause(string what) =>
            Operator.Fail(DiagnosticCodes.CBackendUnsupportedOp,
                $"{Operator.OpName} {what} is not supported by {Names.Assign(Setting.Runtime, "c")}; use {Names.Assign(Setting.Runtime, "tflm")} for this model");

        internal void AddLayer(Layer layer) => _program.Layers.Add(layer);

        private ConstantArray Add(string role, CElementType type, Array values, bool isModelData)
        {
            string name = _program.Symbol + "_op" + Operator.OperatorIndex.ToString(CultureInfo.InvariantCulture) + "_" + role;
            var array = new ConstantArray(name, type, values, isModelData, alignment: Math.Max(isModelData ? 4 : 1, CTypes.Size(type)));
            _program.Constants.Add(array);
            return array;
        }
    }

    /// <summary>Collects the fields, tensors and scratch of one kernel call; <see cref="Add"/> appends it to the program.</summary>
    public sealed class LayerBuilder
    {
        private readonly LoweringContext _context;
        private readonly string _kernel;
        private readonly string _function;
        private readonly string _paramsType;
        private readonly List<ParamField> _fields = new();
        private readonly List<int> _inputs = new();
        private readonly List<int> _outputs = new();
        private int _scratch;
        private int _state;
        private int? _inPlace;

        internal LayerBuilder(LoweringContext context, string kernel, string function, string paramsType)
        {
            _context = context;
            _kernel = kernel;
            _function = function;
            _paramsType = paramsType;
        }

        public LayerBuilder Param(string name, long value) => Param(name, ParamValue.Of(value));
        public LayerBuilder Param(string name, bool value) => Param(name, ParamValue.Of(value));
        public LayerBuilder Param(string name, float value) => Param(name, ParamValue.Of(value));
        public LayerBuilder Param(string name, ConstantArray? array) => Param(name, array is null ? ParamValue.Null : ParamValue.Of(array));
        public LayerBuilder Param(string name, IReadOnlyList<int> values) => Param(name, ParamValue.Of(values));

        public LayerBuilder Param(string name, ParamValue value)
        {
            _fields.Add(new ParamField(name, value));
            return this;
        }

        public LayerBuilder Input(RuntimeTensor tensor)
        {
            _inputs.Add(tensor.Index);
            return this;
        }

        public LayerBuilder Output(RuntimeTensor tensor)
        {
            _outputs.Add(tensor.Index);
            return this;
        }

        /// <summary>Scratch bytes, passed as the last argument (a non-zero size).</summary>
        public LayerBuilder Scratch(int bytes)
        {
            _scratch = bytes;
            return this;
        }

        /// <summary>
        /// Bytes of state the kernel keeps between invocations outside tensors (a filter's running estimate, say): placed
        /// in the state buffer, cleared to zeros by S_init, passed after the outputs (before the scratch).
        /// </summary>
        public LayerBuilder State(int bytes)
        {
            _state = bytes;
            return this;
        }

        /// <summary>The output may overwrite input <paramref name="inputPosition"/> (see <see cref="Layer.InPlaceInput"/>).</summary>
        public LayerBuilder InPlace(int inputPosition = 0)
        {
            _inPlace = inputPosition;
            return this;
        }

        public void Add() =>
            _context.AddLayer(new Layer(_context.Operator.OperatorIndex, _context.Operator.OpName, _kernel, _function, _paramsType,
                _fields.ToArray(), _inputs.ToArray(), _outputs.ToArray(), _scratch, _inPlace, _state));
    }
}
