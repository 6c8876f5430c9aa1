using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Text;
using System.Text.Json;
using McuAi.Analysis;
using McuAi.Diagnostics;
using McuAi.Memory;

namespace McuAi.Reports
{
    /// <summary>
    /// The stable JSON form of a <see cref="ModelReport"/> (documented field by field in docs/analysis.md):
    /// camelCase, a fixed property order, invariant numbers, '\n' line ends and a final newline.
    /// Written with <see cref="Utf8JsonWriter"/> rather than a serializer so that the order and the number
    /// text are under our control on every runtime.
    /// </summary>
    public static class ReportJson
    {
        public static string Render(ModelReport report) => Encoding.UTF8.GetString(RenderUtf8(report));

        public static byte[] RenderUtf8(ModelReport report)
        {
            using var stream = new MemoryStream();
#if NET
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
            {
                Write(w, report);
            }
            stream.WriteByte((byte)'\n');
            return stream.ToArray();
#else
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                Write(w, report);
            }
            // This writer indents with Environment.NewLine; strings never hold a raw newline (the writer escapes it),
            // so every CR LF here is indentation.
            var text = Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
            return Encoding.UTF8.GetBytes(text);
#endif
        }

        private static void Write(Utf8JsonWriter w, ModelReport report)
        {
            var a = report.Analysis;
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", ModelReport.SchemaVersion);
            w.WriteString("tflmCommit", TflmOps.TflmCommit);
            w.WriteStartObject("model");
            w.WriteString("file", report.File.FileName);
            w.WriteString("sha256", report.File.Sha256);
            w.WriteNumber("bytes", report.File.Bytes);
            w.WriteEndObject();

            w.WriteNumber("totalMacs", a.TotalMacs);
            w.WriteNumber("weightBytes", a.WeightBytes);
            w.WriteNumber("flashBytes", a.FlashBytes);
            w.WriteNumber("arenaBytes", a.ArenaBytes);
            w.WriteNumber("subgraphs", a.SubgraphCount);

            WriteIo(w, "inputs", a.Inputs);
            WriteIo(w, "outputs", a.Outputs);

            w.WriteStartArray("opsUsed");
            foreach (var op in a.OpsUsed) w.WriteStringValue(MessageText.Quote(op.Op));
            w.WriteEndArray();
            w.WriteStartArray("customOps");
            foreach (var name in a.CustomOps) w.WriteStringValue(MessageText.Quote(name));
            w.WriteEndArray();
            WriteRegistrations(w, a.OpsUsed);

            w.WriteStartArray("operators");
            var columns = report.Sections.OfType<ILayerColumnSection>().ToList();
            foreach (var layer in a.Layers) WriteLayer(w, layer, columns);
            w.WriteEndArray();

            WriteArena(w, report.Arena);

            w.WriteStartArray("warnings");
            foreach (var d in a.Warnings)
            {
                w.WriteStartObject();
                w.WriteString("code", d.Code);
                w.WriteString("severity", Severity(d.Severity));
                w.WriteString("message", d.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            foreach (var section in report.Sections)
            {
                w.WritePropertyName(section.Name);
                section.WriteJson(w);
            }
            w.WriteEndObject();
        }

        private static void WriteIo(Utf8JsonWriter w, string name, IReadOnlyList<IoTensor> tensors)
        {
            // Quantization text once per distinct tensor: thousands of slots may name one per-channel tensor (fuzz
            // mutant 990236 formatted half a million numbers, 390 MB, for 4,096 output slots).
            var quantizationText = new Dictionary<int, (byte[] Scale, byte[] ZeroPoint)>();
            w.WriteStartArray(name);
            foreach (var t in tensors)
            {
                if (!quantizationText.TryGetValue(t.Index, out var text))
                    quantizationText[t.Index] = text = (Encoding.UTF8.GetBytes(Inline(t.Scale.Select(FloatText))),
                        Encoding.UTF8.GetBytes(Inline(t.ZeroPoint.Select(NumberFormat.Plain))));
                w.WriteStartObject();
                w.WriteNumber("index", t.Index);
                w.WriteString("name", MessageText.Quote(t.Name));
                w.WriteString("type", t.Type.ToString());
                WriteInts(w, "shape", t.Shape);
                WriteInts(w, "staticShape", t.StaticShape);
                w.WriteNumber("bytes", t.Bytes);
                w.WritePropertyName("scale");
                w.WriteRawValue(text.Scale, skipInputValidation: true);
                w.WritePropertyName("zeroPoint");
                w.WriteRawValue(text.ZeroPoint, skipInputValidation: true);
                w.WriteNumber("quantizedDimension", t.QuantizedDimension);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        private static void WriteRegistrations(Utf8JsonWriter w, IReadOnlyList<OpUsage> ops)
        {
            w.WriteStartArray("registrations");
            foreach (var op in ops)
            {
                w.WriteStartObject();
                w.WriteString("op", MessageText.Quote(op.Op));
                w.WriteNumber("version", op.MaxVersionUsed);
                w.WriteNumber("operators", op.Count);
                if (op.Tflm is null)
                {
                    w.WriteNull("resolverMethod");
                    w.WriteNull("tflmMaxVersion");
                }
                else
                {
                    w.WriteString("resolverMethod", op.Tflm.ResolverMethod);
                    w.WriteNumber("tflmMaxVersion", op.Tflm.MaxVersion);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        private static void WriteLayer(Utf8JsonWriter w, LayerInfo layer, IReadOnlyList<ILayerColumnSection> columns)
        {
            w.WriteStartObject();
            w.WriteNumber("index", layer.Index);
            w.WriteString("op", layer.Op);
            w.WriteNumber("version", layer.Version);
            w.WriteNumber("macs", layer.Macs);
            w.WriteNumber("weightBytes", layer.WeightBytes);
            w.WriteNumber("activationBytes", layer.ActivationBytes);
            foreach (var c in columns)
                if (c.ColumnValue(layer.Index) is long value) w.WriteNumber(c.ColumnJsonName, value);
            WriteTensors(w, "inputs", layer.Inputs);
            WriteTensors(w, "outputs", layer.Outputs);
            w.WriteEndObject();
        }

        private static void WriteTensors(Utf8JsonWriter w, string name, IReadOnlyList<TensorRef> tensors)
        {
            w.WriteStartArray(name);
            foreach (var t in tensors)
            {
                w.WriteStartObject();
                w.WriteNumber("index", t.Index);
                w.WriteString("name", t.Name);
                w.WriteString("type", t.Type.ToString());
                WriteInts(w, "shape", t.Shape);
                w.WriteNumber("bytes", t.Bytes);
                w.WriteBoolean("constant", t.IsConstant);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        private static void WriteArena(Utf8JsonWriter w, ArenaPlan plan)
        {
            w.WriteStartObject("arena");
            w.WriteNumber("bytes", plan.ArenaBytes);
            w.WriteNumber("pointerSize", plan.Options.PointerSize);
            w.WriteString("kernels", ArenaOptions.KernelsName(plan.Options.Kernels));
            w.WriteNumber("nonPersistentBytes", plan.NonPersistentBytes);
            w.WriteNumber("persistentBytes", plan.PersistentBytes);
            w.WriteNumber("peakOperator", plan.PeakOperatorIndex);
            w.WriteStartArray("terms");
            foreach (var term in plan.Terms)
            {
                w.WriteStartObject();
                w.WriteString("description", term.Description);
                w.WriteNumber("bytes", term.Bytes);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("tensors");
            foreach (var t in plan.Tensors)
            {
                w.WriteStartObject();
                w.WriteNumber("index", t.TensorIndex);
                w.WriteString("name", t.Name);
                w.WriteNumber("offset", t.Offset);
                w.WriteNumber("bytes", t.Size);
                w.WriteNumber("firstOperator", t.FirstOperator);
                w.WriteNumber("lastOperator", t.LastOperator);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        /// <summary>The name of a kernel set as the CLI's --kernels option spells it.</summary>

        internal static string Severity(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };

        private static void WriteInts(Utf8JsonWriter w, string name, IReadOnlyList<int> values) =>
            WriteInline(w, name, values.Select(v => NumberFormat.Plain(v)));

        /// <summary>
        /// A short array of numbers on one line (<c>[1, 96, 96, 3]</c>), which keeps shapes and quantization readable.
        /// Raw text also lets floats print as their shortest exact form on every runtime.
        /// </summary>
        private static void WriteInline(Utf8JsonWriter w, string name, IEnumerable<string> numbers)
        {
            w.WritePropertyName(name);
            w.WriteRawValue(Inline(numbers), skipInputValidation: true);
        }

        private static string Inline(IEnumerable<string> numbers) => "[" + string.Join(", ", numbers) + "]";

        /// <summary>JSON has no NaN or infinity; such a scale (a broken model) is written as a string.</summary>
        private static string FloatText(float value) =>
            float.IsNaN(value) || float.IsInfinity(value) ? "\"" + NumberFormat.Float(value) + "\"" : NumberFormat.Float(value);
    }
}
