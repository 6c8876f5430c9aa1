using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace McuAi.Quantization
{
    /// <summary>The stable JSON form of validation figures (<c>mcuai validate --json</c>, the build's validation record).</summary>
    public static class MetricsJson
    {
        public static string Render(IEnumerable<OutputMetrics> metrics)
        {
            var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteStartArray("outputs");
                foreach (var m in metrics)
                {
                    w.WriteStartObject();
                    w.WriteString("name", m.Name);
                    w.WriteNumber("samples", m.Samples);
                    Number(w, "cosine", m.Cosine);
                    Number(w, "l2RelativeError", m.L2RelativeError);
                    Number(w, "rmse", m.Rmse);
                    Number(w, "maxAbsError", m.MaxAbsError);
                    if (m.Top1Agreement is { } t) w.WriteNumber("top1Agreement", t);
                    else w.WriteNull("top1Agreement");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        /// <summary>JSON has no infinity (an L2 error against an all-zero reference): such figures are null.</summary>
        private static void Number(Utf8JsonWriter w, string name, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) w.WriteNull(name);
            else w.WriteNumber(name, value);
        }
    }
}
