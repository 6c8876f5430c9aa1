using System;
using System.Linq;

namespace McuAi.TfLite
{
    /// <summary>
    /// Deep copies of the object model, so that a transformation (strip, quantize) never changes the model
    /// it was given. Buffer data is shared, not copied: it is read-only memory.
    /// </summary>
    public static class ModelCopier
    {
        public static Model Copy(Model m) => new()
        {
            Version = m.Version,
            OperatorCodes = m.OperatorCodes.Select(Copy).ToList(),
            Subgraphs = m.Subgraphs.Select(Copy).ToList(),
            Description = m.Description,
            Buffers = m.Buffers.Select(Copy).ToList(),
            MetadataBuffer = (int[])m.MetadataBuffer.Clone(),
            Metadata = m.Metadata.Select(x => new Metadata { Name = x.Name, Buffer = x.Buffer }).ToList(),
            SignatureDefs = m.SignatureDefs.Select(Copy).ToList(),
            PresentEmptyFields = m.PresentEmptyFields,
        };

        public static OperatorCode Copy(OperatorCode c) => new()
        {
            DeprecatedBuiltinCode = c.DeprecatedBuiltinCode,
            CustomCode = c.CustomCode,
            Version = c.Version,
            BuiltinCode = c.BuiltinCode,
        };

        public static SubGraph Copy(SubGraph g) => new()
        {
            Tensors = g.Tensors.Select(Copy).ToList(),
            Inputs = (int[])g.Inputs.Clone(),
            Outputs = (int[])g.Outputs.Clone(),
            Operators = g.Operators.Select(Copy).ToList(),
            Name = g.Name,
            DebugMetadataIndex = g.DebugMetadataIndex,
            PresentEmptyFields = g.PresentEmptyFields,
        };

        public static Tensor Copy(Tensor t) => new()
        {
            Shape = (int[])t.Shape.Clone(),
            Type = t.Type,
            Buffer = t.Buffer,
            Name = t.Name,
            Quantization = t.Quantization is null ? null : Copy(t.Quantization),
            IsVariable = t.IsVariable,
            ShapeSignature = (int[])t.ShapeSignature.Clone(),
            HasRank = t.HasRank,
            PresentEmptyFields = t.PresentEmptyFields,
        };

        public static QuantizationParameters Copy(QuantizationParameters q) => new()
        {
            Min = (float[])q.Min.Clone(),
            Max = (float[])q.Max.Clone(),
            Scale = (float[])q.Scale.Clone(),
            ZeroPoint = (long[])q.ZeroPoint.Clone(),
            DetailsType = q.DetailsType,
            CustomDetails = (byte[]?)q.CustomDetails?.Clone(),
            QuantizedDimension = q.QuantizedDimension,
            PresentEmptyFields = q.PresentEmptyFields,
        };

        public static Operator Copy(Operator op) => new()
        {
            OpcodeIndex = op.OpcodeIndex,
            Inputs = (int[])op.Inputs.Clone(),
            Outputs = (int[])op.Outputs.Clone(),
            BuiltinOptions = op.BuiltinOptions is null ? null : Copy(op.BuiltinOptions),
            CustomOptions = op.CustomOptions,
            CustomOptionsFormat = op.CustomOptionsFormat,
            MutatingVariableInputs = (bool[])op.MutatingVariableInputs.Clone(),
            Intermediates = (int[])op.Intermediates.Clone(),
            LargeCustomOptionsOffset = op.LargeCustomOptionsOffset,
            LargeCustomOptionsSize = op.LargeCustomOptionsSize,
            BuiltinOptions2 = op.BuiltinOptions2 is null ? null : Copy(op.BuiltinOptions2),
            DebugMetadataIndex = op.DebugMetadataIndex,
            PresentEmptyFields = op.PresentEmptyFields,
        };

        public static OperatorOptions Copy(OperatorOptions o)
        {
            // Raw tables are immutable: sharing them is safe.
            if (o.Schema is null) return OperatorOptions.Unknown(o.UnionIndex, o.IsSecondUnion, o.Raw!);
            var copy = new OperatorOptions(o.Schema, o.IsSecondUnion);
            foreach (var f in o.Schema.Fields)
            {
                object? value = o.GetRaw(f.Id);
                copy.SetRaw(f.Id, value is Array a ? a.Clone() : value);
            }
            return copy;
        }

        public static Buffer Copy(Buffer b) => new()
        {
            Data = b.Data,
            HasDataField = b.HasDataField,
            Offset = b.Offset,
            Size = b.Size,
        };

        public static SignatureDef Copy(SignatureDef s) => new()
        {
            Inputs = s.Inputs.Select(m => new TensorMap { Name = m.Name, TensorIndex = m.TensorIndex }).ToList(),
            Outputs = s.Outputs.Select(m => new TensorMap { Name = m.Name, TensorIndex = m.TensorIndex }).ToList(),
            SignatureKey = s.SignatureKey,
            DeprecatedTag = s.DeprecatedTag,
            SubgraphIndex = s.SubgraphIndex,
            PresentEmptyFields = s.PresentEmptyFields,
        };
    }
}
