using System;
using System.Collections.Generic;
using System.Globalization;

namespace McuAi.TfLite
{
    /// <summary>How an options field is stored in the FlatBuffer.</summary>
    public enum OptionFieldKind
    {
        Bool, Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float32, Float64, String,
        VectorInt32, VectorInt64, VectorFloat32, VectorBool, VectorUInt8, VectorUInt32,
    }

    /// <summary>One field of an options table: its id, schema name, storage and default.</summary>
    public sealed class OptionField
    {
        internal OptionField(int id, string name, string schemaType, OptionFieldKind kind, double defaultValue, bool deprecated)
        {
            Id = id;
            Name = name;
            SchemaType = schemaType;
            Kind = kind;
            DefaultValue = defaultValue;
            Deprecated = deprecated;
        }

        public int Id { get; }
        /// <summary>The schema's snake_case name, as flatc and Netron show it.</summary>
        public string Name { get; }
        /// <summary>The schema's type name (an enum name, a scalar type, or [T]).</summary>
        public string SchemaType { get; }
        public OptionFieldKind Kind { get; }
        /// <summary>Default of a scalar field (0 unless the schema says otherwise).</summary>
        public double DefaultValue { get; }
        public bool Deprecated { get; }

        public bool IsVector => Kind >= OptionFieldKind.VectorInt32;
        public bool IsScalar => Kind < OptionFieldKind.String;

        /// <summary>Inline size of a scalar field in bytes (4 for offsets).</summary>
        public int InlineSize => Kind switch
        {
            OptionFieldKind.Bool or OptionFieldKind.Int8 or OptionFieldKind.UInt8 => 1,
            OptionFieldKind.Int16 or OptionFieldKind.UInt16 => 2,
            OptionFieldKind.Int64 or OptionFieldKind.UInt64 or OptionFieldKind.Float64 => 8,
            _ => 4,
        };
    }

    /// <summary>One options table type of a union (BuiltinOptions or BuiltinOptions2).</summary>
    public sealed class OptionsTableSchema
    {
        private readonly Dictionary<string, OptionField> _byName;

        internal OptionsTableSchema(string name, byte unionIndex, IReadOnlyList<OptionField> fields)
        {
            Name = name;
            UnionIndex = unionIndex;
            Fields = fields;
            _byName = new Dictionary<string, OptionField>(StringComparer.Ordinal);
            foreach (var f in fields) _byName[f.Name] = f;
        }

        public string Name { get; }
        /// <summary>The value of the union's type field for this table.</summary>
        public byte UnionIndex { get; }
        public IReadOnlyList<OptionField> Fields { get; }

        public OptionField Field(string name) =>
            _byName.TryGetValue(name, out var f) ? f : throw new ArgumentException($"{Name} has no field '{name}'", nameof(name));

        public bool TryGetField(string name, out OptionField? field)
        {
            bool found = _byName.TryGetValue(name, out var f);
            field = f;
            return found;
        }
    }

    /// <summary>
    /// The layouts of every options table of TFLite's BuiltinOptions and BuiltinOptions2 unions, parsed
    /// once from <see cref="OptionsSchemaText"/>. Readers, writers and the project's .fbs schema file
    /// share this one description.
    /// </summary>
    public static class OptionsSchema
    {
        private static readonly Dictionary<string, string> s_enumStorage = ParseEnums(OptionsSchemaText.Enums);

        /// <summary>Tables of BuiltinOptions; element k has union index k + 1.</summary>
        public static IReadOnlyList<OptionsTableSchema> BuiltinOptions { get; } = Parse(OptionsSchemaText.BuiltinOptions);

        /// <summary>Tables of BuiltinOptions2; element k has union index k + 1.</summary>
        public static IReadOnlyList<OptionsTableSchema> BuiltinOptions2 { get; } = Parse(OptionsSchemaText.BuiltinOptions2);

