using System.Collections.Generic;
using System.Globalization;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Analysis
{
    /// <summary>
    /// Where TFLM (at <see cref="TflmOps.TflmCommit"/>) accepts INT4 tensors: as the constant filter (input 1) of
    /// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with int8 activations, FULLY_CONNECTED only with one
    /// (per-tensor) scale (kernels/conv_common.cc, depthwise_conv_common.cc, fully_connected.cc and
    /// fully_connected_common.cc, and their cmsis_nn versions). Anywhere else TFLM's Prepare fails: an error.
    /// </summary>
    internal static class Int4WeightChecks
    {
        public static void Run(Model model, string? file, List<Diagnostic> found)
        {
            var graph = model.MainSubgraph;
            for (int k = 0; k < graph.Operators.Count; k++)
            {
                var op = graph.Operators[k];
                var code = model.CodeOf(op);
                for (int slot = 0; slot < op.Inputs.Length; slot++)
                {
                    int index = op.Inputs[slot];
                    if (index < 0 || graph.Tensors[index].Type != TensorType.INT4) continue;
                    string? problem = Problem(model, graph, op, code, slot, graph.Tensors[index]);
                    if (problem is null) continue;
                    found.Add(new Diagnostic(DiagnosticCodes.UnsupportedType, DiagnosticSeverity.Error,
                        string.Format(CultureInfo.InvariantCulture, "operator #{0} ({1}): INT4 tensor '{2}' {3}; TFLM's Prepare fails. Keep this layer's weights at 8 bits.",
                            k, code.ShownName, graph.Tensors[index].ShownName, problem), file));
                }
            }
        }

        private static string? Problem(Model model, SubGraph graph, Operator op, OperatorCode code, int slot, Tensor tensor)
        {
            bool filterOp = !code.IsCustom && code.Op is BuiltinOperator.CONV_2D or BuiltinOperator.DEPTHWISE_CONV_2D or BuiltinOperator.FULLY_CONNECTED;
            if (!filterOp || slot != 1) return "is not the filter of a CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED";
            if (!model.IsConstant(tensor)) return "is not constant";
            if (op.Inputs[0] < 0 || graph.Tensors[op.Inputs[0]].Type != TensorType.INT8) return "meets a non-int8 input (TFLM takes INT4 filters with int8 activations only)";
            if (code.Op == BuiltinOperator.FULLY_CONNECTED && tensor.Quantization is { Scale.Length: > 1 })
                return "has per-channel scales (TFLM's FULLY_CONNECTED takes INT4 weights per tensor only)";
            return null;
        }
    }
}
