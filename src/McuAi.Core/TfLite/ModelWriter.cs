using System;
using System.Collections.Generic;
using System.IO;
using McuAi.Diagnostics;
using McuAi.FlatBuffers;
using McuAi.IO;

namespace McuAi.TfLite
{
    /// <summary>
    /// Serialises a <see cref="Model"/> to <c>.tflite</c> bytes. Writes back exactly what
    /// <see cref="ModelReader"/> read: absent strings stay absent, vectors the file stored empty stay
    /// stored (<c>PresentEmptyFields</c>), options fields keep their presence, unknown options tables keep
    /// their bytes. Scalars equal to their schema default are left out, as FlatBuffers intends; a reader
    /// sees the same value either way.
    /// <para>
    /// Buffer data is aligned to 16 bytes from the start of the file (the schema's <c>force_align: 16</c>):
    /// TFLM reads weights in place. Offset-form buffers are appended after the FlatBuffer, each 16-aligned.
    /// The writer does not validate: it also writes the broken models that tests need.
    /// </para>
    /// </summary>
    public static class ModelWriter
    {
        /// <summary>Alignment of buffer data relative to the start of the file.</summary>
        public const int BufferAlignment = 16;

        /// <summary>
        /// The model as <c>.tflite</c> bytes. Same model, same bytes. <paramref name="fileName"/> names the
        /// model in diagnostics (the rare model that cannot be rewritten).
        /// </summary>
        public static byte[] Write(Model model, string? fileName = null) => new Encoder(model, fileName).Encode();

        /// <summary>
        /// Writes the model to <paramref name="path"/> through a temporary file in the same folder that
        /// then replaces the target, so a failure never leaves a half-written model behind.
        /// </summary>
        public static void WriteFile(Model model, string path)
        {
            byte[] bytes = Write(model, path);
            try
            {
                AtomicFile.Write(path, bytes);
            }
            catch (Exception e) when (AtomicFile.IsWriteFailure(e))
            {
                throw new McuAiException(DiagnosticCodes.ModelFileUnwritable, path,
                    $"cannot write the model: {e.Message.TrimEnd('.')}. Check that the folder exists and is writable.", e);
            }
        }

        /// <summary>Builds one model. Children are written before the tables that refer to them.</summary>
        private sealed class Encoder
        {
            private readonly Model _model;
            private readonly string? _fileName;
            private readonly FlatBufferBuilder _b;
            // Offset-form buffers: where each placeholder offset was written, to patch once the size is known.
            private readonly List<(int BufferIndex, int OffsetFieldFromEnd)> _external = new();

            public Encoder(Model model, string? fileName)
            {
                _model = model;
                _fileName = fileName;
                long data = 0;
                foreach (var buffer in model.Buffers) if (!buffer.IsExternal) data += buffer.Data.Length + BufferAlignment;
                if (data > int.MaxValue / 2)
                    throw new McuAiException(DiagnosticCodes.UnsupportedFormatFeature, fileName,
                        $"the model holds {data} bytes of weights inside the FlatBuffer, more than this writer supports (1 GB); no microcontroller model is that large.");
                _b = new FlatBufferBuilder((int)data + 64 * 1024);
            }

