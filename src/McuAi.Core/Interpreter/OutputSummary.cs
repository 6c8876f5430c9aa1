using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>One output tensor after an invocation, as real values (quantized outputs dequantized).</summary>
    public sealed class OutputSummary
    {
        private OutputSummary(RuntimeTensor tensor, double[] values)
        {
            Tensor = tensor;
            Values = values;
            ArgMax = 0;
            for (int i = 1; i < values.Length; i++) if (values[i] > values[ArgMax]) ArgMax = i;
        }

        public RuntimeTensor Tensor { get; }
        /// <summary>Real values: (q − zero point) × scale for quantized outputs, the raw numbers otherwise.</summary>
        public double[] Values { get; }
        /// <summary>Index of the largest value (the first one on ties); 0 for an empty tensor.</summary>
        public int ArgMax { get; }

        public static IReadOnlyList<OutputSummary> Of(ModelInterpreter interpreter) =>
            Enumerable.Range(0, interpreter.OutputCount).Select(i => Of(interpreter.Output(i))).ToList();

        public static OutputSummary Of(RuntimeTensor tensor)
        {
            int count = checked((int)tensor.ElementCount);
            var values = new double[count];
            for (int i = 0; i < count; i++)
            {
                double raw = tensor.Type switch
                {
                    TensorType.FLOAT32 => tensor.As<float>()[i],
                    TensorType.INT8 or TensorType.UINT8 or TensorType.INT16 or TensorType.UINT16 or TensorType.INT32 => Load.Integer(tensor, i),
                    TensorType.UINT32 => tensor.As<uint>()[i],
                    TensorType.INT64 => tensor.As<long>()[i],
                    TensorType.BOOL => tensor.Data.Span[i] != 0 ? 1 : 0,
                    _ => double.NaN,
                };
                values[i] = tensor.IsQuantized && tensor.Type != TensorType.FLOAT32
                    ? (raw - tensor.ZeroPoint) * tensor.Scale
                    : raw;
            }
            return new OutputSummary(tensor, values);
        }

        /// <summary>
        /// Two lines: the tensor (name, type, shape, quantization) with its argmax, then up to
        /// <paramref name="maxValues"/> values in invariant culture.
        /// </summary>
        public string Render(int index, int maxValues = 32)
        {
            var t = Tensor;
            var text = new StringBuilder();
            text.Append($"output {index} '{Diagnostics.MessageText.Quote(t.Name)}' {t.Type}[{string.Join(",", t.Shape)}]");
            if (t.IsQuantized && t.Type != TensorType.FLOAT32)
                text.Append(Invariant($" scale={t.Scale:G6} zero_point={t.ZeroPoint}"));
            if (Values.Length > 0)
                text.Append(Invariant($": argmax {ArgMax} ({Values[ArgMax]:G6})"));
            text.AppendLine();
            text.Append("  values:");
            foreach (var v in Values.Take(maxValues)) text.Append(' ').Append(v.ToString("G6", CultureInfo.InvariantCulture));
            if (Values.Length > maxValues) text.Append(Invariant($" … ({Values.Length} in all)"));
            return text.ToString();
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
