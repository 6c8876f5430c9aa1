using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Analysis
{
    /// <summary>
    /// Whether TFLM (at <see cref="TflmOps.TflmCommit"/>) can run a model, as coded diagnostics.
    /// Severity says how sure the finding is: Error = TFLM refuses the model; Warning = it needs the user's attention
    /// (a custom kernel to register, an input type the kernel may reject); Info = a fact TFLM handles.
    /// </summary>
    internal static class ModelChecks
    {
        /// <summary>Ops with weights that TFLite can run "hybrid" (float activations, int8 weights dequantized on the fly).</summary>
        private static readonly HashSet<BuiltinOperator> s_weightedOps = new()
        {
            BuiltinOperator.CONV_2D, BuiltinOperator.DEPTHWISE_CONV_2D, BuiltinOperator.FULLY_CONNECTED,
            BuiltinOperator.TRANSPOSE_CONV, BuiltinOperator.SVDF, BuiltinOperator.LSTM,
            BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, BuiltinOperator.BIDIRECTIONAL_SEQUENCE_LSTM,
            BuiltinOperator.RNN, BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_RNN, BuiltinOperator.BATCH_MATMUL,
        };

        private static readonly HashSet<BuiltinOperator> s_controlFlowOps = new()
        {
            BuiltinOperator.WHILE, BuiltinOperator.IF, BuiltinOperator.CALL_ONCE, BuiltinOperator.CALL,
        };

        public static IReadOnlyList<Diagnostic> Run(Model model, IReadOnlyList<OpUsage> opsUsed, string? file)
        {
            var found = new List<Diagnostic>();
            Hybrid(model, file, found);
            foreach (var usage in opsUsed) Support(usage, file, found);
            Types(model, file, found);
            Int4WeightChecks.Run(model, file, found);
            DynamicShapes(model, file, found);
            Subgraphs(model, file, found);
            VariableTensors(model, file, found);
            return found;
        }

        private static void Hybrid(Model model, string? file, List<Diagnostic> found)
        {
            var graph = model.MainSubgraph;
            var layers = new List<string>();
            for (int k = 0; k < graph.Operators.Count; k++)
            {
                var op = graph.Operators[k];
                var code = model.CodeOf(op);
                if (code.IsCustom || !s_weightedOps.Contains(code.Op)) continue;
                int dataInput = code.Op == BuiltinOperator.TRANSPOSE_CONV ? 2 : 0;
                if (dataInput >= op.Inputs.Length || op.Inputs[dataInput] < 0) continue;
                if (!graph.Tensors[op.Inputs[dataInput]].Type.IsFloat()) continue;
                bool intWeights = op.Inputs.Where(i => i >= 0).Select(i => graph.Tensors[i])
                    .Any(t => model.IsConstant(t) && t.Type is TensorType.INT8 or TensorType.UINT8 or TensorType.INT4);
                if (intWeights) layers.Add($"#{k} {code.ShownName}");
            }
            if (layers.Count == 0) return;
            found.Add(new Diagnostic(DiagnosticCodes.HybridModel, DiagnosticSeverity.Error,
                $"hybrid model: float activations meet int8 weights in {layers.Count} operator(s) ({Summarize(layers)}); " +
                "TFLM does not run hybrid models. Quantize the whole model to int8 (activations too), or export it as float32 " +
                "without weight-only quantization.", file));
        }

        private static void Support(OpUsage usage, string? file, List<Diagnostic> found)
        {
            string uses = usage.Count == 1 ? "1 operator" : $"{usage.Count} operators";
            if (usage.Tflm is null)
            {
                if (usage.CustomName is not null)
                    found.Add(new Diagnostic(DiagnosticCodes.CustomOp, DiagnosticSeverity.Warning,
                        $"custom op '{MessageText.Quote(usage.CustomName)}' ({uses}) is not one TFLM ships; the firmware must register its own kernel " +
                        $"for it (MicroMutableOpResolver::AddCustom(\"{MessageText.Quote(usage.CustomName)}\", ...)).", file));
                else
                    found.Add(new Diagnostic(DiagnosticCodes.UnsupportedOp, DiagnosticSeverity.Error,
                        $"op {usage.Op} ({uses}) has no kernel in TFLM (tflite-micro {TflmOps.TflmCommit}); TFLM cannot run this model. " +
                        "Replace the op when converting the model (e.g. restrict the converter to TFLite builtins that TFLM supports).", file));
                return;
            }
            if (usage.MaxVersionUsed > usage.Tflm.MaxVersion)
                found.Add(new Diagnostic(DiagnosticCodes.OpVersionTooNew, DiagnosticSeverity.Error,
                    $"op {usage.Op} is used at version {usage.MaxVersionUsed}, but TFLM (tflite-micro {TflmOps.TflmCommit}) " +
                    $"supports it up to version {usage.Tflm.MaxVersion}; convert the model with settings TFLM supports " +
                    "(the version encodes the feature used, e.g. int4 weights or hybrid execution).", file));
        }

        /// <summary>Main input types the TFLM kernel does not list; one finding per op and type.</summary>
        private static void Types(Model model, string? file, List<Diagnostic> found)
        {
            var graph = model.MainSubgraph;
            var groups = new List<(TflmOpInfo Info, TensorType Type, List<string> Operators)>();
            for (int k = 0; k < graph.Operators.Count; k++)
            {
                var op = graph.Operators[k];
                var info = TflmOps.Find(model.CodeOf(op));
                if (info is null || info.MainInput >= op.Inputs.Length || op.Inputs[info.MainInput] < 0) continue;
                var type = graph.Tensors[op.Inputs[info.MainInput]].Type;
                if (info.Types.Contains(type)) continue;
                int g = groups.FindIndex(x => x.Info == info && x.Type == type);
                if (g < 0) groups.Add((info, type, new List<string>()));
                groups[g < 0 ? groups.Count - 1 : g].Operators.Add("#" + k.ToString(CultureInfo.InvariantCulture));
            }
            foreach (var (info, type, operators) in groups)
                found.Add(new Diagnostic(DiagnosticCodes.UnsupportedType, DiagnosticSeverity.Warning,
                    $"{info.OpName} with a {type} input (operator(s) {Summarize(operators)}) is not among the types TFLM's kernel " +
                    $"accepts ({string.Join(", ", info.Types)}); TFLM may fail in Prepare. Check the model's quantization.", file));
        }

        private static void DynamicShapes(Model model, string? file, List<Diagnostic> found)
        {
            var dynamic = model.MainSubgraph.Tensors.Where(t => t.IsDynamic).ToList();
            if (dynamic.Count == 0) return;
            bool batchOnly = dynamic.All(t => Enumerable.Range(1, t.ShapeSignature.Length - 1).All(d => t.ShapeSignature[d] != -1));
            if (batchOnly)
                found.Add(new Diagnostic(DiagnosticCodes.DynamicShape, DiagnosticSeverity.Info,
                    $"{dynamic.Count} tensor(s) have a dynamic batch dimension; TFLM runs the model with the static shapes " +
                    "stored in the file (usually batch 1).", file));
            else
                found.Add(new Diagnostic(DiagnosticCodes.DynamicShape, DiagnosticSeverity.Warning,
                    $"{dynamic.Count} tensor(s) have dynamic dimensions other than the batch; TFLM only uses the static shapes " +
                    "stored in the file and cannot resize them. Export the model with fixed input shapes.", file));
        }

        private static void Subgraphs(Model model, string? file, List<Diagnostic> found)
        {
            if (model.Subgraphs.Count <= 1) return;
            var controlFlow = model.Subgraphs.SelectMany(g => g.Operators).Select(op => model.CodeOf(op))
                .Where(c => !c.IsCustom && s_controlFlowOps.Contains(c.Op)).Select(c => c.ShownName).Distinct().ToList();
            string ops = controlFlow.Count == 0 ? "no control-flow op" : string.Join(", ", controlFlow);
            found.Add(new Diagnostic(DiagnosticCodes.MultipleSubgraphs, DiagnosticSeverity.Warning,
                $"the model has {model.Subgraphs.Count} subgraphs ({ops}); the per-layer table and the arena estimate cover " +
                "subgraph 0 only, so reserve extra arena for the others.", file));
        }

        private static void VariableTensors(Model model, string? file, List<Diagnostic> found)
        {
            int count = model.Subgraphs.Sum(g => g.Tensors.Count(t => t.IsVariable));
            if (count == 0) return;
            found.Add(new Diagnostic(DiagnosticCodes.VariableTensors, DiagnosticSeverity.Info,
                $"the model has {count} variable (stateful) tensor(s): their contents persist between Invoke() calls and live " +
                "in the arena for the interpreter's lifetime; call MicroInterpreter::Reset() to clear them.", file));
        }

        private static string Summarize(List<string> items) =>
            items.Count <= 5 ? string.Join(", ", items) : string.Join(", ", items.Take(5)) + $", ... ({items.Count - 5} more)";
    }
}