            public byte[] Encode()
            {
                foreach (var op in AllOperators())
                    if (op.LargeCustomOptionsOffset > 1)
                        throw new McuAiException(DiagnosticCodes.UnsupportedFormatFeature, _fileName,
                            "an operator keeps its custom options outside the FlatBuffer (large_custom_options_offset); rewriting such a model is not supported.");

                // Buffers first: their data ends up at the end of the file, as TFLite's converter lays it out.
                var buffers = new List<int>(_model.Buffers.Count);
                for (int i = 0; i < _model.Buffers.Count; i++) buffers.Add(WriteBuffer(_model.Buffers[i], i));
                var codes = Tables(_model.OperatorCodes, WriteOperatorCode);
                var subgraphs = Tables(_model.Subgraphs, WriteSubGraph);
                var metadata = Tables(_model.Metadata, WriteMetadata);
                var signatures = Tables(_model.SignatureDefs, WriteSignatureDef);
                int description = String(_model.Description);
                ulong present = _model.PresentEmptyFields;
                int metadataBuffer = Vector(_model.MetadataBuffer.Length, present, 5, () => _b.CreateInt32Vector(_model.MetadataBuffer));
                int codesVector = TableVector(codes, present, 1);
                int subgraphsVector = TableVector(subgraphs, present, 2);
                int buffersVector = TableVector(buffers, present, 4);
                int metadataVector = TableVector(metadata, present, 6);
                int signaturesVector = TableVector(signatures, present, 7);

                _b.StartTable();
                if (_model.Version != 0) _b.AddUInt32(0, _model.Version);
                AddOffset(1, codesVector);
                AddOffset(2, subgraphsVector);
                AddOffset(3, description);
                AddOffset(4, buffersVector);
                AddOffset(5, metadataBuffer);
                AddOffset(6, metadataVector);
                AddOffset(7, signaturesVector);
                int root = _b.EndTable();
                byte[] flatBuffer = _b.Finish(root, ModelReader.FileIdentifier, BufferAlignment);
                return _external.Count == 0 ? flatBuffer : AppendExternalData(flatBuffer);
            }

            private IEnumerable<Operator> AllOperators()
            {
                foreach (var g in _model.Subgraphs)
                    foreach (var op in g.Operators) yield return op;
            }

            private int WriteBuffer(Buffer buffer, int index)
            {
                int data = 0;
                if (buffer.HasDataField)
                {
                    // An offset-form buffer that also stored a data vector: the reader takes the external
                    // bytes, so the vector's content never mattered; keep the field, empty.
                    var bytes = buffer.IsExternal ? ReadOnlySpan<byte>.Empty : buffer.Data.Span;
                    data = _b.CreateByteVector(bytes, BufferAlignment);
                }
                _b.StartTable();
                AddOffset(0, data);
                if (buffer.IsExternal)
                {
                    _b.AddUInt64(2, (ulong)buffer.Data.Length);
                    _b.AddUInt64(1, ulong.MaxValue); // placeholder, patched in AppendExternalData
                    _external.Add((index, _b.Offset));
                }
                else
                {
                    if (buffer.Size != 0) _b.AddUInt64(2, buffer.Size);
                    if (buffer.Offset != 0) _b.AddUInt64(1, buffer.Offset);
                }
                return _b.EndTable();
            }

            /// <summary>Appends offset-form data after the FlatBuffer (each 16-aligned) and patches the offsets.</summary>
            private byte[] AppendExternalData(byte[] flatBuffer)
            {
                long end = flatBuffer.Length;
                var positions = new long[_external.Count];
                for (int i = 0; i < _external.Count; i++)
                {
                    long start = Align(end, BufferAlignment);
                    positions[i] = start;
                    end = start + _model.Buffers[_external[i].BufferIndex].Data.Length;
                }
                if (end > int.MaxValue)
                    throw new McuAiException(DiagnosticCodes.UnsupportedFormatFeature, _fileName,
                        "the model's offset-form buffers add up to more than 2 GB, which this writer does not support.");
                var file = new byte[end];
                flatBuffer.CopyTo(file, 0);
                for (int i = 0; i < _external.Count; i++)
                {
                    _model.Buffers[_external[i].BufferIndex].Data.Span.CopyTo(file.AsSpan((int)positions[i]));
                    int field = flatBuffer.Length - _external[i].OffsetFieldFromEnd;
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(field, 8), (ulong)positions[i]);
                }
                return file;
            }

            private static long Align(long value, int alignment) => (value + alignment - 1) / alignment * alignment;

