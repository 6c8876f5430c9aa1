using System;
using System.Collections.Generic;
using System.IO;
using McuAi.Diagnostics;
using McuAi.FlatBuffers;

namespace McuAi.TfLite
{
    /// <summary>
    /// Reads a <c>.tflite</c> file into a <see cref="Model"/> and validates it. Every problem is a
    /// <see cref="McuAiException"/> with an MCUAI code that names the file; nothing else escapes.
    /// Buffer data is not copied: it stays a slice of the bytes passed in.
    /// </summary>
    public static class ModelReader
    {
        /// <summary>The TFLite FlatBuffer file identifier (bytes 4-7).</summary>
        public const string FileIdentifier = "TFL3";

        /// <summary>Reads and validates the model file at <paramref name="path"/>.</summary>
        public static Model ReadFile(string path)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new McuAiException(DiagnosticCodes.ModelFileUnreadable, path,
                    $"cannot read the model file: {e.Message.TrimEnd('.')}. Check that the path is right and the file is readable.", e);
            }
            return Read(bytes, path);
        }

        /// <summary>Reads and validates a model from memory; <paramref name="fileName"/> is used in diagnostics.</summary>
        public static Model Read(ReadOnlyMemory<byte> bytes, string? fileName = null)
        {
            if (bytes.Length < 8)
                throw new McuAiException(DiagnosticCodes.ModelFileTooShort, fileName,
                    $"the file has {bytes.Length} bytes, too few for a TFLite model. Check that it is a complete .tflite file.");
            var buffer = new FlatBuffer(bytes);
            string? identifier = buffer.FileIdentifier();
            if (identifier != FileIdentifier)
                throw new McuAiException(DiagnosticCodes.WrongFileIdentifier, fileName,
                    $"bytes 4-7 are '{Printable(identifier)}', not the TFLite identifier '{FileIdentifier}'. Is this really a .tflite file?");
            Model model;
            try
            {
                model = new Decoder(buffer, fileName).ReadModel();
            }
            catch (FlatBufferException e)
            {
                throw new McuAiException(DiagnosticCodes.MalformedFlatBuffer, fileName,
                    $"the model file is malformed: {e.Message.TrimEnd('.')}. The file may be truncated or corrupted; export it again.", e);
            }
            ModelValidator.Validate(model, fileName);
            return model;
        }

        /// <summary>The bytes decoding a (valid) model reaches, which <see cref="DecodeBudget"/> bounds: for tests of the budget's margin.</summary>
        internal static long ReachedBytes(ReadOnlyMemory<byte> bytes)
        {
            var decoder = new Decoder(new FlatBuffer(bytes), null);
            decoder.ReadModel();
            return decoder.Reached;
        }

        private static string Printable(string? s)
        {
            if (s is null) return "";
            var chars = s.ToCharArray();
            for (int i = 0; i < chars.Length; i++) if (chars[i] < 32 || chars[i] > 126) chars[i] = '?';
            return new string(chars);
        }

        /// <summary>Decodes the tables. Charges everything it reaches to a <see cref="DecodeBudget"/>, before decoding it.</summary>
        private sealed class Decoder
        {
            private readonly FlatBuffer _buffer;
            private readonly string? _fileName;
            private readonly DecodeBudget _budget;

            public Decoder(FlatBuffer buffer, string? fileName)
            {
                _buffer = buffer;
                _fileName = fileName;
                _budget = new DecodeBudget(buffer.Length, fileName);
            }

            /// <summary>Bytes the decoding reached (for tests of the budget).</summary>
            public long Reached => _budget.Used;

            public Model ReadModel()
            {
                var t = _buffer.Root();
                _budget.ChargeTable(t.ObjectSize);
                var model = new Model { Version = t.GetUInt32(0) };
                ulong present = 0;
                model.OperatorCodes = Tables(t, 1, ref present, ReadOperatorCode);
                model.Subgraphs = Tables(t, 2, ref present, ReadSubGraph);
                model.Description = String(t, 3);
                model.Buffers = Tables(t, 4, ref present, ReadBuffer);
                model.MetadataBuffer = Ints(t, 5, ref present);
                model.Metadata = Tables(t, 6, ref present, m => new Metadata { Name = String(m, 0), Buffer = m.GetUInt32(1) });
                model.SignatureDefs = Tables(t, 7, ref present, ReadSignatureDef);
                model.PresentEmptyFields = present;
                return model;
            }

            private OperatorCode ReadOperatorCode(FbTable t) => new()
            {
                DeprecatedBuiltinCode = t.GetSByte(0),
                CustomCode = String(t, 1),
                Version = t.GetInt32(2, 1),
                BuiltinCode = t.GetInt32(3),
            };

            private SubGraph ReadSubGraph(FbTable t)
            {
                ulong present = 0;
                var g = new SubGraph
                {
                    Tensors = Tables(t, 0, ref present, ReadTensor),
                    Inputs = TensorIndices(t, 1, ref present),
                    Outputs = TensorIndices(t, 2, ref present),
                    Operators = Tables(t, 3, ref present, ReadOperator),
                    Name = String(t, 4),
                    DebugMetadataIndex = t.GetInt32(5, -1),
                };
                g.PresentEmptyFields = present;
                return g;
            }

            private Tensor ReadTensor(FbTable t)
            {
                ulong present = 0;
                var tensor = new Tensor
                {
                    Shape = Ints(t, 0, ref present),
                    Type = (TensorType)t.GetSByte(1),
                    Buffer = t.GetUInt32(2),
                    Name = String(t, 3),
                    IsVariable = t.GetBool(5),
                    ShapeSignature = Ints(t, 7, ref present),
                    HasRank = t.GetBool(8),
                };
                if (Table(t, 4) is { } quant) tensor.Quantization = ReadQuantization(quant);
                if (t.Has(6))
                    throw new McuAiException(DiagnosticCodes.UnsupportedFormatFeature, _fileName,
                        $"tensor '{tensor.Name}' is sparse; TFLM and McuAi.Build need dense tensors. Convert the model without sparsity.");
                if (t.Has(9))
                    throw new McuAiException(DiagnosticCodes.UnsupportedFormatFeature, _fileName,
                        $"tensor '{tensor.Name}' has variant sub-types, which TFLM does not support.");
                tensor.PresentEmptyFields = present;
                return tensor;
            }

            private QuantizationParameters ReadQuantization(FbTable t)
            {
                ulong present = 0;
                var q = new QuantizationParameters
                {
                    Min = Floats(t, 0, ref present),
                    Max = Floats(t, 1, ref present),
                    Scale = Floats(t, 2, ref present),
                    ZeroPoint = Longs(t, 3, ref present),
                    DetailsType = t.GetByte(4),
                    QuantizedDimension = t.GetInt32(6),
                };
                if (q.DetailsType != 0 && Table(t, 5) is { } details)
                {
                    var custom = details.GetVector(0, 1);
                    if (custom is { } c) _budget.ChargeVector(c.Count, 1);
                    q.CustomDetails = custom is { } d ? d.Bytes.ToArray() : Array.Empty<byte>();
                }
                q.PresentEmptyFields = present;
                return q;
            }

            private Operator ReadOperator(FbTable t)
            {
                ulong present = 0;
                var op = new Operator
                {
                    OpcodeIndex = t.GetUInt32(0),
                    Inputs = TensorIndices(t, 1, ref present),
                    Outputs = TensorIndices(t, 2, ref present),
                    CustomOptionsFormat = (CustomOptionsFormat)t.GetSByte(6),
                    Intermediates = TensorIndices(t, 8, ref present),
                    LargeCustomOptionsOffset = t.GetUInt64(9),
                    LargeCustomOptionsSize = t.GetUInt64(10),
                    DebugMetadataIndex = t.GetInt32(13, -1),
                };
                // Custom options stored after the FlatBuffer (models over 2 GB): an extent inside the file, or none at all.
                if (op.LargeCustomOptionsSize > (ulong)_buffer.Length || op.LargeCustomOptionsOffset > (ulong)_buffer.Length - op.LargeCustomOptionsSize
                    || (op.LargeCustomOptionsSize == 0) != (op.LargeCustomOptionsOffset == 0))
                    throw new McuAiException(DiagnosticCodes.MalformedFlatBuffer, _fileName,
                        $"an operator's custom options outside the FlatBuffer (offset {op.LargeCustomOptionsOffset}, size {op.LargeCustomOptionsSize}) do not lie inside the file. The file is truncated or corrupted; export it again.");
                op.BuiltinOptions = ReadOptions(t, 3, secondUnion: false);
                op.BuiltinOptions2 = ReadOptions(t, 11, secondUnion: true);
                if (t.GetVector(5, 1) is { } custom)
                {
                    _budget.ChargeVector(custom.Count, 1);
                    op.CustomOptions = custom.Bytes;
                }
                if (t.GetVector(7, 1) is { } mutating)
                {
                    _budget.ChargeVector(mutating.Count, 1);
                    var flags = new bool[mutating.Count];
                    for (int i = 0; i < flags.Length; i++) flags[i] = mutating.GetBool(i);
                    op.MutatingVariableInputs = flags;
                    if (flags.Length == 0) present |= 1UL << 7;
                }
                op.PresentEmptyFields = present;
                return op;
            }

            /// <summary>Reads the union whose type field is <paramref name="typeId"/> and value field typeId + 1.</summary>
            private OperatorOptions? ReadOptions(FbTable t, int typeId, bool secondUnion)
            {
                byte unionIndex = t.GetByte(typeId);
                if (unionIndex == 0) return null;
                if (Table(t, typeId + 1) is not { } ot) return null;
                var schema = OptionsSchema.Lookup(secondUnion, unionIndex);
                if (schema is null) return OperatorOptions.Unknown(unionIndex, secondUnion, ReadRaw(ot));
                var options = new OperatorOptions(schema, secondUnion);
                foreach (var f in schema.Fields)
                {
                    if (!ot.Has(f.Id)) continue;
                    options.SetRaw(f.Id, ReadField(ot, f));
                }
                return options;
            }

            private object? ReadField(FbTable t, OptionField f)
            {
                switch (f.Kind)
                {
                    case OptionFieldKind.Bool: return t.GetBool(f.Id);
                    case OptionFieldKind.Int8: return t.GetSByte(f.Id);
                    case OptionFieldKind.UInt8: return t.GetByte(f.Id);
                    case OptionFieldKind.Int16: return t.GetInt16(f.Id);
                    case OptionFieldKind.UInt16: return t.GetUInt16(f.Id);
                    case OptionFieldKind.Int32: return t.GetInt32(f.Id);
                    case OptionFieldKind.UInt32: return t.GetUInt32(f.Id);
                    case OptionFieldKind.Int64: return t.GetInt64(f.Id);
                    case OptionFieldKind.UInt64: return t.GetUInt64(f.Id);
                    case OptionFieldKind.Float32: return t.GetFloat(f.Id);
                    case OptionFieldKind.Float64: return t.GetDouble(f.Id);
                    case OptionFieldKind.String: return String(t, f.Id);
                }
                int elementSize = f.Kind switch
                {
                    OptionFieldKind.VectorInt64 => 8,
                    OptionFieldKind.VectorBool or OptionFieldKind.VectorUInt8 => 1,
                    _ => 4,
                };
                if (t.GetVector(f.Id, elementSize) is not { } vec) return null;
                _budget.ChargeVector(vec.Count, elementSize);
                switch (f.Kind)
                {
                    case OptionFieldKind.VectorInt32: return vec.ToInt32Array();
                    case OptionFieldKind.VectorInt64: return vec.ToInt64Array();
                    case OptionFieldKind.VectorFloat32: return vec.ToFloatArray();
                    case OptionFieldKind.VectorUInt8: return vec.Bytes.ToArray();
                    case OptionFieldKind.VectorBool:
                        var b = new bool[vec.Count];
                        for (int i = 0; i < b.Length; i++) b[i] = vec.GetBool(i);
                        return b;
                    default:
                        var u = new uint[vec.Count];
                        for (int i = 0; i < u.Length; i++) u[i] = vec.GetUInt32(i);
                        return u;
                }
            }

            /// <summary>
            /// An options table of an unknown union index: each present field's inline bytes, its extent
            /// taken up to the next field (or the end of the object).
            /// </summary>
            private RawOptionsTable ReadRaw(FbTable t)
            {
                _budget.Charge(2L * t.FieldSlotCount);
                var offsets = new List<int>();
                for (int id = 0; id < t.FieldSlotCount; id++)
                {
                    int o = t.RawFieldOffset(id);
                    if (o == 0) continue;
                    if (o < 4 || o >= t.ObjectSize)
                        throw new FlatBufferException($"field {id} lies outside its table", t.Position);
                    offsets.Add(o);
                }
                offsets.Add(t.ObjectSize);
                offsets.Sort();
                var fields = new byte[]?[t.FieldSlotCount];
                for (int id = 0; id < fields.Length; id++)
                {
                    int o = t.RawFieldOffset(id);
                    if (o == 0) continue;
                    // Two fields may share an offset in a corrupt file: measure up to the next larger one.
                    int next = offsets.BinarySearch(o);
                    while (offsets[next] <= o) next++;
                    int size = Math.Min(8, offsets[next] - o);
                    fields[id] = t.GetRawScalar(id, size).ToArray();
                }
                return new RawOptionsTable(fields);
            }

            private Buffer ReadBuffer(FbTable t)
            {
                var b = new Buffer { Offset = t.GetUInt64(1), Size = t.GetUInt64(2) };
                if (t.GetVector(0, 1) is { } data)
                {
                    _budget.ChargeVector(data.Count, 1);
                    b.Data = data.Bytes;
                    b.HasDataField = true;
                }
                if (b.IsExternal)
                {
                    if (b.Offset + b.Size > (ulong)_buffer.Length || b.Offset + b.Size < b.Offset)
                        throw new McuAiException(DiagnosticCodes.MalformedFlatBuffer, _fileName,
                            $"a buffer's data (offset {b.Offset}, size {b.Size}) lies beyond the end of the file. The file is truncated.");
                    _budget.Charge((long)b.Size);
                    b.Data = _buffer.Bytes.Slice((int)b.Offset, (int)b.Size);
                }
                return b;
            }

            private SignatureDef ReadSignatureDef(FbTable t)
            {
                ulong present = 0;
                var s = new SignatureDef
                {
                    Inputs = Tables(t, 0, ref present, ReadTensorMap),
                    Outputs = Tables(t, 1, ref present, ReadTensorMap),
                    SignatureKey = String(t, 2),
                    DeprecatedTag = String(t, 3),
                    SubgraphIndex = t.GetUInt32(4),
                };
                s.PresentEmptyFields = present;
                return s;
            }

            private TensorMap ReadTensorMap(FbTable t) => new() { Name = String(t, 0), TensorIndex = t.GetUInt32(1) };

            /// <summary>A vector of tables. Every slot is charged its smallest table before any is decoded, then each table its real size.</summary>
            private List<T> Tables<T>(FbTable t, int id, ref ulong present, Func<FbTable, T> read)
            {
                var list = new List<T>();
                if (t.GetVector(id, 4) is not { } v) return list;
                _budget.ChargeVector(v.Count, 4 + DecodeBudget.MinimumTableBytes);
                if (v.Count == 0) present |= 1UL << id;
                list.Capacity = v.Count;
                for (int i = 0; i < v.Count; i++)
                {
                    var table = v.GetTable(i);
                    _budget.Charge(Math.Max(0, table.ObjectSize - DecodeBudget.MinimumTableBytes));
                    list.Add(read(table));
                }
                return list;
            }

            /// <summary>A sub-table field (quantization, options), charged before it is read.</summary>
            private FbTable? Table(FbTable t, int id)
            {
                if (t.GetTable(id) is not { } table) return null;
                _budget.ChargeTable(table.ObjectSize);
                return table;
            }

            /// <summary>A string field, charged (by its length) before it is decoded.</summary>
            private string? String(FbTable t, int id)
            {
                if (t.GetVector(id, 1) is not { } bytes) return null;
                _budget.ChargeVector(bytes.Count + 1, 1);
                return t.GetString(id);
            }

            /// <summary>
            /// A list of tensor indices (operator and subgraph inputs and outputs): each entry is charged like a table,
            /// because every consumer makes an object of each (a TfLiteTensor in TFLM, a row in the report).
            /// </summary>
            private int[] TensorIndices(FbTable t, int id, ref ulong present)
            {
                if (t.GetVector(id, 4) is { } v) _budget.Charge((long)v.Count * DecodeBudget.MinimumTableBytes);
                return Ints(t, id, ref present);
            }

            private int[] Ints(FbTable t, int id, ref ulong present)
            {
                if (t.GetVector(id, 4) is not { } v) return Array.Empty<int>();
                _budget.ChargeVector(v.Count, 4);
                if (v.Count == 0) present |= 1UL << id;
                return v.ToInt32Array();
            }

            private long[] Longs(FbTable t, int id, ref ulong present)
            {
                if (t.GetVector(id, 8) is not { } v) return Array.Empty<long>();
                _budget.ChargeVector(v.Count, 8);
                if (v.Count == 0) present |= 1UL << id;
                return v.ToInt64Array();
            }

            private float[] Floats(FbTable t, int id, ref ulong present)
            {
                if (t.GetVector(id, 4) is not { } v) return Array.Empty<float>();
                _budget.ChargeVector(v.Count, 4);
                if (v.Count == 0) present |= 1UL << id;
                return v.ToFloatArray();
            }
        }
    }
}