        /// <summary>Enum names used by options fields, with their storage type (byte, int, uint).</summary>
        public static IReadOnlyDictionary<string, string> EnumStorage => s_enumStorage;

        /// <summary>The table for a union index of BuiltinOptions (or BuiltinOptions2), or null if the index is unknown.</summary>
        public static OptionsTableSchema? Lookup(bool secondUnion, byte unionIndex)
        {
            var tables = secondUnion ? BuiltinOptions2 : BuiltinOptions;
            return unionIndex >= 1 && unionIndex <= tables.Count ? tables[unionIndex - 1] : null;
        }

        public static OptionsTableSchema ByName(string name)
        {
            foreach (var t in BuiltinOptions) if (t.Name == name) return t;
            foreach (var t in BuiltinOptions2) if (t.Name == name) return t;
            throw new ArgumentException($"unknown options table '{name}'", nameof(name));
        }

        private static Dictionary<string, string> ParseEnums(string text)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var token in text.Split(new[] { ' ', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int colon = token.IndexOf(':');
                result[token.Substring(0, colon)] = token.Substring(colon + 1);
            }
            return result;
        }

        private static List<OptionsTableSchema> Parse(string text)
        {
            var tables = new List<OptionsTableSchema>();
            foreach (var rawLine in text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string line = rawLine.Trim();
                if (line.Length == 0) continue;
                int colon = line.IndexOf(':');
                string name = line.Substring(0, colon);
                var fields = new List<OptionField>();
                foreach (var spec in line.Substring(colon + 1).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                    fields.Add(ParseField(fields.Count, spec));
                tables.Add(new OptionsTableSchema(name, checked((byte)(tables.Count + 1)), fields));
            }
            return tables;
        }

        private static OptionField ParseField(int id, string spec)
        {
            bool deprecated = spec.EndsWith("!", StringComparison.Ordinal);
            if (deprecated) spec = spec.Substring(0, spec.Length - 1);
            double defaultValue = 0;
            int eq = spec.IndexOf('=');
            if (eq >= 0)
            {
                string d = spec.Substring(eq + 1);
                defaultValue = d == "true" ? 1 : double.Parse(d, CultureInfo.InvariantCulture);
                spec = spec.Substring(0, eq);
            }
            int colon = spec.IndexOf(':');
            string name = spec.Substring(0, colon);
            string type = spec.Substring(colon + 1);
            return new OptionField(id, name, type, KindOf(type), defaultValue, deprecated);
        }

        private static OptionFieldKind KindOf(string type)
        {
            if (type.StartsWith("[", StringComparison.Ordinal))
            {
                return StorageOf(type.Substring(1, type.Length - 2)) switch
                {
                    "int" => OptionFieldKind.VectorInt32,
                    "long" => OptionFieldKind.VectorInt64,
                    "float" => OptionFieldKind.VectorFloat32,
                    "bool" => OptionFieldKind.VectorBool,
                    "ubyte" => OptionFieldKind.VectorUInt8,
                    "uint" => OptionFieldKind.VectorUInt32,
                    var t => throw new InvalidOperationException($"unsupported vector element type {t}"),
                };
            }
            return StorageOf(type) switch
            {
                "bool" => OptionFieldKind.Bool,
                "byte" => OptionFieldKind.Int8,
                "ubyte" => OptionFieldKind.UInt8,
                "short" => OptionFieldKind.Int16,
                "ushort" => OptionFieldKind.UInt16,
                "int" => OptionFieldKind.Int32,
                "uint" => OptionFieldKind.UInt32,
                "long" => OptionFieldKind.Int64,
                "ulong" => OptionFieldKind.UInt64,
                "float" => OptionFieldKind.Float32,
                "double" => OptionFieldKind.Float64,
                "string" => OptionFieldKind.String,
                var t => throw new InvalidOperationException($"unsupported field type {t}"),
            };
        }

        private static string StorageOf(string type) => s_enumStorage.TryGetValue(type, out var storage) ? storage : type;
    }
}
