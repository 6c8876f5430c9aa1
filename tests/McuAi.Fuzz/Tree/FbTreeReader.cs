using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using McuAi.Fuzz.Schema;

namespace McuAi.Fuzz.Tree
{
    /// <summary>
    /// Decodes a (trusted: the shared models) FlatBuffer into a node graph along a schema. Objects at the
    /// same position become one node, so sharing in the file stays sharing in the graph.
    /// </summary>
    public sealed class FbTreeReader
    {
        private readonly byte[] _bytes;
        private readonly FbsSchema _schema;
        private readonly Dictionary<(int, string), FbNode> _seen = new();

        private FbTreeReader(byte[] bytes, FbsSchema schema)
        {
            _bytes = bytes;
            _schema = schema;
        }

        public static FbTableNode Read(byte[] bytes, FbsSchema schema) =>
            new FbTreeReader(bytes, schema).Table(Follow(bytes, 0), schema.Root);

        private static int Follow(byte[] bytes, int position) => position + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position));

        private int Int32(int p) => BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan(p));
        private ushort UInt16(int p) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(p));

        private FbTableNode Table(int position, FbsTable type)
        {
            if (_seen.TryGetValue((position, type.Name), out var known)) return (FbTableNode)known;
            var node = new FbTableNode(type);
            _seen[(position, type.Name)] = node;
            int vtable = position - Int32(position);
            int vtableSize = UInt16(vtable);
            byte[]? FieldBytes(int id, int size)
            {
                if (4 + 2 * id + 2 > vtableSize) return null;
                int offset = UInt16(vtable + 4 + 2 * id);
                return offset == 0 ? null : _bytes.AsSpan(position + offset, size).ToArray();
            }
            int? FieldPosition(int id)
            {
                if (4 + 2 * id + 2 > vtableSize) return null;
                int offset = UInt16(vtable + 4 + 2 * id);
                return offset == 0 ? null : position + offset;
            }
            foreach (var field in type.Fields)
            {
                switch (field.Type.Kind)
                {
                    case FbsKind.Scalar:
                        if (FieldBytes(field.Id, field.Type.ScalarSize) is { } scalar) node.Fields[field.Id] = scalar;
                        break;
                    case FbsKind.Union:
                    {
                        var typeByte = FieldBytes(field.Id - 1, 1);
                        if (typeByte is not null) node.Fields[field.Id - 1] = typeByte;
                        var member = typeByte is null ? null : _schema.UnionMember(field.Type.Name, typeByte[0]);
                        if (member is not null && FieldPosition(field.Id) is int u) node.Fields[field.Id] = Table(Follow(_bytes, u), member);
                        break;
                    }
                    default:
                        if (FieldPosition(field.Id) is int p) node.Fields[field.Id] = Reference(Follow(_bytes, p), field.Type, field.ForceAlign);
                        break;
                }
            }
            return node;
        }

        private FbNode Reference(int position, FbsType type, int forceAlign)
        {
            switch (type.Kind)
            {
                case FbsKind.Table: return Table(position, _schema.Tables[type.Name]);
                case FbsKind.String:
                {
                    if (_seen.TryGetValue((position, "string"), out var s)) return s;
                    int length = Int32(position);
                    return _seen[(position, "string")] = new FbStringNode(_bytes.AsSpan(position + 4, length).ToArray());
                }
                case FbsKind.Vector:
                {
                    if (_seen.TryGetValue((position, type.Name), out var v)) return v;
                    var element = type.Element!;
                    var node = new FbVectorNode(element, Math.Max(forceAlign, element.Kind == FbsKind.Scalar ? element.ScalarSize : 4));
                    _seen[(position, type.Name)] = node;
                    int count = Int32(position);
                    if (element.Kind == FbsKind.Scalar)
                        node.Scalars = _bytes.AsSpan(position + 4, count * element.ScalarSize).ToArray();
                    else
                        for (int i = 0; i < count; i++)
                            node.Items.Add(Reference(Follow(_bytes, position + 4 + 4 * i), element, 0));
                    return node;
                }
                default:
                    throw new InvalidOperationException($"unexpected reference type {type}");
            }
        }
    }
}
