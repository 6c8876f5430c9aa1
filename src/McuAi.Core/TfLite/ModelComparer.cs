using System;
using System.Collections.Generic;
using System.Globalization;
using McuAi.FlatBuffers;

namespace McuAi.TfLite
{
    /// <summary>
    /// Structural comparison of two object models, for the guarantee "read → write → read gives an equal
    /// model". Reports the first difference as a path (<c>subgraphs[0].tensors[3].quantization.scale[1]</c>)
    /// with both values. Floats compare by bits (NaN equals NaN, 0 differs from -0).
    /// The file position of an offset-form buffer is not compared: only where it is, not what it holds,
    /// may change when a model is rewritten.
    /// </summary>
    public static class ModelComparer
    {
        /// <summary>Null when the models are equal; otherwise where and how they first differ.</summary>
        public static string? FirstDifference(Model a, Model b)
        {
            return Value("version", a.Version, b.Version)
                ?? Value("description", a.Description, b.Description)
                ?? Value("presentEmptyFields", a.PresentEmptyFields, b.PresentEmptyFields)
                ?? List("operator_codes", a.OperatorCodes, b.OperatorCodes, CompareOperatorCode)
                ?? List("subgraphs", a.Subgraphs, b.Subgraphs, CompareSubGraph)
                ?? List("buffers", a.Buffers, b.Buffers, CompareBuffer)
                ?? Sequence("metadata_buffer", a.MetadataBuffer, b.MetadataBuffer)
                ?? List("metadata", a.Metadata, b.Metadata, (p, x, y) =>
                    Value(p + ".name", x.Name, y.Name) ?? Value(p + ".buffer", x.Buffer, y.Buffer))
                ?? List("signature_defs", a.SignatureDefs, b.SignatureDefs, CompareSignatureDef);
        }

        private static string? CompareOperatorCode(string p, OperatorCode x, OperatorCode y) =>
            Value(p + ".deprecated_builtin_code", x.DeprecatedBuiltinCode, y.DeprecatedBuiltinCode)
            ?? Value(p + ".custom_code", x.CustomCode, y.CustomCode)
            ?? Value(p + ".version", x.Version, y.Version)
            ?? Value(p + ".builtin_code", x.BuiltinCode, y.BuiltinCode);

        private static string? CompareSubGraph(string p, SubGraph x, SubGraph y) =>
            Value(p + ".name", x.Name, y.Name)
            ?? Value(p + ".presentEmptyFields", x.PresentEmptyFields, y.PresentEmptyFields)
            ?? Sequence(p + ".inputs", x.Inputs, y.Inputs)
            ?? Sequence(p + ".outputs", x.Outputs, y.Outputs)
            ?? Value(p + ".debug_metadata_index", x.DebugMetadataIndex, y.DebugMetadataIndex)
            ?? List(p + ".tensors", x.Tensors, y.Tensors, CompareTensor)
            ?? List(p + ".operators", x.Operators, y.Operators, CompareOperator);

        private static string? CompareTensor(string p, Tensor x, Tensor y) =>
            Value(p + ".name", x.Name, y.Name)
            ?? Sequence(p + ".shape", x.Shape, y.Shape)
            ?? Value(p + ".type", x.Type, y.Type)
            ?? Value(p + ".buffer", x.Buffer, y.Buffer)
            ?? Value(p + ".is_variable", x.IsVariable, y.IsVariable)
            ?? Sequence(p + ".shape_signature", x.ShapeSignature, y.ShapeSignature)
            ?? Value(p + ".has_rank", x.HasRank, y.HasRank)
            ?? Value(p + ".presentEmptyFields", x.PresentEmptyFields, y.PresentEmptyFields)
            ?? Optional(p + ".quantization", x.Quantization, y.Quantization, CompareQuantization);

        private static string? CompareQuantization(string p, QuantizationParameters x, QuantizationParameters y) =>
            Floats(p + ".min", x.Min, y.Min)
            ?? Floats(p + ".max", x.Max, y.Max)
            ?? Floats(p + ".scale", x.Scale, y.Scale)
            ?? Sequence(p + ".zero_point", x.ZeroPoint, y.ZeroPoint)
            ?? Value(p + ".details_type", x.DetailsType, y.DetailsType)
            ?? Optional(p + ".details.custom", x.CustomDetails, y.CustomDetails, (q, u, v) => Bytes(q, u, v))
            ?? Value(p + ".quantized_dimension", x.QuantizedDimension, y.QuantizedDimension)
            ?? Value(p + ".presentEmptyFields", x.PresentEmptyFields, y.PresentEmptyFields);

