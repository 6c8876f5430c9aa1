using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Fuzz.Schema;
using McuAi.Fuzz.Tree;

namespace McuAi.Fuzz.Mutation
{
    /// <summary>
    /// Mutations of the node graph along the TFLite schema: shared references, redirected offsets, union
    /// types, scalar fields, vector elements and lengths, constant buffers, strings, dropped fields and op
    /// codes. Each returns what it did, or null when the model has nothing it applies to.
    /// </summary>
    public static class TreeMutations
    {
        public delegate string? Apply(GraphIndex graph, Random random);

        public static readonly (string Name, int Weight, Apply Apply)[] All =
        {
            ("share-slots", 6, ShareSlots),
            ("share-scalar-vector", 3, ShareScalarVector),
            ("redirect", 5, Redirect),
            ("union-type", 6, UnionType),
            ("scalar", 12, Scalar),
            ("vector-element", 10, VectorElement),
            ("vector-resize", 6, VectorResize),
            ("bias-buffer", 5, BiasBuffer),
            ("flex-options", 6, FlexMutations.Apply),
            ("string", 3, StringField),
            ("drop-field", 4, DropField),
            ("opcode", 5, Opcode),
        };

        internal static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];

        internal static void SetInteger(FbTableNode table, string field, long value)
        {
            var f = table.Schema.Field(field);
            var bytes = new byte[f.Type.ScalarSize];
            HostileValues.Write(bytes, value);
            table.Fields[f.Id] = bytes;
        }

        internal static long GetInteger(FbTableNode table, string field, long fallback = 0)
        {
            var f = table.Schema.Field(field);
            if (table.Scalar(f.Id) is not { } bytes) return fallback;
            long v = 0;
            for (int i = 0; i < bytes.Length; i++) v |= (long)bytes[i] << (8 * i);
            int shift = 64 - 8 * bytes.Length;
            return f.Type.IsSigned && shift > 0 ? (v << shift) >> shift : v;
        }

        /// <summary>
        /// How many slots to share: a few, some thousands, or around the count the reader's budget allows for a
        /// file of this size (twice its bytes, about 36 bytes a table: the edge where refusing must start), and
        /// now and then far beyond it.
        /// </summary>
        private static int ShareCount(GraphIndex graph, Random random)
        {
            int edge = (int)Math.Min(1 << 20, (2L * graph.FileBytes + 16384) / 36);
            return random.Next(10) switch
            {
                0 or 1 => random.Next(2, 17),
                2 => 256,
                3 => 4096,
                4 => 65536,
                _ => Math.Max(2, (int)(edge * new[] { 0.3, 0.6, 0.9, 1.1, 1.5 }[random.Next(5)])),
            };
        }

        /// <summary>Many slots of a vector of tables (subgraphs, operators, tensors, buffers…) point at one of its tables.</summary>
        private static string? ShareSlots(GraphIndex graph, Random random)
        {
            var vectors = graph.Vectors.Where(v => v.Vector.Element.Kind == FbsKind.Table && v.Vector.Items.Count > 0).ToList();
            if (vectors.Count == 0) return null;
            var done = new List<string>();
            // Sometimes share at two levels (subgraphs × operators): the blow-up multiplies.
            int levels = random.Next(3) == 0 ? 2 : 1;
            for (int level = 0; level < levels; level++)
            {
                var vf = Pick(vectors, random);
                var target = Pick(vf.Vector.Items, random);
                int n = ShareCount(graph, random);
                var items = random.Next(2) == 0 ? new List<FbNode>(vf.Vector.Items) : new List<FbNode>();
                items.AddRange(Enumerable.Repeat(target, n));
                vf.Owner.Fields[vf.Field.Id] = new FbVectorNode(vf.Vector.Element, vf.Vector.Alignment) { Items = items };
                done.Add($"{vf.Owner.Schema.Name}.{vf.Field.Name}: {items.Count} slots, {n} sharing one {target}");
            }
            return string.Join("; ", done);
        }

