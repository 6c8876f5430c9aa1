using System;
using McuAi.Diagnostics;

namespace McuAi.TfLite
{
    /// <summary>
    /// Checks what the FlatBuffer layer cannot: indices in range, sane shapes, and operators in
    /// execution order. Everything later (analysis, interpreter, code generation) relies on these checks.
    /// </summary>
    public static class ModelValidator
    {
        /// <summary>Largest element count a tensor may have: beyond this, byte sizes overflow 32-bit MCU arithmetic anyway.</summary>
        public const long MaxElementCount = int.MaxValue;

        public static void Validate(Model model, string? fileName)
        {
            if (model.Subgraphs.Count == 0)
                throw new McuAiException(DiagnosticCodes.NoSubgraph, fileName, "the model has no subgraph, so there is nothing to run. Export the model again.");

            for (int m = 0; m < model.Metadata.Count; m++)
                CheckIndex(model.Metadata[m].Buffer, model.Buffers.Count, fileName, $"metadata '{model.Metadata[m].Name}'", "buffer");
            foreach (int b in model.MetadataBuffer)
                CheckIndex(b, model.Buffers.Count, fileName, "metadata_buffer", "buffer");

            for (int s = 0; s < model.Subgraphs.Count; s++)
                ValidateSubgraph(model, s, fileName);

            foreach (var sig in model.SignatureDefs)
            {
                CheckIndex(sig.SubgraphIndex, model.Subgraphs.Count, fileName, $"signature '{sig.SignatureKey}'", "subgraph");
                var g = model.Subgraphs[(int)sig.SubgraphIndex];
                foreach (var map in sig.Inputs) CheckIndex(map.TensorIndex, g.Tensors.Count, fileName, $"signature '{sig.SignatureKey}'", "tensor");
                foreach (var map in sig.Outputs) CheckIndex(map.TensorIndex, g.Tensors.Count, fileName, $"signature '{sig.SignatureKey}'", "tensor");
            }
        }

        private static void ValidateSubgraph(Model model, int s, string? fileName)
        {
            var g = model.Subgraphs[s];
            string where = model.Subgraphs.Count == 1 ? "" : $" of subgraph {s}";
            for (int t = 0; t < g.Tensors.Count; t++)
            {
                var tensor = g.Tensors[t];
                CheckIndex(tensor.Buffer, model.Buffers.Count, fileName, $"tensor {t} '{tensor.Name}'{where}", "buffer");
                long count = 1;
                foreach (int d in tensor.Shape)
                {
                    if (d < 0)
                        throw new McuAiException(DiagnosticCodes.InvalidShape, fileName,
                            $"tensor {t} '{tensor.Name}'{where} has a negative dimension in shape [{string.Join(",", tensor.Shape)}]. Give the model fixed input shapes before converting it.");
                    if (d != 0 && count > MaxElementCount / d)
                        throw new McuAiException(DiagnosticCodes.InvalidShape, fileName,
                            $"tensor {t} '{tensor.Name}'{where} has shape [{string.Join(",", tensor.Shape)}], whose element count overflows. The file is corrupted.");
                    count *= d;
                }
                int elementSize = tensor.Type.ElementSize();
                var data = model.DataOf(tensor);
                if (tensor.Buffer != 0 && data.Length > 0 && elementSize > 0 && data.Length < tensor.Type.ByteSize(count))
                    throw new McuAiException(DiagnosticCodes.BufferSizeMismatch, fileName,
                        $"tensor {t} '{tensor.Name}'{where} needs {tensor.Type.ByteSize(count)} bytes for shape [{string.Join(",", tensor.Shape)}] but its buffer has {data.Length}. The file is corrupted.");
            }
            foreach (int i in g.Inputs) CheckTensor(i, g, fileName, $"subgraph {s} inputs", allowAbsent: false);
            foreach (int o in g.Outputs) CheckTensor(o, g, fileName, $"subgraph {s} outputs", allowAbsent: false);

            // producer[t] = index of the operator that writes tensor t, or -1.
            var producer = new int[g.Tensors.Count];
            for (int t = 0; t < producer.Length; t++) producer[t] = -1;
            for (int k = 0; k < g.Operators.Count; k++)
            {
                var op = g.Operators[k];
                CheckIndex(op.OpcodeIndex, model.OperatorCodes.Count, fileName, $"operator {k}{where}", "operator code");
                string name = model.OperatorCodes[(int)op.OpcodeIndex].DisplayName;
                foreach (int i in op.Inputs) CheckTensor(i, g, fileName, $"operator {k} ({name}){where} inputs", allowAbsent: true);
                foreach (int i in op.Outputs) CheckTensor(i, g, fileName, $"operator {k} ({name}){where} outputs", allowAbsent: false);
                foreach (int i in op.Intermediates) CheckTensor(i, g, fileName, $"operator {k} ({name}){where} intermediates", allowAbsent: true);
                foreach (int o in op.Outputs)
                    if (producer[o] < 0) producer[o] = k;
            }
            for (int k = 0; k < g.Operators.Count; k++)
            {
                var op = g.Operators[k];
                foreach (int i in op.Inputs)
                {
                    if (i < 0) continue;
                    var tensor = g.Tensors[i];
                    bool available = producer[i] < 0 || producer[i] < k || tensor.IsVariable || model.IsConstant(tensor);
                    if (!available)
                    {
                        string name = model.OperatorCodes[(int)op.OpcodeIndex].DisplayName;
                        throw new McuAiException(DiagnosticCodes.GraphOrder, fileName,
                            $"operator {k} ({name}){where} reads tensor {i} '{tensor.Name}', which operator {producer[i]} produces: operators must come in execution order. The file is corrupted.");
                    }
                }
            }
        }

        private static void CheckTensor(int index, SubGraph g, string? fileName, string what, bool allowAbsent)
        {
            if (allowAbsent && index == -1) return;
            if (index < 0 || index >= g.Tensors.Count)
                throw new McuAiException(DiagnosticCodes.IndexOutOfRange, fileName,
                    $"{what} name tensor {index}, but the subgraph has {g.Tensors.Count} tensors. The file is corrupted.");
        }

        private static void CheckIndex(long index, int count, string? fileName, string what, string kind)
        {
            if (index < 0 || index >= count)
                throw new McuAiException(DiagnosticCodes.IndexOutOfRange, fileName,
                    $"{what} refers to {kind} {index}, but the model has {count}. The file is corrupted.");
        }
    }
}
