using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace McuAi.TfLite.Schema
{
    /// <summary>
    /// Produces the project's FlatBuffers schema of the <c>.tflite</c> format (checked in as
    /// <c>src/McuAi.Core/TfLite/Schema/tflite.fbs</c>): the model tables as <see cref="ModelReader"/> and
    /// <see cref="ModelWriter"/> use them, the operator enum from <see cref="BuiltinOperator"/>, and every
    /// options table from <see cref="OptionsSchema"/>. One description drives the reader, the writer and the
    /// schema, so they cannot drift apart; a test checks the file equals this output and that flatc accepts it.
    /// </summary>
    public static class FbsSchemaGenerator
    {
        /// <summary>Enums used by options fields that have no C# enum, with their values in order from 0.</summary>
        private static readonly (string Name, string[] Values)[] s_optionEnums =
        {
            ("FullyConnectedOptionsWeightsFormat", new[] { "DEFAULT", "SHUFFLED4x16INT8" }),
            ("LSHProjectionType", new[] { "UNKNOWN", "SPARSE", "DENSE" }),
            ("LSTMKernelType", new[] { "FULL", "BASIC" }),
            ("CombinerType", new[] { "SUM", "MEAN", "SQRTN" }),
            ("MirrorPadMode", new[] { "REFLECT", "SYMMETRIC" }),
            ("RngAlgorithm", new[] { "DEFAULT", "PHILOX", "THREEFRY" }),
            ("StablehloComparisonDirection", new[]
            {
                "STABLEHLO_COMPARISON_DIRECTION_EQ", "STABLEHLO_COMPARISON_DIRECTION_NE", "STABLEHLO_COMPARISON_DIRECTION_GE",
                "STABLEHLO_COMPARISON_DIRECTION_GT", "STABLEHLO_COMPARISON_DIRECTION_LE", "STABLEHLO_COMPARISON_DIRECTION_LT",
            }),
            ("StablehloComparisonType", new[]
            {
                "STABLEHLO_COMPARISON_TYPE_NOTYPE", "STABLEHLO_COMPARISON_TYPE_FLOAT", "STABLEHLO_COMPARISON_TYPE_FLOAT_TOTAL_ORDER",
                "STABLEHLO_COMPARISON_TYPE_SIGNED", "STABLEHLO_COMPARISON_TYPE_UNSIGNED",
            }),
            ("StablehloPrecisionConfig", new[] { "DEFAULT", "HIGH", "HIGHEST" }),
            ("ReduceWindowFunction", new[] { "UNSUPPORTED", "ADD", "MUL", "MINIMUM", "MAXIMUM", "ALL", "ANY" }),
        };

        public static string Generate()
        {
            var s = new StringBuilder();
            s.Append(Header);
            Enum(s, "TensorType", "byte", Values<TensorType>());
            Enum(s, "Padding", "byte", Values<Padding>());
            Enum(s, "ActivationFunctionType", "byte", Values<ActivationFunctionType>());
            foreach (var (name, values) in s_optionEnums)
                Enum(s, name, OptionsSchema.EnumStorage[name], values.Select((v, i) => (v, (long)i)));
            Enum(s, "BuiltinOperator", "int", Values<BuiltinOperator>());

            s.Append("// ---- builtin options: one table per member of the BuiltinOptions and BuiltinOptions2 unions ----\n\n");
            foreach (var table in OptionsSchema.BuiltinOptions.Concat(OptionsSchema.BuiltinOptions2)) OptionsTable(s, table);
            Union(s, "BuiltinOptions", OptionsSchema.BuiltinOptions);
            Union(s, "BuiltinOptions2", OptionsSchema.BuiltinOptions2);

            s.Append(ModelTables);
            return s.ToString();
        }

        private static IEnumerable<(string, long)> Values<T>() where T : struct, Enum =>
            System.Enum.GetValues(typeof(T)).Cast<T>()
                .Select(v => (v.ToString(), Convert.ToInt64(v, CultureInfo.InvariantCulture)))
                .OrderBy(v => v.Item2);

        private static void Enum(StringBuilder s, string name, string storage, IEnumerable<(string Name, long Value)> values)
        {
            s.Append("enum ").Append(name).Append(" : ").Append(storage).Append(" {\n");
            foreach (var (n, v) in values) s.Append("  ").Append(n).Append(" = ").Append(v.ToString(CultureInfo.InvariantCulture)).Append(",\n");
            s.Append("}\n\n");
        }

        private static void OptionsTable(StringBuilder s, OptionsTableSchema table)
        {
            s.Append("table ").Append(table.Name).Append(" {\n");
            foreach (var f in table.Fields)
            {
                s.Append("  ").Append(f.Name).Append(':').Append(f.SchemaType);
                if (f.IsScalar && f.DefaultValue != 0) s.Append(" = ").Append(DefaultText(f));
                if (f.Deprecated) s.Append(" (deprecated)");
                s.Append(";\n");
            }
            s.Append("}\n\n");
        }

        /// <summary>A non-zero default as the schema spells it: an enum value's name, true, or a number.</summary>
        private static string DefaultText(OptionField f)
        {
            if (f.Kind == OptionFieldKind.Bool) return "true";
            if (f.SchemaType == nameof(TensorType)) return ((TensorType)(int)f.DefaultValue).ToString();
            foreach (var (name, values) in s_optionEnums)
                if (name == f.SchemaType) return values[(int)f.DefaultValue];
            return f.DefaultValue.ToString("R", CultureInfo.InvariantCulture);
        }

        private static void Union(StringBuilder s, string name, IReadOnlyList<OptionsTableSchema> tables)
        {
            s.Append("// Member k (from 1) is the table of union index k.\n");
            s.Append("union ").Append(name).Append(" {\n");
            foreach (var t in tables) s.Append("  ").Append(t.Name).Append(",\n");
            s.Append("}\n\n");
        }

        private const string Header =
@"// The TensorFlow Lite model format (.tflite) as McuAi.Build reads and writes it.
// GENERATED by McuAi.TfLite.Schema.FbsSchemaGenerator; do not edit by hand (see docs/format.md).
// Table layouts and field ids are those of TFLite's own schema, so flatc decodes real .tflite files
// with it, e.g.: flatc --json --strict-json --defaults-json -o OUT tflite.fbs -- model.tflite

namespace tflite;

file_identifier ""TFL3"";
file_extension ""tflite"";

enum CustomOptionsFormat : byte {
  FLEXBUFFERS = 0,
}

enum DimensionType : byte {
  DENSE = 0,
  SPARSE_CSR = 1,
}

";

        private const string ModelTables =
@"// ---- the model ----

// Quantization details beyond scale and zero point, as opaque bytes.
table CustomQuantization {
  custom:[ubyte] (force_align: 16);
}

union QuantizationDetails {
  CustomQuantization,
}

// real = scale * (quantized - zero_point), per tensor or per channel along quantized_dimension.
table QuantizationParameters {
  min:[float];
  max:[float];
  scale:[float];
  zero_point:[long];
  details:QuantizationDetails;
  quantized_dimension:int;
}

// Sparse tensors: decoded by flatc for inspection; McuAi.Build refuses them (TFLM needs dense tensors).
table Int32Vector {
  values:[int];
}

table Uint16Vector {
  values:[ushort] (force_align: 4);
}

table Uint8Vector {
  values:[ubyte] (force_align: 4);
}

union SparseIndexVector {
  Int32Vector,
  Uint16Vector,
  Uint8Vector,
}

table DimensionMetadata {
  format:DimensionType;
  dense_size:int;
  array_segments:SparseIndexVector;
  array_indices:SparseIndexVector;
}

table SparsityParameters {
  traversal_order:[int];
  block_map:[int];
  dim_metadata:[DimensionMetadata];
}

table VariantSubType {
  shape:[int];
  type:TensorType;
  has_rank:bool = false;
}

// buffer 0 (the empty sentinel) or an empty buffer: an activation, computed at run time.
table Tensor {
  shape:[int];
  type:TensorType;
  buffer:uint;
  name:string;
  quantization:QuantizationParameters;
  is_variable:bool = false;
  sparsity:SparsityParameters;
  shape_signature:[int];
  has_rank:bool = false;
  variant_tensors:[VariantSubType];
}

// The operator is max(deprecated_builtin_code, builtin_code): old files fill only the first.
table OperatorCode {
  deprecated_builtin_code:byte;
  custom_code:string;
  version:int = 1;
  builtin_code:BuiltinOperator;
}

// Tensor index -1 in inputs marks an absent optional input.
table Operator {
  opcode_index:uint;
  inputs:[int];
  outputs:[int];
  builtin_options:BuiltinOptions;
  custom_options:[ubyte];
  custom_options_format:CustomOptionsFormat;
  mutating_variable_inputs:[bool];
  intermediates:[int];
  large_custom_options_offset:ulong;
  large_custom_options_size:ulong;
  builtin_options_2:BuiltinOptions2;
  debug_metadata_index:int = -1;
}

table SubGraph {
  tensors:[Tensor];
  inputs:[int];
  outputs:[int];
  operators:[Operator];
  name:string;
  debug_metadata_index:int = -1;
}

// Data is 16-aligned from the start of the file: TFLM uses weights in place.
// offset > 1: the data lies outside the FlatBuffer, at this file offset (models over 2 GB).
table Buffer {
  data:[ubyte] (force_align: 16);
  offset:ulong;
  size:ulong;
}

table Metadata {
  name:string;
  buffer:uint;
}

table TensorMap {
  name:string;
  tensor_index:uint;
}

table SignatureDef {
  inputs:[TensorMap];
  outputs:[TensorMap];
  signature_key:string;
  deprecated_tag:string (deprecated);
  subgraph_index:uint;
}

table Model {
  version:uint;
  operator_codes:[OperatorCode];
  subgraphs:[SubGraph];
  description:string;
  buffers:[Buffer];
  metadata_buffer:[int];
  metadata:[Metadata];
  signature_defs:[SignatureDef];
}

root_type Model;
";
    }
}
