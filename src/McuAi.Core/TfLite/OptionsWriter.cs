using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using McuAi.FlatBuffers;

namespace McuAi.TfLite
{
    /// <summary>
    /// Writes one builtin-options table, driven by <see cref="OptionsSchema"/>: exactly the fields that
    /// are present (even when a present field equals its default, so that rewriting keeps the file's form).
    /// A table of an unknown union index is written back from its raw inline bytes.
    /// </summary>
    internal static class OptionsWriter
    {
        private static readonly int[] s_sizesLargestFirst = { 8, 4, 2, 1 };

        public static int Write(FlatBufferBuilder b, OperatorOptions options)
        {
            if (options.Raw is { } raw) return WriteRaw(b, raw);
            var schema = options.Schema ?? throw new InvalidOperationException("options without schema or raw bytes");

            var references = new Dictionary<int, int>();
            foreach (var f in schema.Fields)
            {
                object? value = options.GetRaw(f.Id);
                if (value is not null && !f.IsScalar) references[f.Id] = CreateReference(b, f, value);
            }

            b.StartTable();
            // Largest scalars first: they sit furthest from the table start and pack without padding.
            foreach (int size in s_sizesLargestFirst)
            {
                foreach (var f in schema.Fields)
                {
                    if (!f.IsScalar || f.InlineSize != size) continue;
                    object? value = options.GetRaw(f.Id);
                    if (value is not null) AddScalar(b, f, OperatorOptions.Normalize(f, value));
                }
                if (size == 4)
                    foreach (var r in references) b.AddOffset(r.Key, r.Value);
            }
            return b.EndTable();
        }

        private static void AddScalar(FlatBufferBuilder b, OptionField f, object value)
        {
            switch (f.Kind)
            {
                case OptionFieldKind.Bool: b.AddBool(f.Id, (bool)value); break;
                case OptionFieldKind.Int8: b.AddSByte(f.Id, (sbyte)value); break;
                case OptionFieldKind.UInt8: b.AddByte(f.Id, (byte)value); break;
                case OptionFieldKind.Int16: b.AddInt16(f.Id, (short)value); break;
                case OptionFieldKind.UInt16: b.AddUInt16(f.Id, (ushort)value); break;
                case OptionFieldKind.Int32: b.AddInt32(f.Id, (int)value); break;
                case OptionFieldKind.UInt32: b.AddUInt32(f.Id, (uint)value); break;
                case OptionFieldKind.Int64: b.AddInt64(f.Id, (long)value); break;
                case OptionFieldKind.UInt64: b.AddUInt64(f.Id, (ulong)value); break;
                case OptionFieldKind.Float32: b.AddFloat(f.Id, (float)value); break;
                case OptionFieldKind.Float64: b.AddDouble(f.Id, (double)value); break;
                default: throw new InvalidOperationException($"{f.Name} is not a scalar");
            }
        }

        private static int CreateReference(FlatBufferBuilder b, OptionField f, object value) => f.Kind switch
        {
            OptionFieldKind.String => b.CreateString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            OptionFieldKind.VectorInt32 => b.CreateInt32Vector(Elements(value, Convert.ToInt32)),
            OptionFieldKind.VectorInt64 => b.CreateInt64Vector(Elements(value, Convert.ToInt64)),
            OptionFieldKind.VectorFloat32 => b.CreateFloatVector(Elements(value, Convert.ToSingle)),
            OptionFieldKind.VectorBool => b.CreateBoolVector(Elements(value, Convert.ToBoolean)),
            OptionFieldKind.VectorUInt8 => b.CreateByteVector(Elements(value, Convert.ToByte)),
            OptionFieldKind.VectorUInt32 => b.CreateUInt32Vector(Elements(value, Convert.ToUInt32)),
            _ => throw new InvalidOperationException($"{f.Name} is not a reference field"),
        };

        /// <summary>The value as a T[]: as stored by the reader, or converted from any sequence a caller set.</summary>
        private static T[] Elements<T>(object value, Func<object, T> convert) =>
            value as T[] ?? ((IEnumerable)value).Cast<object>().Select(convert).ToArray();

        /// <summary>
        /// Writes an unknown table's fields contiguously, largest alignment first (the object ends where its
        /// first field ends): the reader measures each raw field up to the next one, so it reads back the same bytes.
        /// </summary>
        private static int WriteRaw(FlatBufferBuilder b, RawOptionsTable raw)
        {
            b.StartTable();
            foreach (int align in s_sizesLargestFirst)
            {
                for (int id = 0; id < raw.Fields.Count; id++)
                {
                    var bytes = raw.Fields[id];
                    if (bytes is not null && AlignmentOf(bytes.Length) == align) b.AddRaw(id, bytes);
                }
            }
            return b.EndTable(minimumSlots: raw.Fields.Count);
        }

        private static int AlignmentOf(int length)
        {
            int align = 1;
            while (align < 8 && length > 0 && length % (align * 2) == 0) align *= 2;
            return align;
        }
    }
}