            private int WriteOperatorCode(OperatorCode code)
            {
                int custom = String(code.CustomCode);
                _b.StartTable();
                if (code.BuiltinCode != 0) _b.AddInt32(3, code.BuiltinCode);
                if (code.Version != 1) _b.AddInt32(2, code.Version);
                AddOffset(1, custom);
                if (code.DeprecatedBuiltinCode != 0) _b.AddSByte(0, code.DeprecatedBuiltinCode);
                return _b.EndTable();
            }

            private int WriteSubGraph(SubGraph g)
            {
                ulong present = g.PresentEmptyFields;
                var tensors = Tables(g.Tensors, WriteTensor);
                var operators = Tables(g.Operators, WriteOperator);
                int name = String(g.Name);
                int tensorsVector = TableVector(tensors, present, 0);
                int inputs = Vector(g.Inputs.Length, present, 1, () => _b.CreateInt32Vector(g.Inputs));
                int outputs = Vector(g.Outputs.Length, present, 2, () => _b.CreateInt32Vector(g.Outputs));
                int operatorsVector = TableVector(operators, present, 3);
                _b.StartTable();
                AddOffset(0, tensorsVector);
                AddOffset(1, inputs);
                AddOffset(2, outputs);
                AddOffset(3, operatorsVector);
                AddOffset(4, name);
                if (g.DebugMetadataIndex != -1) _b.AddInt32(5, g.DebugMetadataIndex);
                return _b.EndTable();
            }

            private int WriteTensor(Tensor t)
            {
                ulong present = t.PresentEmptyFields;
                int shape = Vector(t.Shape.Length, present, 0, () => _b.CreateInt32Vector(t.Shape));
                int name = String(t.Name);
                int quantization = t.Quantization is null ? 0 : WriteQuantization(t.Quantization);
                int signature = Vector(t.ShapeSignature.Length, present, 7, () => _b.CreateInt32Vector(t.ShapeSignature));
                _b.StartTable();
                AddOffset(0, shape);
                if (t.Buffer != 0) _b.AddUInt32(2, t.Buffer);
                AddOffset(3, name);
                AddOffset(4, quantization);
                AddOffset(7, signature);
                if (t.Type != 0) _b.AddSByte(1, (sbyte)t.Type);
                if (t.IsVariable) _b.AddBool(5, true);
                if (t.HasRank) _b.AddBool(8, true);
                return _b.EndTable();
            }

            private int WriteQuantization(QuantizationParameters q)
            {
                ulong present = q.PresentEmptyFields;
                int min = Vector(q.Min.Length, present, 0, () => _b.CreateFloatVector(q.Min));
                int max = Vector(q.Max.Length, present, 1, () => _b.CreateFloatVector(q.Max));
                int scale = Vector(q.Scale.Length, present, 2, () => _b.CreateFloatVector(q.Scale));
                int zeroPoint = Vector(q.ZeroPoint.Length, present, 3, () => _b.CreateInt64Vector(q.ZeroPoint));
                int details = 0;
                if (q.DetailsType != 0 && q.CustomDetails is not null)
                {
                    int custom = q.CustomDetails.Length == 0 ? 0 : _b.CreateByteVector(q.CustomDetails, BufferAlignment);
                    _b.StartTable();
                    AddOffset(0, custom);
                    details = _b.EndTable();
                }
                _b.StartTable();
                AddOffset(0, min);
                AddOffset(1, max);
                AddOffset(2, scale);
                AddOffset(3, zeroPoint);
                AddOffset(5, details);
                if (q.QuantizedDimension != 0) _b.AddInt32(6, q.QuantizedDimension);
                if (q.DetailsType != 0) _b.AddByte(4, q.DetailsType);
                return _b.EndTable();
            }

