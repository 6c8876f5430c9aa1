using System.Collections.Generic;
using System.Linq;
using McuAi.TfLite;

namespace McuAi.Runtime.C.Bench
{
    /// <summary>
    /// One operator of a model as a model of its own: its tensors (constants with their data), its options
    /// and operator code; its activation inputs become the model's inputs, its outputs the model's outputs.
    /// Compiled alone, it measures what that layer costs in the whole model.
    /// </summary>
    public static class SingleOperatorModel
    {
        public static Model Extract(Model source, int operatorIndex)
        {
            var graph = source.MainSubgraph;
            var op = graph.Operators[operatorIndex];
            var model = new Model { Version = source.Version };
            model.Buffers.Add(new Buffer());
            model.OperatorCodes.Add(source.CodeOf(op));
            var sub = new SubGraph();
            model.Subgraphs.Add(sub);
            var map = new Dictionary<int, int>();
            int Map(int t)
            {
                if (t < 0) return t;
                if (map.TryGetValue(t, out int mapped)) return mapped;
                var tensor = graph.Tensors[t];
                uint buffer = 0;
                if (source.IsConstant(tensor))
                {
                    model.Buffers.Add(new Buffer { Data = source.DataOf(tensor).ToArray(), HasDataField = true });
                    buffer = (uint)(model.Buffers.Count - 1);
                }
                sub.Tensors.Add(new Tensor
                {
                    Shape = tensor.Shape, Type = tensor.Type, Buffer = buffer, Name = tensor.Name,
                    Quantization = tensor.Quantization, IsVariable = tensor.IsVariable, ShapeSignature = tensor.ShapeSignature, HasRank = tensor.HasRank,
                });
                return map[t] = sub.Tensors.Count - 1;
            }
            var inputs = op.Inputs.Select(Map).ToArray();
            var outputs = op.Outputs.Select(Map).ToArray();
            sub.Operators.Add(new Operator
            {
                OpcodeIndex = 0, Inputs = inputs, Outputs = outputs, BuiltinOptions = op.BuiltinOptions, CustomOptions = op.CustomOptions,
            });
            sub.Inputs = inputs.Where(t => t >= 0 && !model.IsConstant(sub.Tensors[t]) && !sub.Tensors[t].IsVariable).Distinct().ToArray();
            sub.Outputs = outputs;
            return model;
        }
    }
}
