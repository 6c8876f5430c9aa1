using System;
using System.Collections.Generic;
using System.Linq;

namespace McuAi.TfLite
{
    /// <summary>
    /// The builtin options of an operator: one table of the BuiltinOptions (or BuiltinOptions2) union.
    /// Fields are read by their schema name (<c>GetInt32("stride_w")</c>), return the schema default when
    /// absent, and remember whether they were present so that rewriting a model keeps them as they were.
    /// A union index this version does not know is kept as raw inline bytes and written back unchanged.
    /// </summary>
    public sealed class OperatorOptions
    {
        private readonly object?[] _values;

        public OperatorOptions(OptionsTableSchema schema, bool secondUnion = false)
        {
            Schema = schema;
            UnionIndex = schema.UnionIndex;
            IsSecondUnion = secondUnion;
            _values = new object?[schema.Fields.Count];
        }

        private OperatorOptions(byte unionIndex, bool secondUnion, RawOptionsTable raw)
        {
            UnionIndex = unionIndex;
            IsSecondUnion = secondUnion;
            Raw = raw;
            _values = Array.Empty<object?>();
        }

        /// <summary>A table whose union index this schema version does not know, kept byte for byte.</summary>
        public static OperatorOptions Unknown(byte unionIndex, bool secondUnion, RawOptionsTable raw) => new(unionIndex, secondUnion, raw);

        /// <summary>Null for an unknown union index (then <see cref="Raw"/> holds the bytes).</summary>
        public OptionsTableSchema? Schema { get; }

        /// <summary>The union's type value (1-based index into the union).</summary>
        public byte UnionIndex { get; }

        /// <summary>True for BuiltinOptions2 (StableHLO and later ops), false for BuiltinOptions.</summary>
        public bool IsSecondUnion { get; }

        public RawOptionsTable? Raw { get; }

        public string TypeName => Schema?.Name ?? $"UnknownOptions{UnionIndex}";

        /// <summary>Whether the field was stored (read from a file, or set).</summary>
        public bool IsPresent(string name) => _values[RequireSchema().Field(name).Id] is not null;

        /// <summary>The stored value of field <paramref name="id"/> (boxed), or null when absent.</summary>
        public object? GetRaw(int id) => id < _values.Length ? _values[id] : null;

        /// <summary>Stores a value for field <paramref name="id"/>; null removes it.</summary>
        public void SetRaw(int id, object? value) => _values[id] = value;

        public void Set(string name, object? value) => _values[RequireSchema().Field(name).Id] = value is null ? null : Normalize(RequireSchema().Field(name), value);

        public bool GetBool(string name) => Convert.ToDouble(ValueOrDefault(name)) != 0;
        public int GetInt32(string name) => Convert.ToInt32(ValueOrDefault(name));
        public long GetInt64(string name) => Convert.ToInt64(ValueOrDefault(name));
        public float GetFloat(string name) => Convert.ToSingle(ValueOrDefault(name));
        public string? GetString(string name) => _values[RequireSchema().Field(name).Id] as string;

        /// <summary>An int vector field, or an empty array when absent.</summary>
        public int[] GetInt32Array(string name) => _values[RequireSchema().Field(name).Id] as int[] ?? Array.Empty<int>();
        public long[] GetInt64Array(string name) => _values[RequireSchema().Field(name).Id] as long[] ?? Array.Empty<long>();
        public float[] GetFloatArray(string name) => _values[RequireSchema().Field(name).Id] as float[] ?? Array.Empty<float>();

        // Convenience for the fields most kernels read.
        public Padding Padding => (Padding)GetInt32("padding");
        public ActivationFunctionType FusedActivation => (ActivationFunctionType)GetInt32("fused_activation_function");

        private object ValueOrDefault(string name)
        {
            var field = RequireSchema().Field(name);
            return _values[field.Id] ?? field.DefaultValue;
        }

        private OptionsTableSchema RequireSchema() =>
            Schema ?? throw new InvalidOperationException($"options table with unknown union index {UnionIndex} has no named fields");

        /// <summary>Converts a value to the boxed type the field is stored as (so equality works).</summary>
        internal static object Normalize(OptionField field, object value) => field.Kind switch
        {
            OptionFieldKind.Bool => value is bool b ? b : Convert.ToDouble(value) != 0,
            OptionFieldKind.Int8 => Convert.ToSByte(value),
            OptionFieldKind.UInt8 => Convert.ToByte(value),
            OptionFieldKind.Int16 => Convert.ToInt16(value),
            OptionFieldKind.UInt16 => Convert.ToUInt16(value),
            OptionFieldKind.Int32 => Convert.ToInt32(value),
            OptionFieldKind.UInt32 => Convert.ToUInt32(value),
            OptionFieldKind.Int64 => Convert.ToInt64(value),
            OptionFieldKind.UInt64 => Convert.ToUInt64(value),
            OptionFieldKind.Float32 => Convert.ToSingle(value),
            OptionFieldKind.Float64 => Convert.ToDouble(value),
            _ => value,
        };

        /// <summary>Structural equality (field presence and values), used by round-trip checks.</summary>
        public bool ContentEquals(OperatorOptions? other)
        {
            if (other is null) return false;
            if (UnionIndex != other.UnionIndex || IsSecondUnion != other.IsSecondUnion) return false;
            if (Raw is not null || other.Raw is not null)
                return Raw is not null && other.Raw is not null && Raw.ContentEquals(other.Raw);
            for (int i = 0; i < _values.Length; i++)
                if (!ValueEquals(_values[i], other._values[i])) return false;
            return true;
        }

        private static bool ValueEquals(object? a, object? b)
        {
            if (a is null || b is null) return a is null && b is null;
            if (a is Array x && b is Array y)
                return x.Length == y.Length && x.Cast<object>().SequenceEqual(y.Cast<object>());
            if (a is float fa && b is float fb) return BitConverterEquals(fa, fb);
            return a.Equals(b);
        }

        private static bool BitConverterEquals(float a, float b) =>
            McuAi.FlatBuffers.BitConverterCompat.SingleToInt32Bits(a) == McuAi.FlatBuffers.BitConverterCompat.SingleToInt32Bits(b);

        public override string ToString()
        {
            if (Schema is null) return TypeName;
            var parts = new List<string>();
            foreach (var f in Schema.Fields)
            {
                var v = _values[f.Id];
                if (v is null) continue;
                parts.Add(v is Array a ? $"{f.Name}=[{string.Join(",", a.Cast<object>())}]" : $"{f.Name}={v}");
            }
            return $"{Schema.Name}({string.Join(", ", parts)})";
        }
    }

    /// <summary>
    /// An options table of a type this version does not model: its scalar fields as raw inline bytes
    /// (by field id), written back unchanged. Options tables of the TFLite schema hold scalars
    /// except where <see cref="OptionsSchema"/> says otherwise, so unknown tables are taken to be scalar.
    /// </summary>
    public sealed class RawOptionsTable
    {
        public RawOptionsTable(IReadOnlyList<byte[]?> fields)
        {
            Fields = fields;
        }

        /// <summary>Field id → inline bytes, or null when absent.</summary>
        public IReadOnlyList<byte[]?> Fields { get; }

        public bool ContentEquals(RawOptionsTable other)
        {
            if (Fields.Count != other.Fields.Count) return false;
            for (int i = 0; i < Fields.Count; i++)
            {
                var a = Fields[i];
                var b = other.Fields[i];
                if (a is null || b is null) { if (a != b) return false; continue; }
                if (!a.AsSpan().SequenceEqual(b)) return false;
            }
            return true;
        }
    }
}
