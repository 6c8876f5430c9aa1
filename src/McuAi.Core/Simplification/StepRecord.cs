using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using McuAi.Quantization;

namespace McuAi.Simplification
{
    /// <summary>A table of a step's per-layer figures; a cell is a string, a long or a double.</summary>
    public sealed class StepTable
    {
        public StepTable(params string[] columns) => Columns = columns;

        public IReadOnlyList<string> Columns { get; }
        public List<object[]> Rows { get; } = new();

        public StepTable Add(params object[] cells)
        {
            if (cells.Length != Columns.Count) throw new ArgumentException("a row needs one cell per column");
            Rows.Add(cells);
            return this;
        }
    }

    /// <summary>
    /// One step of a simplification run: its settings, the model's figures before and after it, the accuracy after it
    /// against the user's model, notes (diagnostics) and its per-layer table. Serialised into the run's record, which
    /// the report section reads back.
    /// </summary>
    public sealed class StepRecord
    {
        public StepRecord(string step, string title, string settings)
        {
            Step = step;
            Title = title;
            Settings = settings;
        }

        /// <summary>channels, sparsity, quantization, weight-bits.</summary>
        public string Step { get; }
        public string Title { get; }
        public string Settings { get; }
        public ModelFigures? Before { get; set; }
        public ModelFigures? After { get; set; }
        /// <summary>Per output, the figures after this step against the user's model; null when nothing was validated.</summary>
        public IReadOnlyList<OutputMetrics>? Accuracy { get; set; }
        public List<string> Notes { get; } = new();
        public StepTable? Table { get; set; }

        /// <summary>The record of a whole run: <c>{"format":1,"sourceModel":...,"validationSamples":...,"steps":[...]}</c>.</summary>
        public static string Render(string sourceModel, int validationSamples, IEnumerable<StepRecord> steps)
        {
            var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("format", 1);
                w.WriteString("sourceModel", sourceModel);
                w.WriteNumber("validationSamples", validationSamples);
                w.WriteStartArray("steps");
                foreach (var s in steps) s.Write(w, withFigures: true);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        /// <summary>The part of a step that depends only on its input and settings (cached with the step's model).</summary>
        internal string RenderDetails()
        {
            var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true })) Write(w, withFigures: false);
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        /// <summary>Reads the notes and table that <see cref="RenderDetails"/> wrote.</summary>
        internal void ReadDetails(string json)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            foreach (var note in root.GetProperty("notes").EnumerateArray()) Notes.Add(note.GetString() ?? "");
            if (!root.TryGetProperty("table", out var table) || table.ValueKind != JsonValueKind.Object) return;
            var columns = new List<string>();
            foreach (var c in table.GetProperty("columns").EnumerateArray()) columns.Add(c.GetString() ?? "");
            Table = new StepTable(columns.ToArray());
            foreach (var row in table.GetProperty("rows").EnumerateArray())
            {
                var cells = new List<object>();
                foreach (var cell in row.EnumerateArray())
                    cells.Add(cell.ValueKind == JsonValueKind.Number
                        ? cell.TryGetInt64(out long l) ? l : cell.GetDouble()
                        : (object)(cell.GetString() ?? ""));
                Table.Add(cells.ToArray());
            }
        }

        private void Write(Utf8JsonWriter w, bool withFigures)
        {
            w.WriteStartObject();
            w.WriteString("step", Step);
            w.WriteString("title", Title);
            w.WriteString("settings", Settings);
            if (withFigures)
            {
                Figures(w, "before", Before);
                Figures(w, "after", After);
                w.WritePropertyName("accuracy");
                if (Accuracy is null) w.WriteNullValue();
                else
                {
                    using var metrics = JsonDocument.Parse(MetricsJson.Render(Accuracy));
                    metrics.RootElement.WriteTo(w);
                }
            }
            w.WriteStartArray("notes");
            foreach (string n in Notes) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WritePropertyName("table");
            if (Table is null) w.WriteNullValue();
            else
            {
                w.WriteStartObject();
                w.WriteStartArray("columns");
                foreach (string c in Table.Columns) w.WriteStringValue(c);
                w.WriteEndArray();
                w.WriteStartArray("rows");
                foreach (var row in Table.Rows)
                {
                    w.WriteStartArray();
                    foreach (var cell in row)
                        switch (cell)
                        {
                            case long l: w.WriteNumberValue(l); break;
                            case int i: w.WriteNumberValue(i); break;
                            case double d when double.IsNaN(d) || double.IsInfinity(d): w.WriteNullValue(); break;
                            case double d: w.WriteNumberValue(Math.Round(d, 6)); break;
                            default: w.WriteStringValue(cell?.ToString() ?? ""); break;
                        }
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }

        private static void Figures(Utf8JsonWriter w, string name, ModelFigures? f)
        {
            w.WritePropertyName(name);
            if (f is null)
            {
                w.WriteNullValue();
                return;
            }
            w.WriteStartObject();
            w.WriteNumber("flashBytes", f.FlashBytes);
            w.WriteNumber("weightBytes", f.WeightBytes);
            w.WriteNumber("arenaBytes", f.ArenaBytes);
            w.WriteNumber("macs", f.Macs);
            w.WriteEndObject();
        }
    }
}
