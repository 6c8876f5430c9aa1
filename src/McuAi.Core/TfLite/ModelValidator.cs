using System;
using System.Linq;
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

        /// <summary>Most dimensions a tensor may have.</summary>
        public const int MaxRank = 16;

        public static void Validate(Model model, string? fileName)
        {
            if (model.Subgraphs.Count == 0)
                throw new McuAiException(DiagnosticCodes.NoSubgraph, fileName, "the model has no subgraph, so there is nothing to run. Export the model again.");

            for (int m = 0; m < model.Metadata.Count; m++)
                if (!InRange(model.Metadata[m].Buffer, model.Buffers.Count))
                    throw IndexError(fileName, $"metadata '{MessageText.Quote(model.Metadata[m].Name)}'", "buffer", model.Metadata[m].Buffer, model.Buffers.Count);
            foreach (int b in model.MetadataBuffer)
                if (!InRange(b, model.Buffers.Count)) throw IndexError(fileName, "metadata_buffer", "buffer", b, model.Buffers.Count);

            for (int s = 0; s < model.Subgraphs.Count; s++)
                ValidateSubgraph(model, s, fileName);
            ControlFlowValidator.Validate(model, fileName);

            foreach (var sig in model.SignatureDefs)
            {
                if (!InRange(sig.SubgraphIndex, model.Subgraphs.Count))
                    throw IndexError(fileName, $"signature '{MessageText.Quote(sig.SignatureKey)}'", "subgraph", sig.SubgraphIndex, model.Subgraphs.Count);
                var g = model.Subgraphs[(int)sig.SubgraphIndex];
                foreach (var map in sig.Inputs.Concat(sig.Outputs))
                    if (!InRange(map.TensorIndex, g.Tensors.Count))
                        throw IndexError(fileName, $"signature '{MessageText.Quote(sig.SignatureKey)}'", "tensor", map.TensorIndex, g.Tensors.Count);
            }
        }

        private static void ValidateSubgraph(Model model, int s, string? fileName)
        {
            var g = model.Subgraphs[s];
            string where = model.Subgraphs.Count == 1 ? "" : $" of subgraph {s}";
            for (int t = 0; t < g.Tensors.Count; t++)
            {
                var tensor = g.Tensors[t];
                if (!InRange(tensor.Buffer, model.Buffers.Count))
                    throw IndexError(fileName, $"tensor {t} '{MessageText.Quote(tensor.Name)}'{where}", "buffer", tensor.Buffer, model.Buffers.Count);
                // Bounded before any consumer walks the shape: a tensor of 32,768 dimensions listed by hundreds of
                // operators made analysis allocate 1.5 GB (long fuzz run, seed 20261205, mutants 849573, 895593, 920779).
                if (tensor.Shape.Length > MaxRank)
                    throw new McuAiException(DiagnosticCodes.InvalidShape, fileName,
                        $"tensor {t} '{MessageText.Quote(tensor.Name)}'{where} has {tensor.Shape.Length} dimensions; McuAi.Build reads tensors of at most {MaxRank} (TFLite models use 0 to 6). The file is corrupted.");
                long count = 1;
                foreach (int d in tensor.Shape)
                {
                    if (d < 0)
                        throw new McuAiException(DiagnosticCodes.InvalidShape, fileName,
                            $"tensor {t} '{MessageText.Quote(tensor.Name)}'{where} has a negative dimension in shape [{string.Join(",", tensor.Shape)}]. Give the model fixed input shapes before converting it.");
                    if (d != 0 && count > MaxElementCount / d)
                        throw new McuAiException(DiagnosticCodes.InvalidShape, fileName,
                            $"tensor {t} '{MessageText.Quote(tensor.Name)}'{where} has shape [{string.Join(",", tensor.Shape)}], whose element count overflows. The file is corrupted.");
                    count *= d;
                }
                if (!Enum.IsDefined(typeof(TensorType), tensor.Type))
                    throw new McuAiException(DiagnosticCodes.UnsupportedType, fileName,
                        $"tensor {t} '{MessageText.Quote(tensor.Name)}'{where} has type {(int)tensor.Type}, which the TFLite schema does not define. The file is corrupted; export the model again.");
                if (tensor.Quantization is { } q) ValidateQuantization(q, $"tensor {t} '{MessageText.Quote(tensor.Name)}'{where}", fileName);
                int elementSize = tensor.Type.ElementSize();
                var data = model.DataOf(tensor);
                // Exactly the size: a smaller buffer reads past its end, a larger one overflows whatever copies it by its length.
                if (tensor.Buffer != 0 && data.Length > 0 && elementSize > 0 && data.Length != tensor.Type.ByteSize(count))
                    throw new McuAiException(DiagnosticCodes.BufferSizeMismatch, fileName,
                        $"tensor {t} '{MessageText.Quote(tensor.Name)}'{where} needs {tensor.Type.ByteSize(count)} bytes for shape [{string.Join(",", tensor.Shape)}] but its buffer has {data.Length}. The file is corrupted.");
            }
            foreach (int i in g.Inputs) if (!IsTensor(i, g, allowAbsent: false)) throw TensorError(fileName, $"subgraph {s} inputs", i, g);
            foreach (int o in g.Outputs) if (!IsTensor(o, g, allowAbsent: false)) throw TensorError(fileName, $"subgraph {s} outputs", o, g);

            // producer[t] = index of the operator that writes tensor t, or -1.
            var producer = new int[g.Tensors.Count];
            for (int t = 0; t < producer.Length; t++) producer[t] = -1;
            for (int k = 0; k < g.Operators.Count; k++)
            {
                var op = g.Operators[k];
                if (!InRange(op.OpcodeIndex, model.OperatorCodes.Count))
                    throw IndexError(fileName, $"operator {k}{where}", "operator code", op.OpcodeIndex, model.OperatorCodes.Count);
                // Messages are built only on failure: validation runs on every read and must not allocate per operator.
                foreach (int i in op.Inputs)
                    if (!IsTensor(i, g, allowAbsent: true)) throw TensorError(fileName, $"operator {k} ({model.CodeOf(op).ShownName}){where} inputs", i, g);
                foreach (int i in op.Outputs)
                    if (!IsTensor(i, g, allowAbsent: false)) throw TensorError(fileName, $"operator {k} ({model.CodeOf(op).ShownName}){where} outputs", i, g);
                foreach (int i in op.Intermediates)
                    if (!IsTensor(i, g, allowAbsent: true)) throw TensorError(fileName, $"operator {k} ({model.CodeOf(op).ShownName}){where} intermediates", i, g);
                foreach (int o in op.Outputs)
                    if (producer[o] < 0) producer[o] = k;
                OperatorValidator.Validate(model, g, op, k, where, fileName);
                SignalOptionsValidator.Validate(model.CodeOf(op), op, k, where, fileName);
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
                        string name = model.OperatorCodes[(int)op.OpcodeIndex].ShownName;
                        throw new McuAiException(DiagnosticCodes.GraphOrder, fileName,
                            $"operator {k} ({name}){where} reads tensor {i} '{MessageText.Quote(tensor.Name)}', which operator {producer[i]} produces: operators must come in execution order. The file is corrupted.");
                    }
                }
            }
        }

        /// <summary>
        /// What TFLM copies into int32 arrays and the kernels compute with: zero points within int32, finite
        /// non-negative scales, and a quantized dimension that is not negative. (Converters leave a bias's
        /// quantized dimension at its filter's, beyond the bias's rank: that is harmless and stays allowed.)
        /// </summary>
        private static void ValidateQuantization(QuantizationParameters q, string what, string? fileName)
        {
            string? problem = null;
            foreach (long zp in q.ZeroPoint)
                if (zp < int.MinValue || zp > int.MaxValue) { problem = $"zero point {zp} does not fit 32 bits"; break; }
            foreach (float scale in q.Scale)
                if (float.IsNaN(scale) || float.IsInfinity(scale) || scale < 0) { problem ??= $"scale {scale.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is not a finite, non-negative number"; break; }
            if (problem is null && q.QuantizedDimension < 0) problem = $"quantized dimension {q.QuantizedDimension} is negative";
            if (problem is not null)
                throw new McuAiException(DiagnosticCodes.InvalidQuantization, fileName, $"{what} has invalid quantization: {problem}. The file is corrupted; export the model again.");
        }

        private static bool IsTensor(int index, SubGraph g, bool allowAbsent) =>
            (allowAbsent && index == -1) || (index >= 0 && index < g.Tensors.Count);

        private static McuAiException TensorError(string? fileName, string what, int index, SubGraph g) =>
            new(DiagnosticCodes.IndexOutOfRange, fileName,
                $"{what} name tensor {index}, but the subgraph has {g.Tensors.Count} tensors. The file is corrupted.");

        private static bool InRange(long index, int count) => index >= 0 && index < count;

        private static McuAiException IndexError(string? fileName, string what, string kind, long index, int count) =>
            new(DiagnosticCodes.IndexOutOfRange, fileName, $"{what} refers to {kind} {index}, but the model has {count}. The file is corrupted.");
    }
}
