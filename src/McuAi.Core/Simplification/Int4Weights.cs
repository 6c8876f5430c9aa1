using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using McuAi.Quantization;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>One layer's filter as 4-bit weights (or why it stays at 8 bits).</summary>
    /// <param name="Name">The layer's output tensor.</param>
    /// <param name="BytesBefore">The int8 filter's bytes.</param>
    /// <param name="BytesAfter">The INT4 filter's bytes (half, rounded up).</param>
    public sealed record Int4Layer(int Operator, string Op, string Name, long BytesBefore, long BytesAfter);

    /// <summary>
    /// Rewrites the int8 filters of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED operators of a full-integer
    /// model as TFLite INT4 tensors, the form TFLM's kernels accept: values in [-7, 7] (symmetric, zero point 0),
    /// two per byte (<see cref="Int4Packing"/>); per channel for the convolutions (axis 0, depthwise axis 3) and per
    /// tensor for FULLY_CONNECTED (TFLM refuses per-channel INT4 there). The new scale is the one of max|w| / 7 ... max|w| / 14
    /// with the least squared error (<see cref="ClippedScales"/>; raised where the bias would not fit int32, as for
    /// int8); biases are requantized to
    /// input scale × new weight scale; the op gets the version TFLite gives int4 filters (7, 7, 10).
    /// </summary>
    public static class Int4Weights
    {
        public const int QMax = 7;

        /// <summary>Operators whose filter can become INT4: int8 in (with a scale) and out, a constant symmetric int8 filter that only this operator reads, an int32 bias.</summary>
        public static IReadOnlyList<int> Candidates(Model model)
        {
            var g = model.MainSubgraph;
            var uses = new ConstantEditor(model);
            var result = new List<int>();
            for (int k = 0; k < g.Operators.Count; k++)
            {
                var op = g.Operators[k];
                var code = model.CodeOf(op);
                if (code.IsCustom || code.Op is not (BuiltinOperator.CONV_2D or BuiltinOperator.DEPTHWISE_CONV_2D or BuiltinOperator.FULLY_CONNECTED)) continue;
                if (op.Inputs.Length < 2 || op.Inputs[0] < 0 || op.Outputs.Length == 0) continue;
                if (g.Tensors[op.Inputs[0]].Type != TensorType.INT8 || g.Tensors[op.Outputs[0]].Type != TensorType.INT8) continue;
                // The bias is requantized to the input's scale: an input without one is not a quantized layer.
                if (g.Tensors[op.Inputs[0]].Quantization is not { Scale.Length: > 0 }) continue;
                int filter = op.Inputs[1];
                if (filter < 0 || !uses.IsPrivate(filter) || g.Tensors[filter].Type != TensorType.INT8) continue;
                if (g.Tensors[filter].Quantization is not { Scale.Length: > 0 } q || q.ZeroPoint.Any(z => z != 0)) continue;
                int bias = op.Inputs.Length > 2 ? op.Inputs[2] : -1;
                if (bias >= 0 && (!uses.IsPrivate(bias) || g.Tensors[bias].Type != TensorType.INT32 || g.Tensors[bias].Quantization is not { Scale.Length: > 0 })) continue;
                if (!ParametersFitChannels(g.Tensors[filter], bias >= 0 ? g.Tensors[bias] : null, code.Op)) continue;
                result.Add(k);
            }
            return result;
        }

        /// <summary>
        /// The filter has the rank its op takes, and its scales and the bias (values and scales) are one or one per output
        /// channel: what the conversion indexes. TFLM's Prepare refuses other layers, so they are no candidates.
        /// </summary>
        private static bool ParametersFitChannels(Tensor filter, Tensor? bias, BuiltinOperator op)
        {
            int rank = op == BuiltinOperator.FULLY_CONNECTED ? 2 : 4;
            int axis = op == BuiltinOperator.DEPTHWISE_CONV_2D ? 3 : 0;
            if (filter.Shape.Length != rank) return false;
            int channels = filter.Shape[axis];
            bool OneOrPerChannel(int count) => count == 1 || count == channels;
            if (!OneOrPerChannel(filter.Quantization!.Scale.Length) || (filter.Quantization.Scale.Length > 1 && filter.Quantization.QuantizedDimension != axis)) return false;
            return bias is null || (bias.ElementCount == channels && OneOrPerChannel(bias.Quantization!.Scale.Length));
        }

        /// <summary>A copy of <paramref name="model"/> with the filters of <paramref name="operators"/> (from <see cref="Candidates"/>) as INT4.</summary>
        public static (Model Model, IReadOnlyList<Int4Layer> Layers) Convert(Model model, IEnumerable<int> operators)
        {
            var copy = ModelCopier.Copy(model);
            var editor = new ConstantEditor(copy);
            var layers = new List<Int4Layer>();
            foreach (int k in operators.Distinct().OrderBy(k => k))
                layers.Add(ConvertOne(copy, editor, k));
            return (copy, layers);
        }

        private static Int4Layer ConvertOne(Model model, ConstantEditor editor, int k)
        {
            var g = model.MainSubgraph;
            var op = g.Operators[k];
            var code = model.CodeOf(op);
            var filter = g.Tensors[op.Inputs[1]];
            long before = model.DataOf(filter).Length;
            int axis = code.Op switch
            {
                BuiltinOperator.CONV_2D => 0,
                BuiltinOperator.DEPTHWISE_CONV_2D => 3,
                _ => -1,
            };
            var real = ConstantValues.Real(model, filter);
            var scales = ClippedScales(real, filter.Shape, axis);
            double inputScale = g.Tensors[op.Inputs[0]].Quantization!.Scale[0];

            Tensor? bias = op.Inputs.Length > 2 && op.Inputs[2] >= 0 ? g.Tensors[op.Inputs[2]] : null;
            float[]? realBias = null;
            if (bias is not null)
            {
                var stored = MemoryMarshal.Cast<byte, int>(model.DataOf(bias).Span);
                var biasScales = bias.Quantization!.Scale;
                realBias = new float[stored.Length];
                for (int c = 0; c < stored.Length; c++) realBias[c] = (float)(stored[c] * (double)biasScales[biasScales.Length == 1 ? 0 : c]);
                WeightQuantizer.AdjustScalesForBias(scales, realBias, inputScale);
            }

            long inner = 1;
            if (axis >= 0) for (int d = axis + 1; d < filter.Shape.Length; d++) inner *= filter.Shape[d];
            var values = new sbyte[real.Length];
            for (int i = 0; i < real.Length; i++)
            {
                int c = axis < 0 ? 0 : (int)(i / inner % scales.Length);
                values[i] = (sbyte)QuantMath.Quantize(real[i], scales[c], 0, -QMax, QMax);
            }
            editor.SetData(filter, Int4Packing.Pack(values));
            filter.Type = TensorType.INT4;
            filter.Quantization = new QuantizationParameters { Scale = scales, ZeroPoint = new long[scales.Length], QuantizedDimension = Math.Max(axis, 0) };

            if (bias is not null && realBias is not null)
            {
                var newScales = new float[scales.Length];
                for (int c = 0; c < newScales.Length; c++) newScales[c] = (float)(inputScale * scales[c]);
                editor.SetData(bias, MemoryMarshal.AsBytes(WeightQuantizer.QuantizeBiasInt32(realBias, newScales).AsSpan()).ToArray());
                bias.Quantization = new QuantizationParameters { Scale = newScales, ZeroPoint = new long[newScales.Length], QuantizedDimension = 0 };
            }
            op.OpcodeIndex = (uint)CodeWithVersion(model, code, code.Op == BuiltinOperator.FULLY_CONNECTED ? 10 : 7);
            string name = g.Tensors[op.Outputs[0]].Name ?? $"operator {k}";
            return new Int4Layer(k, code.ShownName, name, before, model.DataOf(filter).Length);
        }

        /// <summary>
        /// Per channel (or per tensor), the scale that minimises the squared rounding and clipping error over the
        /// channel's weights, searched from max|w| / 7 down to half of it in 5 % steps: with only 15 levels, clipping
        /// the few largest weights pays for a finer step for all the others.
        /// </summary>
        internal static float[] ClippedScales(float[] real, int[] shape, int axis)
        {
            var scales = WeightQuantizer.Scales(real, shape, axis, QMax);
            long inner = 1;
            if (axis >= 0) for (int d = axis + 1; d < shape.Length; d++) inner *= shape[d];
            int channels = scales.Length;
            var errors = new double[channels, 11];
            for (int i = 0; i < real.Length; i++)
            {
                int c = axis < 0 ? 0 : (int)(i / inner % channels);
                for (int step = 0; step <= 10; step++)
                {
                    float scale = scales[c] * (1 - step * 0.05f);
                    double q = QuantMath.Quantize(real[i], scale, 0, -QMax, QMax) * (double)scale - real[i];
                    errors[c, step] += q * q;
                }
            }
            var result = new float[channels];
            for (int c = 0; c < channels; c++)
            {
                int best = 0;
                for (int step = 1; step <= 10; step++) if (errors[c, step] < errors[c, best]) best = step;
                result[c] = scales[c] * (1 - best * 0.05f);
            }
            return result;
        }

        /// <summary>An operator code for the same op at version ≥ <paramref name="version"/>: the int8 operators keep theirs.</summary>
        private static int CodeWithVersion(Model model, OperatorCode code, int version)
        {
            if (code.Version >= version) return model.OperatorCodes.IndexOf(code);
            int existing = model.OperatorCodes.FindIndex(c => c.Op == code.Op && c.CustomCode == code.CustomCode && c.Version == version);
            if (existing >= 0) return existing;
            var added = ModelCopier.Copy(code);
            added.Version = version;
            model.OperatorCodes.Add(added);
            return model.OperatorCodes.Count - 1;
        }
    }
}
