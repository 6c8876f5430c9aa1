using System.Collections.Generic;
using System.Linq;
using McuAi.Fuzz.Schema;

namespace McuAi.Fuzz.Tree
{
    /// <summary>A vector hanging off a table field, e.g. (a Tensor, "shape", its vector).</summary>
    public readonly record struct VectorField(FbTableNode Owner, FbsField Field, FbVectorNode Vector);

    /// <summary>Every node of a graph, found once, so that a mutation can pick its target by kind.</summary>
    public sealed class GraphIndex
    {
        private GraphIndex(FbTableNode root) => Root = root;

        public FbTableNode Root { get; }

        /// <summary>The size of the file the graph was read from: mutations scale the sharing they make to it.</summary>
        public int FileBytes { get; private set; }
        public List<FbTableNode> Tables { get; } = new();
        public Dictionary<string, List<FbTableNode>> ByType { get; } = new();
        public List<VectorField> Vectors { get; } = new();
        public List<FbNode> Nodes { get; } = new();

        public IReadOnlyList<FbTableNode> OfType(string name) => ByType.TryGetValue(name, out var list) ? list : new List<FbTableNode>();

        public static GraphIndex Build(FbTableNode root, int fileBytes = 0)
        {
            var index = new GraphIndex(root) { FileBytes = fileBytes };
            var seen = new HashSet<FbNode>(ReferenceEqualityComparer.Instance);
            var stack = new Stack<FbNode>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (!seen.Add(node)) continue;
                index.Nodes.Add(node);
                if (node is FbTableNode t)
                {
                    index.Tables.Add(t);
                    if (!index.ByType.TryGetValue(t.Schema.Name, out var list)) index.ByType[t.Schema.Name] = list = new List<FbTableNode>();
                    list.Add(t);
                    foreach (var (id, value) in t.Fields)
                    {
                        if (value is not FbNode child) continue;
                        if (child is FbVectorNode v && t.Schema.ById(id) is { } f) index.Vectors.Add(new VectorField(t, f, v));
                        stack.Push(child);
                    }
                }
                else if (node is FbVectorNode vector)
                {
                    // Many slots may share one node: push each distinct child once.
                    foreach (var item in vector.Items.Distinct(ReferenceEqualityComparer.Instance).Cast<FbNode>()) stack.Push(item);
                }
            }
            return index;
        }
    }
}