        /// <summary>Many tables share one scalar vector (every tensor's shape, every operator's inputs), possibly a huge one.</summary>
        private static string? ShareScalarVector(GraphIndex graph, Random random)
        {
            var vectors = graph.Vectors.Where(v => v.Vector.IsScalar && v.Vector.Element.ScalarSize == 4).ToList();
            if (vectors.Count == 0) return null;
            var vf = Pick(vectors, random);
            var owners = graph.OfType(vf.Owner.Schema.Name);
            FbVectorNode shared = vf.Vector;
            string what = "an existing one";
            if (random.Next(2) == 0)
            {
                int n = random.Next(4) == 0 ? 1 << random.Next(10, 17) : random.Next(0, 9);
                long value = random.Next(3) == 0 ? HostileValues.Dimension(random) : 1;
                var bytes = new byte[4 * n];
                for (int i = 0; i < n; i++) HostileValues.Write(bytes.AsSpan(4 * i, 4), value);
                shared = new FbVectorNode(vf.Vector.Element, vf.Vector.Alignment) { Scalars = bytes };
                what = $"{n} elements of {value}";
            }
            foreach (var owner in owners) owner.Fields[vf.Field.Id] = shared;
            return $"{owners.Count} × {vf.Owner.Schema.Name}.{vf.Field.Name} share one vector ({what})";
        }

        /// <summary>A reference field points at another node: one of the same kind, or of any kind.</summary>
        private static string? Redirect(GraphIndex graph, Random random)
        {
            var owners = graph.Tables.Where(t => t.Fields.Values.Any(v => v is FbNode)).ToList();
            if (owners.Count == 0) return null;
            var owner = Pick(owners, random);
            var ids = owner.Fields.Where(f => f.Value is FbNode).Select(f => f.Key).ToList();
            int id = Pick(ids, random);
            var current = (FbNode)owner.Fields[id];
            List<FbNode> candidates = random.Next(3) == 0
                ? graph.Nodes
                : graph.Nodes.Where(n => SameKind(n, current)).ToList();
            var target = Pick(candidates, random);
            // Offsets only point forward in a file: a reference back to an ancestor (a cycle) cannot be encoded.
            if (Reaches(target, owner)) return null;
            owner.Fields[id] = target;
            return $"{owner.Schema.Name} field {id} ({current}) -> {target}";
        }

