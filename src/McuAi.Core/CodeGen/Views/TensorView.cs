using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McuAi.TfLite;

namespace McuAi.CodeGen.Views
{
    /// <summary>An input or output tensor as the templates see it. Strings from the model are pre-escaped.</summary>
    public sealed class TensorView
    {
        internal TensorView(string symbol, string role, int index, Tensor tensor)
        {
            Index = index;
            Id = symbol + "_" + role + index.ToString(CultureInfo.InvariantCulture);
            NameLiteral = CText.StringLiteral(tensor.Name);
            NameComment = CText.Comment(tensor.Name);
            NameValue = tensor.Name ?? "";
            TypeName = tensor.Type.ToString();
            CType = CTypeOf(tensor.Type);
            TfLiteType = TfLiteTypeOf(tensor.Type);
            Rank = tensor.Shape.Length;
            // A scalar (rank 0) still gets a one-element shape array: C has no empty arrays.
            var dims = tensor.Shape.Length == 0 ? new[] { 1 } : tensor.Shape;
            Shape = string.Join(", ", dims.Select(d => d.ToString(CultureInfo.InvariantCulture)));
            ShapeLength = dims.Length;
            Elements = tensor.ElementCount;
            Bytes = tensor.ByteSize;
            var q = tensor.Quantization;
            IsQuantized = tensor.IsQuantized;
            ScaleValue = IsQuantized ? q!.Scale[0] : 0f;
            Scale = CText.FloatLiteral(ScaleValue);
            ZeroPoint = IsQuantized && q!.ZeroPoint.Length > 0 ? q.ZeroPoint[0] : 0;
            IsPerChannel = q is { IsPerChannel: true };
            (long min, long max)? range = tensor.Type switch
            {
                TensorType.INT8 => (sbyte.MinValue, sbyte.MaxValue),
                TensorType.UINT8 => (byte.MinValue, byte.MaxValue),
                TensorType.INT16 => (short.MinValue, short.MaxValue),
                _ => null,
            };
            HasQuantizeHelpers = IsQuantized && !IsPerChannel && range is not null;
            QuantizedMin = range?.min ?? 0;
            QuantizedMax = range?.max ?? 0;
        }

        public int Index { get; }
        /// <summary>The C name prefix: <c>&lt;symbol&gt;_input0</c>, <c>&lt;symbol&gt;_output1</c>.</summary>
        public string Id { get; }
        /// <summary>The tensor name as a C string literal (quotes included).</summary>
        public string NameLiteral { get; }
        /// <summary>The tensor name made safe for a block comment.</summary>
        public string NameComment { get; }
        /// <summary>The raw tensor name, for writers that escape it for their language (never shown to templates).</summary>
        internal string NameValue { get; }
        /// <summary>The (first) scale as a number; 0 when not quantized (never shown to templates: they use <see cref="Scale"/>).</summary>
        internal float ScaleValue { get; }
        /// <summary>Schema type name, e.g. INT8.</summary>
        public string TypeName { get; }
        /// <summary>The C element type, e.g. int8_t (raw bits for half floats: uint16_t).</summary>
        public string CType { get; }
        /// <summary>TFLM's TfLiteType value of the tensor type (kTfLiteInt8 = 9, ...).</summary>
        public int TfLiteType { get; }
        public int Rank { get; }
        /// <summary>Comma-separated dimensions for an initializer ("1, 49, 40, 1").</summary>
        public string Shape { get; }
        public int ShapeLength { get; }
        public long Elements { get; }
        public long Bytes { get; }
        public bool IsQuantized { get; }
        public bool IsPerChannel { get; }
        /// <summary>The (first) scale as a C float literal; 0.0f when not quantized.</summary>
        public string Scale { get; }
        public long ZeroPoint { get; }
        /// <summary>True for per-tensor quantized int8/uint8/int16: quantize/dequantize helpers are generated.</summary>
        public bool HasQuantizeHelpers { get; }
        public long QuantizedMin { get; }
        public long QuantizedMax { get; }

        internal static IReadOnlyList<TensorView> List(Model model, string symbol, string role, int[] indices) =>
            indices.Select((t, i) => new TensorView(symbol, role, i, model.MainSubgraph.Tensors[t])).ToList();

        private static string CTypeOf(TensorType type) => type switch
        {
            TensorType.FLOAT32 => "float",
            TensorType.FLOAT64 => "double",
            TensorType.INT8 => "int8_t",
            TensorType.UINT8 => "uint8_t",
            TensorType.INT16 => "int16_t",
            TensorType.UINT16 => "uint16_t",
            TensorType.INT32 => "int32_t",
            TensorType.UINT32 => "uint32_t",
            TensorType.INT64 => "int64_t",
            TensorType.UINT64 => "uint64_t",
            TensorType.FLOAT16 => "uint16_t",
            TensorType.BFLOAT16 => "uint16_t",
            _ => "uint8_t",
        };

        // TfLiteType (TFLM's c_api_types.h) numbers the types differently from the schema's TensorType.
        private static int TfLiteTypeOf(TensorType type) => type switch
        {
            TensorType.FLOAT32 => 1,
            TensorType.INT32 => 2,
            TensorType.UINT8 => 3,
            TensorType.INT64 => 4,
            TensorType.STRING => 5,
            TensorType.BOOL => 6,
            TensorType.INT16 => 7,
            TensorType.COMPLEX64 => 8,
            TensorType.INT8 => 9,
            TensorType.FLOAT16 => 10,
            TensorType.FLOAT64 => 11,
            TensorType.COMPLEX128 => 12,
            TensorType.UINT64 => 13,
            TensorType.RESOURCE => 14,
            TensorType.VARIANT => 15,
            TensorType.UINT32 => 16,
            TensorType.UINT16 => 17,
            TensorType.INT4 => 18,
            TensorType.BFLOAT16 => 19,
            _ => 0,
        };
    }
}
