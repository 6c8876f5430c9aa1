using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Memory;
using McuAi.TfLite;

namespace McuAi.Analysis
{
    /// <summary>
    /// Per-operator facts (shapes, MACs, weight bytes), totals, the distinct ops to register, model inputs and outputs,
    /// TFLM support findings and the arena plan of a model. Reads the model only; never copies weight bytes.
    /// </summary>
    public static class ModelAnalyzer
    {
        /// <summary>Analyzes a model that <see cref="ModelReader"/> read (and so validated).</summary>
        /// <param name="fileName">Used in diagnostics.</param>
        public static ModelAnalysis Analyze(Model model, AnalysisOptions? options = null, string? fileName = null)
        {
            options ??= new AnalysisOptions();
            var graph = model.MainSubgraph;
            var layers = new LayerInfo[graph.Operators.Count];
            for (int k = 0; k < layers.Length; k++) layers[k] = Layer(model, graph, k);

            var opsUsed = OpsUsed(model);
            var inputs = graph.Inputs.Select(i => Io(graph, i)).ToArray();
            var outputs = graph.Outputs.Select(i => Io(graph, i)).ToArray();
            long flashBytes = options.ModelSizeBytes ?? model.Buffers.Sum(b => (long)b.Data.Length);
            var warnings = ModelChecks.Run(model, opsUsed, fileName);
            var arena = ArenaPlanner.Plan(model, options.ToArenaOptions(), fileName);
            return new ModelAnalysis(fileName, layers, opsUsed, inputs, outputs, DistinctWeightBytes(model), flashBytes,
                model.Subgraphs.Count, warnings, arena);
        }

        /// <summary>Reads and analyzes a model file; the flash figure is the file's size.</summary>
        public static ModelAnalysis AnalyzeFile(string path, AnalysisOptions? options = null)
        {
            var model = ModelReader.ReadFile(path);
            var withSize = Copy(options ?? new AnalysisOptions());
            withSize.ModelSizeBytes ??= new System.IO.FileInfo(path).Length;
            return Analyze(model, withSize, path);
        }

        private static AnalysisOptions Copy(AnalysisOptions o) =>
            new AnalysisOptions { PointerSize = o.PointerSize, Kernels = o.Kernels, ModelSizeBytes = o.ModelSizeBytes };

        private static LayerInfo Layer(Model model, SubGraph graph, int index)
        {
            var op = graph.Operators[index];
            var code = model.CodeOf(op);
            var inputs = Refs(model, graph, op.Inputs);
            var outputs = Refs(model, graph, op.Outputs);
            long weightBytes = inputs.Where(t => t.IsConstant).Sum(t => t.Bytes);
            long activationBytes = outputs.Where(t => !t.IsConstant).Sum(t => t.Bytes);
            return new LayerInfo(index, code.ShownName, code.Version, inputs, outputs, MacCounter.Count(model, graph, op),
                weightBytes, activationBytes);
        }

        private static TensorRef[] Refs(Model model, SubGraph graph, int[] indices)
        {
            var refs = new List<TensorRef>(indices.Length);
            foreach (int i in indices)
            {
                if (i < 0) continue;
                var t = graph.Tensors[i];
                bool constant = model.IsConstant(t);
                // A constant's bytes are what the file stores; an activation's are what the arena must hold.
                long bytes = constant ? model.DataOf(t).Length : t.ByteSize;
                refs.Add(new TensorRef(i, t.ShownName, t.Shape, t.Type, bytes, constant));
            }
            return refs.ToArray();
        }

        /// <summary>Distinct ops of the operators of every subgraph (not the operator-codes table, which can list unused or duplicate codes).</summary>
        private static IReadOnlyList<OpUsage> OpsUsed(Model model)
        {
            var order = new List<string>();
            var byName = new Dictionary<string, (OperatorCode Code, int MaxVersion, int Count)>(StringComparer.Ordinal);
            foreach (var (code, operators) in model.CodesUsed())
            {
                string name = code.DisplayName;
                if (byName.TryGetValue(name, out var seen))
                    byName[name] = (seen.Code, Math.Max(seen.MaxVersion, code.Version), seen.Count + operators);
                else
                {
                    order.Add(name);
                    byName[name] = (code, code.Version, operators);
                }
            }
            return order.Select(name =>
            {
                var (code, maxVersion, count) = byName[name];
                return new OpUsage(name, code.Op, code.IsCustom ? code.CustomCode ?? "" : null, maxVersion, count, TflmOps.Find(code));
            }).ToArray();
        }

        private static long DistinctWeightBytes(Model model)
        {
            var buffers = new HashSet<uint>();
            long total = 0;
            foreach (var graph in model.Subgraphs)
                foreach (var op in graph.Operators)
                    foreach (int i in op.Inputs)
                    {
                        if (i < 0) continue;
                        var t = graph.Tensors[i];
                        if (model.IsConstant(t) && buffers.Add(t.Buffer)) total += model.DataOf(t).Length;
                    }
            return total;
        }

        private static IoTensor Io(SubGraph graph, int index)
        {
            var t = graph.Tensors[index];
            int[] shape = t.ShapeSignature.Length == t.Shape.Length && t.ShapeSignature.Length > 0 ? t.ShapeSignature : t.Shape;
            var q = t.Quantization;
            bool quantized = t.IsQuantized;
            return new IoTensor(index, t.Name ?? "", t.Type, shape, t.Shape, t.ByteSize,
                quantized ? q!.Scale : Array.Empty<float>(),
                quantized ? q!.ZeroPoint : Array.Empty<long>(),
                quantized ? q!.QuantizedDimension : 0);
        }
    }
}