        private static bool Reaches(FbNode from, FbNode to)
        {
            var seen = new HashSet<FbNode>(ReferenceEqualityComparer.Instance);
            var stack = new Stack<FbNode>();
            stack.Push(from);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (ReferenceEquals(n, to)) return true;
                if (!seen.Add(n)) continue;
                if (n is FbTableNode t) foreach (var v in t.Fields.Values) { if (v is FbNode c) stack.Push(c); }
                else if (n is FbVectorNode vec) foreach (var c in vec.Items) stack.Push(c);
            }
            return false;
        }

        private static bool SameKind(FbNode a, FbNode b) => (a, b) switch
        {
            (FbTableNode x, FbTableNode y) => x.Schema.Name == y.Schema.Name || x.Schema.Name.EndsWith("Options", StringComparison.Ordinal) && y.Schema.Name.EndsWith("Options", StringComparison.Ordinal),
            (FbVectorNode x, FbVectorNode y) => x.Element.Name == y.Element.Name,
            (FbStringNode, FbStringNode) => true,
            _ => false,
        };

        /// <summary>builtin_options_type names another table, an unknown one or none; or the table moves to the other union.</summary>
        private static string? UnionType(GraphIndex graph, Random random)
        {
            var ops = graph.OfType("Operator");
            if (ops.Count == 0) return null;
            var op = Pick(ops, random);
            var schema = FbsSchema.TfLite;
            var field = op.Schema.Field("builtin_options");
            int typeId = field.Id - 1;
            int members = schema.Unions["BuiltinOptions"].Count;
            byte old = op.Scalar(typeId) is { } b ? b[0] : (byte)0;
            switch (random.Next(6))
            {
                case 0:
                    op.Fields[typeId] = new[] { (byte)random.Next(1, members + 1) };
                    break;
                case 1:
                    op.Fields[typeId] = new[] { (byte)random.Next(members + 1, 256) };
                    break;
                case 2:
                    op.Fields[typeId] = new byte[] { 0 };
                    break;
                case 3:
                {
                    // The same table, stored in builtin_options_2 under some index.
                    var second = op.Schema.Field("builtin_options_2");
                    if (op.Fields.TryGetValue(field.Id, out var table)) op.Fields[second.Id] = table;
                    op.Fields[second.Id - 1] = new[] { (byte)random.Next(0, 256) };
                    if (random.Next(2) == 0) { op.Fields.Remove(field.Id); op.Fields.Remove(typeId); }
                    return $"operator options moved to builtin_options_2 (type {(op.Fields[second.Id - 1] is byte[] t ? t[0] : 0)})";
                }
                case 4:
                {
                    // Another operator's options table and type: an options table of the wrong op.
                    var other = Pick(ops, random);
                    if (other.Fields.TryGetValue(field.Id, out var table)) op.Fields[field.Id] = table; else op.Fields.Remove(field.Id);
                    if (other.Fields.TryGetValue(typeId, out var type)) op.Fields[typeId] = type; else op.Fields.Remove(typeId);
                    break;
                }
                default:
                {
                    // A fresh table of a random member type with random fields.
                    int index = random.Next(1, members + 1);
                    var member = schema.UnionMember("BuiltinOptions", index)!;
                    var table = new FbTableNode(member);
                    foreach (var f in member.Fields.Where(f => f.Type.Kind == FbsKind.Scalar))
                        if (random.Next(2) == 0) table.Fields[f.Id] = HostileValues.Bytes(f.Type.ScalarSize, f.Type.IsFloat, random);
                    op.Fields[field.Id] = table;
                    op.Fields[typeId] = new[] { (byte)index };
                    break;
                }
            }
            byte now = op.Scalar(typeId) is { } n ? n[0] : (byte)0;
            return $"builtin_options_type {old} -> {now}";
        }

        /// <summary>A scalar field of some table (present or not) set to a hostile value.</summary>
        private static string? Scalar(GraphIndex graph, Random random)
        {
            var table = Pick(graph.Tables, random);
            var fields = table.Schema.Fields.Where(f => f.Type.Kind == FbsKind.Scalar).ToList();
            if (fields.Count == 0) return null;
            var field = Pick(fields, random);
            var bytes = HostileValues.Bytes(field.Type.ScalarSize, field.Type.IsFloat, random);
            table.Fields[field.Id] = bytes;
            return $"{table.Schema.Name}.{field.Name} = {Show(bytes)}";
        }

        /// <summary>One element of a scalar vector (a dimension, a zero point, a scale, a tensor index) set to a hostile value.</summary>
        private static string? VectorElement(GraphIndex graph, Random random)
        {
            var vectors = graph.Vectors.Where(v => v.Vector.IsScalar && v.Vector.Count > 0).ToList();
            if (vectors.Count == 0) return null;
            var vf = Pick(vectors, random);
            var v = vf.Vector;
            int size = v.Element.ScalarSize;
            int i = random.Next(v.Count);
            var copy = (byte[])v.Scalars.Clone();
            byte[] value = vf.Field.Name is "shape" or "shape_signature" or "new_shape" or "squeeze_dims"
                ? Long(size, HostileValues.Dimension(random))
                : HostileValues.Bytes(size, v.Element.IsFloat, random);
            value.CopyTo(copy, i * size);
            // Write into a new vector: the old one may be shared by other tables.
            vf.Owner.Fields[vf.Field.Id] = new FbVectorNode(v.Element, v.Alignment) { Scalars = copy };
            return $"{vf.Owner.Schema.Name}.{vf.Field.Name}[{i}] = {Show(value)}";
        }

        /// <summary>A scalar vector made empty (rank 0), shorter, longer, or very long.</summary>
        private static string? VectorResize(GraphIndex graph, Random random)
        {
            var vectors = graph.Vectors.Where(v => v.Vector.IsScalar).ToList();
            if (vectors.Count == 0) return null;
            var vf = Pick(vectors, random);
            var v = vf.Vector;
            int size = v.Element.ScalarSize;
            int count = random.Next(6) switch
            {
                0 => 0,
                1 => Math.Max(0, v.Count - 1),
                2 => v.Count + 1,
                3 => v.Count * 2,
                4 => 1 << random.Next(8, 17),
                _ => random.Next(0, 10),
            };
            var bytes = new byte[count * size];
            Array.Copy(v.Scalars, bytes, Math.Min(bytes.Length, v.Scalars.Length));
            long fill = random.Next(2) == 0 ? 1 : HostileValues.Integer(random);
            for (int i = v.Count; i < count; i++) HostileValues.Write(bytes.AsSpan(i * size, size), fill);
            vf.Owner.Fields[vf.Field.Id] = new FbVectorNode(v.Element, v.Alignment) { Scalars = bytes };
            return $"{vf.Owner.Schema.Name}.{vf.Field.Name}: {v.Count} -> {count} elements";
        }

        /// <summary>A constant tensor's buffer (a bias, a weight) given more or fewer bytes than its shape needs.</summary>
        private static string? BiasBuffer(GraphIndex graph, Random random)
        {
            if (graph.Root.Child("buffers") is not FbVectorNode buffers) return null;
            var constants = graph.OfType("Tensor")
                .Select(t => (Tensor: t, Index: GetInteger(t, "buffer")))
                .Where(x => x.Index > 0 && x.Index < buffers.Items.Count && buffers.Items[(int)x.Index] is FbTableNode b && b.Child("data") is FbVectorNode { Count: > 0 })
                .ToList();
            if (constants.Count == 0) return null;
            var (tensor, index) = Pick(constants, random);
            var buffer = (FbTableNode)buffers.Items[(int)index];
            var data = (FbVectorNode)buffer.Child("data")!;
            // Bytes, not elements: a redirect may have put a vector of another element type here (seed 20261205, mutant 93731).
            int length = data.Scalars.Length;
            if (random.Next(4) == 0)
            {
                // Keep the data, change the shape: the buffer is then larger (or smaller) than the shape needs.
                var shapeField = tensor.Schema.Field("shape");
                var shape = tensor.Child("shape") as FbVectorNode;
                // Whole int32 dimensions of the bytes: a redirect may have put a vector of another element type here.
                var dims = shape is null ? new List<int>() : Enumerable.Range(0, shape.Scalars.Length / 4).Select(i => BitConverter.ToInt32(shape.Scalars, 4 * i)).ToList();
                if (dims.Count > 0) dims[0] = Math.Max(0, dims[0] + (random.Next(2) == 0 ? -1 : 1));
                var bytes = dims.SelectMany(BitConverter.GetBytes).ToArray();
                tensor.Fields[shapeField.Id] = new FbVectorNode(shapeField.Type.Element!, 4) { Scalars = bytes };
                return $"tensor shape [{string.Join(",", dims)}] over a buffer of {length} bytes";
            }
            int newLength = random.Next(7) switch
            {
                0 => length + 4,
                1 => length * 2,
                2 => Math.Max(0, length - 4),
                3 => 1,
                4 => length + 1,
                5 => length + 16 * random.Next(1, 64),
                _ => length - 1,
            };
            // An empty buffer has no byte to drop (seed 20261205, iteration past 704,166: new byte[-1] ended the long run).
            newLength = Math.Max(0, newLength);
            var copy = new byte[newLength];
            Array.Copy(data.Scalars, copy, Math.Min(newLength, length));
            var newBuffer = new FbTableNode(buffer.Schema);
            foreach (var (id, value) in buffer.Fields) newBuffer.Fields[id] = value;
            var dataField = buffer.Schema.Field("data");
            newBuffer.Fields[dataField.Id] = new FbVectorNode(dataField.Type.Element!, data.Alignment) { Scalars = copy };
            var items = new List<FbNode>(buffers.Items) { [(int)index] = newBuffer };
            graph.Root.Fields[graph.Root.Schema.Field("buffers").Id] = new FbVectorNode(buffers.Element, buffers.Alignment) { Items = items };
            return $"buffer {index}: {length} -> {newLength} bytes";
        }

        /// <summary>A name, custom code, signature key or description replaced by text that tries to escape where it is printed.</summary>
        private static string? StringField(GraphIndex graph, Random random)
        {
            var owners = graph.Tables.Where(t => t.Schema.Fields.Any(f => f.Type.Kind == FbsKind.String)).ToList();
            if (owners.Count == 0) return null;
            var owner = Pick(owners, random);
            var field = Pick(owner.Schema.Fields.Where(f => f.Type.Kind == FbsKind.String).ToList(), random);
            var bytes = HostileValues.String(random);
            owner.Fields[field.Id] = new FbStringNode(bytes);
            return $"{owner.Schema.Name}.{field.Name} = {bytes.Length} hostile bytes";
        }

        private static string? DropField(GraphIndex graph, Random random)
        {
            var owners = graph.Tables.Where(t => t.Fields.Count > 0).ToList();
            if (owners.Count == 0) return null;
            var owner = Pick(owners, random);
            int id = Pick(owner.Fields.Keys.ToList(), random);
            owner.Fields.Remove(id);
            return $"{owner.Schema.Name} field {id} removed";
        }

        private static readonly string[] s_customCodes =
        {
            "SignalWindow", "SignalRfft", "SignalEnergy", "SignalFilterBank", "SignalFilterBankSquareRoot",
            "SignalFilterBankSpectralSubtraction", "SignalPCAN", "SignalFilterBankLog", "SignalFftAutoScale",
            "TFLite_Detection_PostProcess", "Unknown",
        };

        /// <summary>An operator code turned into another op (known, unknown or custom) or version.</summary>
        private static string? Opcode(GraphIndex graph, Random random)
        {
            var codes = graph.OfType("OperatorCode");
            if (codes.Count == 0) return null;
            var code = Pick(codes, random);
            var ops = Enum.GetValues<McuAi.TfLite.BuiltinOperator>();
            switch (random.Next(4))
            {
                case 0:
                    SetInteger(code, "version", HostileValues.Integer(random));
                    return $"operator code version {GetInteger(code, "version")}";
                case 1:
                {
                    string custom = random.Next(3) == 0 ? System.Text.Encoding.UTF8.GetString(HostileValues.String(random)) : Pick(s_customCodes, random);
                    SetInteger(code, "builtin_code", 32);
                    SetInteger(code, "deprecated_builtin_code", 32);
                    code.Fields[code.Schema.Field("custom_code").Id] = new FbStringNode(System.Text.Encoding.UTF8.GetBytes(custom));
                    return $"operator code -> CUSTOM '{custom.Length}' chars";
                }
                case 2:
                {
                    long op = random.Next(4) == 0 ? HostileValues.Integer(random) : (long)Pick(ops, random);
                    SetInteger(code, "builtin_code", op);
                    SetInteger(code, "deprecated_builtin_code", Math.Min(op, 127));
                    return $"operator code -> {op}";
                }
                default:
                {
                    // A similar op: the options and operands look almost right.
                    long op = Pick(new long[] { 0, 1, 3, 4, 9, 17, 18, 22, 25, 34, 39, 40, 41, 67, 98, 114 }, random);
                    SetInteger(code, "builtin_code", op);
                    SetInteger(code, "deprecated_builtin_code", op);
                    return $"operator code -> {(McuAi.TfLite.BuiltinOperator)op}";
                }
            }
        }

        private static byte[] Long(int size, long value)
        {
            var bytes = new byte[size];
            HostileValues.Write(bytes, value);
            return bytes;
        }

        internal static string Show(byte[] bytes) => bytes.Length switch
        {
            1 => bytes[0].ToString(),
            2 => BitConverter.ToInt16(bytes).ToString(),
            4 => BitConverter.ToInt32(bytes).ToString(),
            8 => BitConverter.ToInt64(bytes).ToString(),
            _ => Convert.ToHexString(bytes),
        };
    }
}
