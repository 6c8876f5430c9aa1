using System.Collections.Generic;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>
    /// Rewrites constant tensors of a model (a copy the caller owns) without disturbing other users of the same
    /// data: a tensor read by several operator inputs, or a buffer shared by several tensors (deduplicated
    /// constants), is never changed in place for one of them.
    /// </summary>
    internal sealed class ConstantEditor
    {
        private readonly int[] _bufferUses;
        private readonly Dictionary<int, int> _tensorUses = new();

        public ConstantEditor(Model model)
        {
            Model = model;
            Graph = model.MainSubgraph;
            _bufferUses = new int[model.Buffers.Count];
            foreach (var t in Graph.Tensors)
                if (t.Buffer < _bufferUses.Length) _bufferUses[t.Buffer]++;
            foreach (var op in Graph.Operators)
                foreach (int i in op.Inputs)
                    if (i >= 0) _tensorUses[i] = Uses(i) + 1;
            foreach (int o in Graph.Outputs) _tensorUses[o] = Uses(o) + 1;
        }

        public Model Model { get; }
        public SubGraph Graph { get; }

        /// <summary>How many operator inputs (and graph outputs) read tensor <paramref name="index"/>.</summary>
        public int Uses(int index) => _tensorUses.TryGetValue(index, out int n) ? n : 0;

        /// <summary>Whether the constant at <paramref name="index"/> is read by one operator input only, so it can change for that operator.</summary>
        public bool IsPrivate(int index) => index >= 0 && Uses(index) == 1 && Model.IsConstant(Graph.Tensors[index]);

        /// <summary>
        /// The index of a constant that input <paramref name="slot"/> of <paramref name="op"/> alone reads: the tensor itself
        /// when no other input reads it, else a new copy (sharing the bytes until <see cref="SetData"/> replaces them).
        /// </summary>
        public int Own(Operator op, int slot)
        {
            int index = op.Inputs[slot];
            if (Uses(index) <= 1) return index;
            var original = Graph.Tensors[index];
            var copy = ModelCopier.Copy(original);
            copy.Name = original.Name + "_own";
            Graph.Tensors.Add(copy);
            int copyIndex = Graph.Tensors.Count - 1;
            _bufferUses[copy.Buffer]++;
            _tensorUses[index] = Uses(index) - 1;
            _tensorUses[copyIndex] = 1;
            op.Inputs[slot] = copyIndex;
            return copyIndex;
        }

        /// <summary>Replaces a tensor's bytes; a buffer other tensors share is left to them and the tensor gets a new one.</summary>
        public void SetData(Tensor tensor, byte[] data)
        {
            if (tensor.Buffer < _bufferUses.Length && _bufferUses[tensor.Buffer] > 1)
            {
                _bufferUses[tensor.Buffer]--;
                Model.Buffers.Add(new Buffer { Data = data, HasDataField = true });
                tensor.Buffer = (uint)(Model.Buffers.Count - 1);
                return;
            }
            var buffer = Model.Buffers[(int)tensor.Buffer];
            buffer.Data = data;
            buffer.Offset = 0;
            buffer.Size = 0;
            buffer.HasDataField = true;
        }
    }
}
