using System;
using System.Collections.Generic;
using McuAi.Fuzz.Schema;

namespace McuAi.Fuzz.Tree
{
    /// <summary>
    /// A FlatBuffer as a graph of nodes: tables, vectors and strings. A node referenced from several places
    /// is one object, so the graph says which data the file shares, and a mutation can make new sharing
    /// (many vector slots pointing at one table). Scalar bytes are never changed in place: a mutation
    /// replaces the array, so clones can share arrays.
    /// </summary>
    public abstract class FbNode
    {
        /// <summary>A copy of this node and everything below it; <paramref name="copies"/> keeps sharing as it was.</summary>
        public abstract FbNode Clone(Dictionary<FbNode, FbNode> copies);

        protected T Memo<T>(Dictionary<FbNode, FbNode> copies, Func<T> create, Action<T> fill) where T : FbNode
        {
            if (copies.TryGetValue(this, out var existing)) return (T)existing;
            var copy = create();
            copies[this] = copy;
            fill(copy);
            return copy;
        }
    }

    /// <summary>
    /// A table: field id → inline scalar bytes or a child node. <see cref="Schema"/> is the table type the
    /// file meant (it may be wrong after a mutation: the encoder does not use it, mutations do).
    /// </summary>
    public sealed class FbTableNode : FbNode
    {
        public FbTableNode(FbsTable schema) => Schema = schema;

        public FbsTable Schema { get; set; }
        public SortedDictionary<int, object> Fields { get; } = new();

        public FbNode? Child(string name) => Fields.TryGetValue(Schema.Field(name).Id, out var v) ? v as FbNode : null;

        public byte[]? Scalar(int id) => Fields.TryGetValue(id, out var v) ? v as byte[] : null;

        public override FbNode Clone(Dictionary<FbNode, FbNode> copies) =>
            Memo(copies, () => new FbTableNode(Schema), copy =>
            {
                foreach (var (id, value) in Fields)
                    copy.Fields[id] = value is FbNode n ? n.Clone(copies) : value;
            });

        public override string ToString() => Schema.Name;
    }

    /// <summary>
    /// A vector: of scalars (<see cref="Scalars"/>, little-endian elements) or of references
    /// (<see cref="Items"/>: tables or strings).
    /// </summary>
    public sealed class FbVectorNode : FbNode
    {
        public FbVectorNode(FbsType element, int alignment)
        {
            Element = element;
            Alignment = alignment;
        }

        public FbsType Element { get; }
        public int Alignment { get; }
        public byte[] Scalars { get; set; } = Array.Empty<byte>();
        public List<FbNode> Items { get; set; } = new();

        public bool IsScalar => Element.Kind == FbsKind.Scalar;
        public int Count => IsScalar ? Scalars.Length / Element.ScalarSize : Items.Count;

        public override FbNode Clone(Dictionary<FbNode, FbNode> copies) =>
            Memo(copies, () => new FbVectorNode(Element, Alignment), copy =>
            {
                copy.Scalars = Scalars;
                foreach (var item in Items) copy.Items.Add(item.Clone(copies));
            });

        public override string ToString() => $"[{Element.Name}] × {Count}";
    }

    public sealed class FbStringNode : FbNode
    {
        public FbStringNode(byte[] utf8) => Utf8 = utf8;

        public byte[] Utf8 { get; set; }

        public override FbNode Clone(Dictionary<FbNode, FbNode> copies) =>
            Memo(copies, () => new FbStringNode(Utf8), _ => { });

        public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8);
    }
}
