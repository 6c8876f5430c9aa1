using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.FlatBuffers;
using McuAi.Fuzz.Schema;

namespace McuAi.Fuzz.Tree
{
    public enum SiteKind
    {
        /// <summary>A uoffset: a table field or a vector slot that refers to a table, vector or string.</summary>
        Offset,
        /// <summary>The element count in front of a vector or string.</summary>
        Length,
        /// <summary>An inline scalar field of a table.</summary>
        Scalar,
        /// <summary>The start of a table (its soffset to the vtable).</summary>
        Table,
    }

    /// <summary>Where something ended up in the encoded bytes, and what it is ("Tensor.shape", "Operator.inputs[]").</summary>
    public readonly record struct Site(SiteKind Kind, int Position, int Size, string What);

    /// <summary>Bytes of an encoded graph and the sites a raw mutation can aim at.</summary>
    public sealed record EncodedBuffer(byte[] Bytes, IReadOnlyList<Site> Sites);

    /// <summary>
    /// Encodes a node graph with the project's <see cref="FlatBufferBuilder"/>: children first, every node
    /// once (so shared nodes are shared offsets in the file), buffer data 16-aligned, identifier TFL3.
    /// </summary>
    public sealed class FbTreeWriter
    {
        private readonly FlatBufferBuilder _b;
        private readonly Dictionary<FbNode, int> _written = new(ReferenceEqualityComparer.Instance);
        private readonly List<Site>? _sites;

        private FbTreeWriter(int capacity, bool recordSites)
        {
            _b = new FlatBufferBuilder(capacity);
            _sites = recordSites ? new List<Site>() : null;
        }

        /// <param name="recordSites">Whether to list the sites (raw mutations need them; recording costs time on large models).</param>
        public static EncodedBuffer Write(FbTableNode root, int capacityHint = 1024, bool recordSites = true)
        {
            var w = new FbTreeWriter(capacityHint, recordSites);
            int r = w.Node(root, "root");
            byte[] bytes = w._b.Finish(r, "TFL3", 16);
            if (w._sites is null) return new EncodedBuffer(bytes, Array.Empty<Site>());
            // Sites were recorded as distances from the end; the end does not move.
            var sites = w._sites.Select(s => s with { Position = bytes.Length - s.Position }).ToList();
            sites.Add(new Site(SiteKind.Offset, 0, 4, "root"));
            return new EncodedBuffer(bytes, sites);
        }

        private int Node(FbNode node, string what)
        {
            if (_written.TryGetValue(node, out int known)) return known;
            int r = node switch
            {
                FbTableNode t => Table(t),
                FbVectorNode v => Vector(v, what),
                FbStringNode s => String(s, what),
                _ => throw new InvalidOperationException(node.GetType().Name),
            };
            _written[node] = r;
            return r;
        }

        private int Table(FbTableNode t)
        {
            var children = new Dictionary<int, int>();
            foreach (var (id, value) in t.Fields)
                if (value is FbNode child) children[id] = Node(child, _sites is null ? "" : $"{t.Schema.Name}.{FieldName(t, id)}");
            _b.StartTable();
            // Largest first keeps padding small; offsets count as 4 bytes.
            foreach (int size in s_sizes)
                foreach (var (id, value) in t.Fields)
                {
                    if ((value is byte[] b ? b.Length : 4) != size) continue;
                    if (value is byte[] scalar)
                    {
                        _b.AddRaw(id, scalar);
                        _sites?.Add(new Site(SiteKind.Scalar, _b.Offset, scalar.Length, $"{t.Schema.Name}.{FieldName(t, id)}"));
                    }
                    else
                    {
                        _b.AddOffset(id, children[id]);
                        _sites?.Add(new Site(SiteKind.Offset, _b.Offset, 4, $"{t.Schema.Name}.{FieldName(t, id)}"));
                    }
                }
            int r = _b.EndTable();
            _sites?.Add(new Site(SiteKind.Table, r, 4, t.Schema.Name));
            return r;
        }

        private static readonly int[] s_sizes = { 8, 4, 2, 1 };

        private static string FieldName(FbTableNode t, int id)
        {
            var f = t.Schema.ById(id);
            if (f is not null) return f.Name;
            var union = t.Schema.ById(id + 1);
            return union is { Type.Kind: FbsKind.Union } ? union.Name + "_type" : $"field{id}";
        }

        private int Vector(FbVectorNode v, string what)
        {
            int r;
            if (v.IsScalar)
            {
                r = _b.CreateVector(v.Scalars, v.Element.ScalarSize, v.Alignment);
            }
            else
            {
                string element = _sites is null ? "" : what + "[]";
                var targets = v.Items.Select(item => Node(item, element)).ToList();
                r = _b.CreateOffsetVector(targets);
                if (_sites is not null)
                    for (int i = 0; i < targets.Count; i++)
                        _sites.Add(new Site(SiteKind.Offset, r - 4 - 4 * i, 4, what + "[]"));
            }
            _sites?.Add(new Site(SiteKind.Length, r, v.IsScalar ? v.Element.ScalarSize : 4, what));
            return r;
        }

        private int String(FbStringNode s, string what)
        {
            // Raw bytes (not a .NET string), so that invalid UTF-8 survives; the terminating zero as the format wants.
            _b.Prep(4, s.Utf8.Length + 1);
            _b.PutByte(0);
            for (int i = s.Utf8.Length - 1; i >= 0; i--) _b.PutByte(s.Utf8[i]);
            _b.PutUInt32((uint)s.Utf8.Length);
            int r = _b.Offset;
            _sites?.Add(new Site(SiteKind.Length, r, 1, what));
            return r;
        }
    }
}
