using System;
using System.Collections.Generic;

namespace McuAi.TfLite
{
    /// <summary>
    /// A TFLite model: the root table of a <c>.tflite</c> file, as a mutable object model that the
    /// reader fills, analysis and the interpreter read, the quantizer rewrites and the writer serialises.
    /// Collections are never null. A vector that the file stored empty (rather than leaving out) is
    /// remembered in the object's <c>PresentEmptyFields</c> so that rewriting keeps the file's form.
    /// </summary>
    public sealed class Model
    {
        public uint Version { get; set; } = 3;
        public List<OperatorCode> OperatorCodes { get; set; } = new();
        public List<SubGraph> Subgraphs { get; set; } = new();
        public string? Description { get; set; }
        /// <summary>Buffer 0 is the empty sentinel by convention.</summary>
        public List<Buffer> Buffers { get; set; } = new();
        /// <summary>The deprecated <c>metadata_buffer</c> field.</summary>
        public int[] MetadataBuffer { get; set; } = Array.Empty<int>();
        public List<Metadata> Metadata { get; set; } = new();
        public List<SignatureDef> SignatureDefs { get; set; } = new();
        /// <summary>Bit i set: vector field i was stored although empty.</summary>
        public ulong PresentEmptyFields { get; set; }

        /// <summary>The main subgraph (index 0).</summary>
        public SubGraph MainSubgraph => Subgraphs[0];

        /// <summary>The operator code an operator refers to (indices are validated by the reader).</summary>
        public OperatorCode CodeOf(Operator op) => OperatorCodes[(int)op.OpcodeIndex];

        /// <summary>
        /// The operator codes that the operators of every subgraph use, each once (by index in the table) with how many
        /// operators use it, in order of first use. Consumers that look ops up by name do it once per code this way, not
        /// once per operator: a hostile model can give hundreds of operators one megabyte-long custom name.
        /// </summary>
        public IReadOnlyList<(OperatorCode Code, int Operators)> CodesUsed()
        {
            var countOf = new Dictionary<uint, int>();
            var order = new List<uint>();
            foreach (var graph in Subgraphs)
                foreach (var op in graph.Operators)
                {
                    countOf.TryGetValue(op.OpcodeIndex, out int count);
                    if (count == 0) order.Add(op.OpcodeIndex);
                    countOf[op.OpcodeIndex] = count + 1;
                }
            var used = new (OperatorCode, int)[order.Count];
            for (int i = 0; i < order.Count; i++) used[i] = (OperatorCodes[(int)order[i]], countOf[order[i]]);
            return used;
        }

        /// <summary>A tensor's constant data, or an empty span for activations (buffer 0 or an empty buffer).</summary>
        public ReadOnlyMemory<byte> DataOf(Tensor tensor) =>
            tensor.Buffer < Buffers.Count ? Buffers[(int)tensor.Buffer].Data : ReadOnlyMemory<byte>.Empty;

        /// <summary>Whether the tensor holds constant data (a weight, a bias, a shape).</summary>
        public bool IsConstant(Tensor tensor) => tensor.Buffer != 0 && DataOf(tensor).Length > 0;

        /// <summary>The metadata entry with this name, or null.</summary>
        public Metadata? FindMetadata(string name) => Metadata.Find(m => m.Name == name);
    }

    /// <summary>An entry of the operator-codes table.</summary>
    public sealed class OperatorCode
    {
        public sbyte DeprecatedBuiltinCode { get; set; }
        public string? CustomCode { get; set; }
        public int Version { get; set; } = 1;
        /// <summary>The extended code as stored (may be 0 in old files that only fill the deprecated field).</summary>
        public int BuiltinCode { get; set; }

        /// <summary>The operator: max(deprecated_builtin_code, builtin_code), as TFLite resolves it.</summary>
        public BuiltinOperator Op => (BuiltinOperator)Math.Max(DeprecatedBuiltinCode, BuiltinCode);

        public bool IsCustom => Op == BuiltinOperator.CUSTOM;

        /// <summary>
        /// <c>FULLY_CONNECTED</c>, or <c>CUSTOM:&lt;name&gt;</c> for custom ops, as in golden.json. Made once per code and
        /// name: consumers ask for it per operator, and a hostile file can share one megabyte-long custom name among
        /// thousands of operators.
        /// </summary>
        public string DisplayName
        {
            get
            {
                var op = Op;
                var cached = _displayName;
                if (cached is null || cached.Op != op || !ReferenceEquals(cached.CustomCode, CustomCode))
                    _displayName = cached = new CachedName(op, CustomCode, op == BuiltinOperator.CUSTOM ? "CUSTOM:" + CustomCode : op.ToString());
                return cached.Name;
            }
        }

        /// <summary>
        /// <see cref="DisplayName"/> as every output shows it (messages, reports, phases): escaped and capped by
        /// <see cref="McuAi.Diagnostics.MessageText.Quote"/>, made once per code, so a megabyte-long custom name
        /// shared by thousands of operators costs one short string, not a megabyte per operator.
        /// </summary>
        public string ShownName
        {
            get => ShownText.Of(ref _shownName, DisplayName);
        }

        private ShownText? _shownName;

        // One object, replaced whole, so that threads reading the model never see a name of another code.
        private CachedName? _displayName;

        private sealed class CachedName
        {
            public CachedName(BuiltinOperator op, string? customCode, string name)
            {
                Op = op;
                CustomCode = customCode;
                Name = name;
            }

            public BuiltinOperator Op { get; }
            public string? CustomCode { get; }
            public string Name { get; }
        }
    }

