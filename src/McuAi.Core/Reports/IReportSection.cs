using System.Text;
using System.Text.Json;

namespace McuAi.Reports
{
    /// <summary>
    /// An optional part of a <see cref="ModelReport"/> that a later stage adds (quantization metrics, validation
    /// results). The renderers call it at the end of their output, so a new section needs no renderer change.
    /// </summary>
    public interface IReportSection
    {
        /// <summary>The JSON property name (camelCase, e.g. <c>quantization</c>).</summary>
        string Name { get; }

        /// <summary>Writes the section's value (one JSON value, usually an object). Must be deterministic.</summary>
        void WriteJson(Utf8JsonWriter writer);

        /// <summary>Appends the section as Markdown, starting with a level-2 heading; lines end with '\n'.</summary>
        void WriteMarkdown(StringBuilder markdown);
    }
}