            private int WriteOperator(Operator op)
            {
                ulong present = op.PresentEmptyFields;
                int inputs = Vector(op.Inputs.Length, present, 1, () => _b.CreateInt32Vector(op.Inputs));
                int outputs = Vector(op.Outputs.Length, present, 2, () => _b.CreateInt32Vector(op.Outputs));
                int options = op.BuiltinOptions is null ? 0 : OptionsWriter.Write(_b, op.BuiltinOptions);
                int custom = op.CustomOptions is { } c ? _b.CreateByteVector(c.Span) : 0;
                int mutating = Vector(op.MutatingVariableInputs.Length, present, 7, () => _b.CreateBoolVector(op.MutatingVariableInputs));
                int intermediates = Vector(op.Intermediates.Length, present, 8, () => _b.CreateInt32Vector(op.Intermediates));
                int options2 = op.BuiltinOptions2 is null ? 0 : OptionsWriter.Write(_b, op.BuiltinOptions2);
                _b.StartTable();
                if (op.LargeCustomOptionsOffset != 0) _b.AddUInt64(9, op.LargeCustomOptionsOffset);
                if (op.LargeCustomOptionsSize != 0) _b.AddUInt64(10, op.LargeCustomOptionsSize);
                if (op.OpcodeIndex != 0) _b.AddUInt32(0, op.OpcodeIndex);
                AddOffset(1, inputs);
                AddOffset(2, outputs);
                AddOffset(4, options);
                AddOffset(5, custom);
                AddOffset(7, mutating);
                AddOffset(8, intermediates);
                AddOffset(12, options2);
                if (op.DebugMetadataIndex != -1) _b.AddInt32(13, op.DebugMetadataIndex);
                if (op.BuiltinOptions is not null) _b.AddByte(3, op.BuiltinOptions.UnionIndex);
                if (op.CustomOptionsFormat != 0) _b.AddSByte(6, (sbyte)op.CustomOptionsFormat);
                if (op.BuiltinOptions2 is not null) _b.AddByte(11, op.BuiltinOptions2.UnionIndex);
                return _b.EndTable();
            }

            private int WriteMetadata(Metadata m)
            {
                int name = String(m.Name);
                _b.StartTable();
                AddOffset(0, name);
                if (m.Buffer != 0) _b.AddUInt32(1, m.Buffer);
                return _b.EndTable();
            }

            private int WriteSignatureDef(SignatureDef s)
            {
                ulong present = s.PresentEmptyFields;
                var inputs = Tables(s.Inputs, WriteTensorMap);
                var outputs = Tables(s.Outputs, WriteTensorMap);
                int key = String(s.SignatureKey);
                int tag = String(s.DeprecatedTag);
                int inputsVector = TableVector(inputs, present, 0);
                int outputsVector = TableVector(outputs, present, 1);
                _b.StartTable();
                AddOffset(0, inputsVector);
                AddOffset(1, outputsVector);
                AddOffset(2, key);
                AddOffset(3, tag);
                if (s.SubgraphIndex != 0) _b.AddUInt32(4, s.SubgraphIndex);
                return _b.EndTable();
            }

            private int WriteTensorMap(TensorMap m)
            {
                int name = String(m.Name);
                _b.StartTable();
                AddOffset(0, name);
                if (m.TensorIndex != 0) _b.AddUInt32(1, m.TensorIndex);
                return _b.EndTable();
            }

            // ---- helpers -------------------------------------------------------------------------

            private List<int> Tables<T>(List<T> items, Func<T, int> write)
            {
                var refs = new List<int>(items.Count);
                foreach (var item in items) refs.Add(write(item));
                return refs;
            }

            /// <summary>A vector of tables, or 0 (absent) when it is empty and the file did not store it.</summary>
            private int TableVector(List<int> refs, ulong presentEmpty, int id) =>
                Vector(refs.Count, presentEmpty, id, () => _b.CreateOffsetVector(refs));

            private static int Vector(int count, ulong presentEmpty, int id, Func<int> create) =>
                count > 0 || (presentEmpty & (1UL << id)) != 0 ? create() : 0;

            private int String(string? value) => value is null ? 0 : _b.CreateString(value);

            private void AddOffset(int id, int target)
            {
                if (target != 0) _b.AddOffset(id, target);
            }
        }
    }
}