    public sealed class SubGraph
    {
        public List<Tensor> Tensors { get; set; } = new();
        public int[] Inputs { get; set; } = Array.Empty<int>();
        public int[] Outputs { get; set; } = Array.Empty<int>();
        public List<Operator> Operators { get; set; } = new();
        public string? Name { get; set; }
        public int DebugMetadataIndex { get; set; } = -1;
        public ulong PresentEmptyFields { get; set; }
    }

    public sealed class Tensor
    {
        public int[] Shape { get; set; } = Array.Empty<int>();
        public TensorType Type { get; set; }
        /// <summary>Index into <see cref="Model.Buffers"/>; 0 means no data (an activation).</summary>
        public uint Buffer { get; set; }
        public string? Name { get; set; }

        public QuantizationParameters? Quantization { get; set; }
        public bool IsVariable { get; set; }
        /// <summary>Shape with -1 for dynamic dimensions; empty when the file has none.</summary>
        public int[] ShapeSignature { get; set; } = Array.Empty<int>();
        public bool HasRank { get; set; }
        public ulong PresentEmptyFields { get; set; }

        /// <summary>
        /// <see cref="Name"/> as every output shows it, escaped and capped once per tensor (see
        /// <see cref="OperatorCode.ShownName"/>); "" when the tensor has no name.
        /// </summary>
        public string ShownName
        {
            get => ShownText.Of(ref _shownName, Name ?? "");
        }

        private ShownText? _shownName;

        /// <summary>Number of elements (product of the shape; 1 for a scalar). Shapes are validated by the reader.</summary>
        public long ElementCount
        {
            get
            {
                long count = 1;
                foreach (int d in Shape) count = checked(count * d);
                return count;
            }
        }

        /// <summary>Bytes the tensor's data takes.</summary>
        public long ByteSize => Type.ByteSize(ElementCount);

        /// <summary>True when the shape signature has a -1 dimension.</summary>
        public bool IsDynamic => Array.IndexOf(ShapeSignature, -1) >= 0;

        /// <summary>Quantized with at least one scale.</summary>
        public bool IsQuantized => Quantization is { Scale.Length: > 0 };

        public override string ToString() => $"{Name} {Type}[{string.Join(",", Shape)}]";
    }

    public sealed class QuantizationParameters
    {
        public float[] Min { get; set; } = Array.Empty<float>();
        public float[] Max { get; set; } = Array.Empty<float>();
        public float[] Scale { get; set; } = Array.Empty<float>();
        public long[] ZeroPoint { get; set; } = Array.Empty<long>();
        /// <summary>Union type of <c>details</c> (1 = CustomQuantization), 0 when absent.</summary>
        public byte DetailsType { get; set; }
        /// <summary>The bytes of CustomQuantization.custom, when <see cref="DetailsType"/> is 1.</summary>
        public byte[]? CustomDetails { get; set; }
        public int QuantizedDimension { get; set; }
        public ulong PresentEmptyFields { get; set; }

        /// <summary>More than one scale: per-channel along <see cref="QuantizedDimension"/>.</summary>
        public bool IsPerChannel => Scale.Length > 1;
    }

    public sealed class Operator
    {
        public uint OpcodeIndex { get; set; }
        /// <summary>Tensor indices; -1 marks an absent optional input.</summary>
        public int[] Inputs { get; set; } = Array.Empty<int>();
        public int[] Outputs { get; set; } = Array.Empty<int>();
        public OperatorOptions? BuiltinOptions { get; set; }
        /// <summary>Custom options (FlexBuffers), as a slice of the file; null when absent.</summary>
        public ReadOnlyMemory<byte>? CustomOptions { get; set; }
        public CustomOptionsFormat CustomOptionsFormat { get; set; }
        public bool[] MutatingVariableInputs { get; set; } = Array.Empty<bool>();
        public int[] Intermediates { get; set; } = Array.Empty<int>();
        public ulong LargeCustomOptionsOffset { get; set; }
        public ulong LargeCustomOptionsSize { get; set; }
        public OperatorOptions? BuiltinOptions2 { get; set; }
        public int DebugMetadataIndex { get; set; } = -1;
        public ulong PresentEmptyFields { get; set; }

        /// <summary>The options of whichever union is set (BuiltinOptions first).</summary>
        public OperatorOptions? Options => BuiltinOptions ?? BuiltinOptions2;
    }

    public sealed class Buffer
    {
        /// <summary>The bytes: a slice of the file when read (never copied).</summary>
        public ReadOnlyMemory<byte> Data { get; set; }
        /// <summary>Whether the file stored a <c>data</c> vector (even an empty one).</summary>
        public bool HasDataField { get; set; }
        /// <summary>
        /// Offset-form buffers (models over 2 GB keep data after the FlatBuffer): the file offset and size.
        /// The reader resolves them into <see cref="Data"/>; the writer appends such data after the FlatBuffer.
        /// </summary>
        public ulong Offset { get; set; }
        public ulong Size { get; set; }

        /// <summary>True when the data lives outside the FlatBuffer (offset form).</summary>
        public bool IsExternal => Offset > 1;
    }

    public sealed class Metadata
    {
        public string? Name { get; set; }
        public uint Buffer { get; set; }
    }

    public sealed class SignatureDef
    {
        public List<TensorMap> Inputs { get; set; } = new();
        public List<TensorMap> Outputs { get; set; } = new();
        public string? SignatureKey { get; set; }
        /// <summary>The deprecated <c>deprecated_tag</c> field (id 3), kept for exact rewriting.</summary>
        public string? DeprecatedTag { get; set; }
        public uint SubgraphIndex { get; set; }
        public ulong PresentEmptyFields { get; set; }
    }

    public sealed class TensorMap
    {
        public string? Name { get; set; }
        public uint TensorIndex { get; set; }
    }
}
