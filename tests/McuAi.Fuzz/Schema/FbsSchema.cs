using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace McuAi.Fuzz.Schema
{
    public enum FbsKind { Scalar, String, Table, Union, Vector }

    /// <summary>A field's type: a scalar of some size, a string, a table, a union or a vector of one of those.</summary>
    public sealed class FbsType
    {
        private FbsType(FbsKind kind, string name, int scalarSize, bool isFloat, FbsType? element)
        {
            Kind = kind;
            Name = name;
            ScalarSize = scalarSize;
            IsFloat = isFloat;
            Element = element;
        }

        public FbsKind Kind { get; }
        /// <summary>The schema's name: a scalar or enum name, a table or union name, "string", or "[T]".</summary>
        public string Name { get; }
        public int ScalarSize { get; }
        public bool IsFloat { get; }
        public FbsType? Element { get; }

        /// <summary>Signed integer scalar (byte, short, int, long and enums stored so).</summary>
        public bool IsSigned { get; private set; }

        internal static FbsType Scalar(string name, string storage)
        {
            int size = storage switch
            {
                "bool" or "byte" or "ubyte" => 1,
                "short" or "ushort" => 2,
                "int" or "uint" or "float" => 4,
                "long" or "ulong" or "double" => 8,
                _ => throw new FormatException($"unknown scalar type {storage}"),
            };
            return new FbsType(FbsKind.Scalar, name, size, storage is "float" or "double", null)
            {
                IsSigned = storage is "byte" or "short" or "int" or "long",
            };
        }

        internal static FbsType Reference(FbsKind kind, string name) => new(kind, name, 4, false, null);
        internal static FbsType VectorOf(FbsType element) => new(FbsKind.Vector, "[" + element.Name + "]", 4, false, element);

        public override string ToString() => Name;
    }

    /// <summary>One field of a table. A union field occupies two ids: its type byte at <see cref="Id"/> - 1.</summary>
    public sealed class FbsField
    {
        internal FbsField(string name, int id, FbsType type, int forceAlign, bool deprecated)
        {
            Name = name;
            Id = id;
            Type = type;
            ForceAlign = forceAlign;
            Deprecated = deprecated;
        }

        public string Name { get; }
        public int Id { get; }
        public FbsType Type { get; }
        public int ForceAlign { get; }
        public bool Deprecated { get; }

        public override string ToString() => Name;
    }

    public sealed class FbsTable
    {
        private readonly Dictionary<int, FbsField> _byId = new();
        private readonly Dictionary<string, FbsField> _byName = new(StringComparer.Ordinal);

        internal FbsTable(string name) => Name = name;

        public string Name { get; }
        public List<FbsField> Fields { get; } = new();

        internal void Add(FbsField f)
        {
            Fields.Add(f);
            _byId[f.Id] = f;
            _byName[f.Name] = f;
        }

        public FbsField? ById(int id) => _byId.TryGetValue(id, out var f) ? f : null;

        public FbsField Field(string name) =>
            _byName.TryGetValue(name, out var f) ? f : throw new ArgumentException($"{Name} has no field {name}", nameof(name));

        public override string ToString() => Name;
    }

    /// <summary>
    /// The subset of the FlatBuffers schema language that the project's generated <c>tflite.fbs</c> uses:
    /// enums (with their storage type), unions, tables (scalars with defaults, strings, tables, unions,
    /// vectors, the <c>deprecated</c> and <c>force_align</c> attributes) and the root type. Field ids are
    /// implicit, in declaration order, a union taking two (its type byte, then its value).
    /// </summary>
    public sealed class FbsSchema
    {
        private static readonly Lazy<FbsSchema> s_tfLite = new(() =>
        {
            using var stream = typeof(FbsSchema).Assembly.GetManifestResourceStream("tflite.fbs")
                ?? throw new InvalidOperationException("the tflite.fbs resource is missing");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd());
        });

        public static FbsSchema TfLite => s_tfLite.Value;

        public Dictionary<string, FbsTable> Tables { get; } = new(StringComparer.Ordinal);
        /// <summary>Union name → member tables; member k has union index k + 1.</summary>
        public Dictionary<string, List<string>> Unions { get; } = new(StringComparer.Ordinal);
        /// <summary>Enum name → storage type.</summary>
        public Dictionary<string, string> Enums { get; } = new(StringComparer.Ordinal);
        public string RootType { get; private set; } = "";

        public FbsTable Root => Tables[RootType];

        public static FbsSchema Parse(string text)
        {
            var schema = new FbsSchema();
            var lines = Regex.Replace(text, "//[^\n]*", "");
            var blocks = Regex.Matches(lines, @"(enum|union|table)\s+(\w+)\s*(?::\s*(\w+))?\s*\{([^}]*)\}");
            var pending = new List<(FbsTable Table, string Body)>();
            foreach (Match m in blocks)
            {
                string kind = m.Groups[1].Value, name = m.Groups[2].Value, body = m.Groups[4].Value;
                if (kind == "enum") schema.Enums[name] = m.Groups[3].Value;
                else if (kind == "union")
                {
                    var members = new List<string>();
                    foreach (var part in body.Split(','))
                        if (part.Trim().Length > 0) members.Add(part.Trim());
                    schema.Unions[name] = members;
                }
                else
                {
                    var table = new FbsTable(name);
                    schema.Tables[name] = table;
                    pending.Add((table, body));
                }
            }
            foreach (var (table, body) in pending) schema.ParseFields(table, body);
            var root = Regex.Match(lines, @"root_type\s+(\w+)\s*;");
            schema.RootType = root.Success ? root.Groups[1].Value : throw new FormatException("no root_type");
            return schema;
        }

        private void ParseFields(FbsTable table, string body)
        {
            int id = 0;
            foreach (var raw in body.Split(';'))
            {
                string decl = raw.Trim();
                if (decl.Length == 0) continue;
                var m = Regex.Match(decl, @"^(\w+)\s*:\s*(\[?\w+\]?)\s*(?:=\s*[^()]+?)?\s*(?:\((.*)\))?$");
                if (!m.Success) throw new FormatException($"cannot parse field '{decl}' of {table.Name}");
                string attributes = m.Groups[3].Value;
                var type = TypeOf(m.Groups[2].Value);
                if (type.Kind == FbsKind.Union) id++; // the hidden _type field
                var align = Regex.Match(attributes, @"force_align\s*:\s*(\d+)");
                table.Add(new FbsField(m.Groups[1].Value, id, type, align.Success ? int.Parse(align.Groups[1].Value) : 0,
                    attributes.Contains("deprecated")));
                id++;
            }
        }

        private FbsType TypeOf(string name)
        {
            if (name.StartsWith("[", StringComparison.Ordinal)) return FbsType.VectorOf(TypeOf(name.Substring(1, name.Length - 2)));
            if (name == "string") return FbsType.Reference(FbsKind.String, name);
            if (Tables.ContainsKey(name)) return FbsType.Reference(FbsKind.Table, name);
            if (Unions.ContainsKey(name)) return FbsType.Reference(FbsKind.Union, name);
            return FbsType.Scalar(name, Enums.TryGetValue(name, out var storage) ? storage : name);
        }

        /// <summary>The member table of a union index (1-based), or null for 0 or an unknown index.</summary>
        public FbsTable? UnionMember(string union, int index) =>
            index >= 1 && index <= Unions[union].Count ? Tables[Unions[union][index - 1]] : null;
    }
}