        private static string? CompareOperator(string p, Operator x, Operator y) =>
            Value(p + ".opcode_index", x.OpcodeIndex, y.OpcodeIndex)
            ?? Sequence(p + ".inputs", x.Inputs, y.Inputs)
            ?? Sequence(p + ".outputs", x.Outputs, y.Outputs)
            ?? CompareOptions(p + ".builtin_options", x.BuiltinOptions, y.BuiltinOptions)
            ?? Value(p + ".custom_options (present)", x.CustomOptions.HasValue, y.CustomOptions.HasValue)
            ?? (x.CustomOptions is { } cx && y.CustomOptions is { } cy ? Bytes(p + ".custom_options", cx, cy) : null)
            ?? Value(p + ".custom_options_format", x.CustomOptionsFormat, y.CustomOptionsFormat)
            ?? Sequence(p + ".mutating_variable_inputs", x.MutatingVariableInputs, y.MutatingVariableInputs)
            ?? Sequence(p + ".intermediates", x.Intermediates, y.Intermediates)
            ?? Value(p + ".large_custom_options_offset", x.LargeCustomOptionsOffset, y.LargeCustomOptionsOffset)
            ?? Value(p + ".large_custom_options_size", x.LargeCustomOptionsSize, y.LargeCustomOptionsSize)
            ?? CompareOptions(p + ".builtin_options_2", x.BuiltinOptions2, y.BuiltinOptions2)
            ?? Value(p + ".debug_metadata_index", x.DebugMetadataIndex, y.DebugMetadataIndex)
            ?? Value(p + ".presentEmptyFields", x.PresentEmptyFields, y.PresentEmptyFields);

        private static string? CompareOptions(string p, OperatorOptions? x, OperatorOptions? y)
        {
            if (x is null || y is null)
                return x is null && y is null ? null : $"{p}: {x?.ToString() ?? "absent"} vs {y?.ToString() ?? "absent"}";
            return x.ContentEquals(y) ? null : $"{p}: {x} vs {y}";
        }

        private static string? CompareBuffer(string p, Buffer x, Buffer y) =>
            Value(p + ".has_data_field", x.HasDataField, y.HasDataField)
            ?? Value(p + ".is_external", x.IsExternal, y.IsExternal)
            ?? (x.IsExternal ? null : Value(p + ".offset", x.Offset, y.Offset))
            ?? Value(p + ".size", x.Size, y.Size)
            ?? Bytes(p + ".data", x.Data, y.Data);

        private static string? CompareSignatureDef(string p, SignatureDef x, SignatureDef y) =>
            Value(p + ".signature_key", x.SignatureKey, y.SignatureKey)
            ?? Value(p + ".deprecated_tag", x.DeprecatedTag, y.DeprecatedTag)
            ?? Value(p + ".subgraph_index", x.SubgraphIndex, y.SubgraphIndex)
            ?? Value(p + ".presentEmptyFields", x.PresentEmptyFields, y.PresentEmptyFields)
            ?? List(p + ".inputs", x.Inputs, y.Inputs, CompareTensorMap)
            ?? List(p + ".outputs", x.Outputs, y.Outputs, CompareTensorMap);

        private static string? CompareTensorMap(string p, TensorMap x, TensorMap y) =>
            Value(p + ".name", x.Name, y.Name) ?? Value(p + ".tensor_index", x.TensorIndex, y.TensorIndex);

        // ---- generic pieces ----------------------------------------------------------------------

        private static string? List<T>(string p, List<T> x, List<T> y, Func<string, T, T, string?> compare)
        {
            if (x.Count != y.Count) return $"{p}: {x.Count} elements vs {y.Count}";
            for (int i = 0; i < x.Count; i++)
            {
                string? d = compare($"{p}[{i}]", x[i], y[i]);
                if (d is not null) return d;
            }
            return null;
        }

        private static string? Optional<T>(string p, T? x, T? y, Func<string, T, T, string?> compare) where T : class
        {
            if (x is null || y is null) return x is null && y is null ? null : $"{p}: {(x is null ? "absent" : "present")} vs {(y is null ? "absent" : "present")}";
            return compare(p, x, y);
        }

        private static string? Value<T>(string p, T x, T y) =>
            EqualityComparer<T>.Default.Equals(x, y) ? null : $"{p}: {Show(x)} vs {Show(y)}";

        private static string? Sequence<T>(string p, T[] x, T[] y)
        {
            if (x.Length != y.Length) return $"{p}: {x.Length} elements vs {y.Length}";
            for (int i = 0; i < x.Length; i++)
                if (!EqualityComparer<T>.Default.Equals(x[i], y[i])) return $"{p}[{i}]: {Show(x[i])} vs {Show(y[i])}";
            return null;
        }

        private static string? Floats(string p, float[] x, float[] y)
        {
            if (x.Length != y.Length) return $"{p}: {x.Length} elements vs {y.Length}";
            for (int i = 0; i < x.Length; i++)
                if (BitConverterCompat.SingleToInt32Bits(x[i]) != BitConverterCompat.SingleToInt32Bits(y[i]))
                    return $"{p}[{i}]: {x[i].ToString("R", CultureInfo.InvariantCulture)} vs {y[i].ToString("R", CultureInfo.InvariantCulture)}";
            return null;
        }

        private static string? Bytes(string p, ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y)
        {
            if (x.Length != y.Length) return $"{p}: {x.Length} bytes vs {y.Length}";
            var a = x.Span;
            var b = y.Span;
            for (int i = 0; i < a.Length; i++)
                if (a[i] != b[i]) return $"{p}[{i}]: {a[i]} vs {b[i]}";
            return null;
        }

        private static string Show<T>(T value) => value switch
        {
            null => "absent",
            string s => "\"" + s + "\"",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
