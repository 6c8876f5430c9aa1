namespace McuAi.Reports
{
    /// <summary>
    /// A report section that also adds one number per operator to the per-layer table (Markdown, text and each JSON
    /// operator), with a total: the C runtime's estimated instructions, for instance.
    /// </summary>
    public interface ILayerColumnSection : IReportSection
    {
        /// <summary>The column's heading in the Markdown and text tables (e.g. "est. M4 instructions").</summary>
        string ColumnHeader { get; }

        /// <summary>The property each JSON operator gets (camelCase).</summary>
        string ColumnJsonName { get; }

        /// <summary>The operator's value, or null when there is none (the column shows "-", JSON omits the property).</summary>
        long? ColumnValue(int operatorIndex);

        /// <summary>The value of the whole model, or null when some operator has none.</summary>
        long? ColumnTotal { get; }
    }
}
