using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Compiler
{
    /// <summary>
    /// Lowers subgraph 0 of a model to a <see cref="LayerProgram"/>. The interpreter prepares every
    /// operator first (its checks and its constants are the bit-exact ones); each prepared operator then
    /// goes to the lowerings registered for its op (<see cref="LoweringRegistry"/>). An op or type path
    /// without a lowering is error MCUAI6001, never a silent fallback.
    /// </summary>
    public static class ModelLowering
    {
        public static LayerProgram Lower(Model model, string symbol, string? fileName, SettingNames names, CompileOptimization optimization = CompileOptimization.Speed)
        {
            string c = names.Assign(Setting.Runtime, "c"), tflm = names.Assign(Setting.Runtime, "tflm");
            if (model is null) throw new ArgumentNullException(nameof(model));
            var graph = model.MainSubgraph;
            // An op the backend lacks is reported as such, before the interpreter could call it unknown to it.
            for (int k = 0; k < graph.Operators.Count; k++)
            {
                var code = model.CodeOf(graph.Operators[k]);
                if (LoweringRegistry.For(code).Count == 0)
                    throw new McuAiException(DiagnosticCodes.CBackendUnsupportedOp, fileName,
                        $"operator {k} ({code.ShownName}): {code.ShownName} {TypeSummary(model, graph.Operators[k])} is not supported by {c}; " +
                        $"use {tflm} for this model. The C backend lowers: " + string.Join(", ", LoweringRegistry.SupportedOps()));
            }
            var interpreter = new ModelInterpreter(model, new InterpreterOptions(), fileName);
            var builder = new ProgramBuilder(symbol, optimization);
            for (int k = 0; k < graph.Operators.Count; k++)
            {
                var op = graph.Operators[k];
                var code = model.CodeOf(op);
                var inputs = op.Inputs.Select(i => i < 0 ? null : interpreter.Tensor(i)).ToArray();
                var outputs = op.Outputs.Select(i => interpreter.Tensor(i)).ToArray();
                // A constant has its place in flash: an operator writing one has nowhere to write (fuzz seed 20261205,
                // mutant 712150: KeyNotFoundException in the emitter).
                foreach (int t in op.Outputs)
                    if (model.IsConstant(graph.Tensors[t]))
                        throw new McuAiException(DiagnosticCodes.CBackendLoweringFailed, fileName,
                            $"operator {k} ({code.ShownName}) writes tensor {t}, which holds constant data; {c} needs operators to write computed tensors. Check the model's operator outputs");
                var prepare = new PrepareContext(model, op, k, code.ShownName, inputs, outputs, fileName);
                var context = new LoweringContext(builder, prepare, interpreter.PreparedOps[k], names);
                if (!LoweringRegistry.For(code).Any(l => l.TryLower(context)))
                    throw context.UnsupportedTypes();
            }
            foreach (int output in graph.Outputs)
                if (model.IsConstant(graph.Tensors[builder.Root(output)]))
                    throw new McuAiException(DiagnosticCodes.CBackendLoweringFailed, fileName,
                        $"output tensor {output} is a constant; {c} needs every output computed by an operator. Use {tflm}");
            // Constant arrays are emitted for the constants the layers read: a constant input no layer reads has no place.
            var used = new HashSet<int>(builder.Layers.SelectMany(l => l.Inputs.Concat(l.Outputs)
                .Concat(l.Params.Select(p => p.Value).OfType<ParamValue.TensorTable>().SelectMany(table => table.Tensors))).Select(builder.Root));
            foreach (int t in graph.Inputs)
                if (model.IsConstant(graph.Tensors[builder.Root(t)]) && !used.Contains(builder.Root(t)))
                    throw new McuAiException(DiagnosticCodes.CBackendLoweringFailed, fileName,
                        $"model input tensor {t} is a constant that no operator reads; {c} has no place for it. Remove it from the model's inputs");
            foreach (int t in graph.Inputs.Concat(graph.Outputs))
                if (CTypes.Of(graph.Tensors[t].Type) is null)
                    throw new McuAiException(DiagnosticCodes.CBackendUnsupportedOp, fileName,
                        $"model input/output tensor {t} has type {graph.Tensors[t].Type}, which {c} does not support; use {tflm}");
            builder.AddConstantInputs(model, fileName, names);
            return new LayerProgram(model, symbol, builder.Layers, builder.Constants, builder.ConstantInputs, builder.ResolvedAliases(), graph.Inputs, graph.Outputs);
        }

        /// <summary>"(INT8, INT8, INT32 -> INT8)": the operator's tensor types, for messages.</summary>
        internal static string TypeSummary(Model model, Operator op)
        {
            var tensors = model.MainSubgraph.Tensors;
            string inputs = string.Join(", ", op.Inputs.Where(i => i >= 0).Select(i => tensors[i].Type.ToString()));
            string outputs = string.Join(", ", op.Outputs.Select(i => tensors[i].Type.ToString()));
            return $"on types ({inputs} -> {outputs})";
        }
    }

    /// <summary>The program under construction: what lowerings add through their <see cref="LoweringContext"/>.</summary>
    internal sealed class ProgramBuilder
    {
        private readonly Dictionary<int, int> _aliases = new();
        private readonly Dictionary<int, ConstantArray> _tensorConstants = new();

        public ProgramBuilder(string symbol, CompileOptimization optimization)
        {
            Symbol = symbol;
            Optimization = optimization;
        }

        public string Symbol { get; }
        public CompileOptimization Optimization { get; }
        public List<Layer> Layers { get; } = new();
        public List<ConstantArray> Constants { get; } = new();

        public ConstantArray TensorConstant(int tensor, Func<ConstantArray> create)
        {
            if (!_tensorConstants.TryGetValue(tensor, out var array)) _tensorConstants[tensor] = array = create();
            return array;
        }

        public void Alias(int view, int source) => _aliases[view] = Root(source);

        public int Root(int tensor)
        {
            while (_aliases.TryGetValue(tensor, out int source)) tensor = source;
            return tensor;
        }

        public IReadOnlyDictionary<int, int> ResolvedAliases() => _aliases.Keys.ToDictionary(k => k, Root);

        /// <summary>Constant tensors that layers read as tensors (for instance a constant operand of ADD), by root tensor.</summary>
        public Dictionary<int, ConstantArray> ConstantInputs { get; } = new();

        /// <summary>Gives every constant tensor a layer reads as an input (directly or through a view) its array.</summary>
        public void AddConstantInputs(Model model, string? fileName, SettingNames names)
        {
            var tensors = model.MainSubgraph.Tensors;
            var read = Layers.SelectMany(l => l.Inputs.Concat(l.Params.Select(p => p.Value).OfType<ParamValue.TensorTable>().SelectMany(t => t.Tensors)));
            foreach (int root in read.Select(Root).Distinct().OrderBy(t => t))
            {
                var tensor = tensors[root];
                if (!model.IsConstant(tensor) || ConstantInputs.ContainsKey(root)) continue;
                var data = model.DataOf(tensor).Span;
                Array values = tensor.Type switch
                {
                    TensorType.INT8 => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(data).ToArray(),
                    TensorType.UINT8 => data.ToArray(),
                    TensorType.INT16 => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(data).ToArray(),
                    TensorType.UINT16 => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(data).ToArray(),
                    TensorType.INT32 => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(data).ToArray(),
                    TensorType.UINT32 => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(data).ToArray(),
                    TensorType.INT64 => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(data).ToArray(),
                    TensorType.UINT64 => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(data).ToArray(),
                    TensorType.FLOAT32 => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(data).ToArray(),
                    _ => throw new McuAiException(DiagnosticCodes.CBackendUnsupportedOp, fileName,
                        $"constant tensor {root} has type {tensor.Type}, which {names.Assign(Setting.Runtime, "c")} does not support; use {names.Assign(Setting.Runtime, "tflm")}"),
                };
                var type = CTypes.Of(tensor.Type)!.Value;
                var array = _tensorConstants.TryGetValue(root, out var existing) ? existing
                    : new ConstantArray(Symbol + "_t" + root.ToString(System.Globalization.CultureInfo.InvariantCulture), type, values, isModelData: true, alignment: Math.Max(4, CTypes.Size(type)));
                if (existing is null) Constants.Add(array);
                ConstantInputs[root] = array;
            }
        }
    }
}
