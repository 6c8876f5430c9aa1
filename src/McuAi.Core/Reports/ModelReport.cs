using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using McuAi.Analysis;
using McuAi.Memory;
using McuAi.TfLite;

namespace McuAi.Reports
{
    /// <summary>
    /// The one report of a model, shared by `mcuai analyze`, the MSBuild build and later commands: the model file's
    /// identity, the analysis (layers, totals, inputs and outputs, ops, warnings) and the arena plan. Later work
    /// (quantization, validation) adds its results as <see cref="Sections"/>, so every renderer shows them without
    /// the report knowing their types. Rendered by <see cref="ReportJson"/>, <see cref="ReportMarkdown"/> and
    /// (through <see cref="ReportWriter"/>) an SVG arena timeline.
    /// </summary>
    public sealed class ModelReport
    {
        /// <summary>Version of the JSON form; bumped when a field changes meaning or disappears (adding fields keeps it).</summary>
        public const int SchemaVersion = 1;

        private readonly List<IReportSection> _sections = new();

        public ModelReport(ModelFileInfo file, Model model, ModelAnalysis analysis)
        {
            File = file;
            Model = model;
            Analysis = analysis;
        }

        public ModelFileInfo File { get; }
        /// <summary>The analyzed model (renderers need its operator and tensor names).</summary>
        public Model Model { get; }
        public ModelAnalysis Analysis { get; }

        /// <summary>The arena plan (pointer size and kernel set are in its options).</summary>
        public ArenaPlan Arena => Analysis.Arena;

        /// <summary>Optional sections that later stages add (quantization metrics, validation against a reference), in the order added.</summary>
        public IReadOnlyList<IReportSection> Sections => _sections;

        /// <summary>Appends a section; its <see cref="IReportSection.Name"/> must be unique in the report and not a core field name.</summary>
        public ModelReport Add(IReportSection section)
        {
            if (section is null) throw new ArgumentNullException(nameof(section));
            if (_sections.Exists(s => s.Name == section.Name))
                throw new ArgumentException($"the report already has a section named '{section.Name}'", nameof(section));
            _sections.Add(section);
            return this;
        }

        /// <summary>Reads, validates and analyzes a model file.</summary>
        public static ModelReport FromFile(string path, AnalysisOptions? options = null)
        {
            byte[] bytes;
            try
            {
                bytes = System.IO.File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new Diagnostics.McuAiException(Diagnostics.DiagnosticCodes.ModelFileUnreadable, path,
                    $"cannot read the model file: {e.Message.TrimEnd('.')}. Check that the path is right and the file is readable.", e);
            }
            return Create(ModelReader.Read(bytes, path), bytes, path, options);
        }

        /// <summary>The report of a model already read from <paramref name="fileBytes"/>.</summary>
        /// <param name="filePath">The model's path; the report keeps only the file name.</param>
        public static ModelReport Create(Model model, ReadOnlyMemory<byte> fileBytes, string filePath, AnalysisOptions? options = null)
        {
            var o = options ?? new AnalysisOptions();
            var withSize = new AnalysisOptions { PointerSize = o.PointerSize, Kernels = o.Kernels, ModelSizeBytes = fileBytes.Length };
            var analysis = ModelAnalyzer.Analyze(model, withSize, filePath);
            return new ModelReport(ModelFileInfo.Of(filePath, fileBytes), model, analysis);
        }
    }

    /// <summary>Which model file a report is about.</summary>
    /// <param name="FileName">The file name only: reports never hold absolute paths, so they are the same on every machine.</param>
    /// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
    public sealed record ModelFileInfo(string FileName, string Sha256, long Bytes)
    {
        public static ModelFileInfo Of(string filePath, ReadOnlyMemory<byte> bytes)
        {
#if NET
            byte[] hash = SHA256.HashData(bytes.Span);
#else
            byte[] hash;
            using (var sha = SHA256.Create())
            {
                hash = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment)
                    ? sha.ComputeHash(segment.Array!, segment.Offset, segment.Count)
                    : sha.ComputeHash(bytes.ToArray());
            }
#endif
            var hex = new char[hash.Length * 2];
            for (int i = 0; i < hash.Length; i++)
            {
                hex[2 * i] = "0123456789abcdef"[hash[i] >> 4];
                hex[2 * i + 1] = "0123456789abcdef"[hash[i] & 15];
            }
            return new ModelFileInfo(Path.GetFileName(filePath), new string(hex), bytes.Length);
        }
    }
}
