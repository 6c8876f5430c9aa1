using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.IO;

namespace McuAi.Reports
{
    /// <summary>
    /// A model's report files, named alike wherever they are written (`mcuai analyze --report`, `mcuai generate
    /// --report`, the MSBuild SDK): <c>&lt;symbol&gt;_report.md</c>, <c>&lt;symbol&gt;_report.json</c> and the arena timeline
    /// <c>&lt;symbol&gt;_arena.svg</c>, which the Markdown shows. Each file is written to a temporary file and renamed, so a
    /// reader never sees half a report; a file whose bytes would not change is left alone, so its timestamp does not
    /// trigger incremental builds.
    /// </summary>
    public static class ReportWriter
    {
        public static string MarkdownName(string symbol) => symbol + "_report.md";
        public static string JsonName(string symbol) => symbol + "_report.json";
        public static string SvgName(string symbol) => symbol + "_arena.svg";

        /// <summary>The report's files (names relative to their folder), to be written beside the generated sources.</summary>
        public static IReadOnlyList<GeneratedFile> Files(ModelReport report, string symbol) => new[]
        {
            new GeneratedFile(MarkdownName(symbol), Encoding.UTF8.GetBytes(ReportMarkdown.Render(report, SvgName(symbol)))),
            new GeneratedFile(JsonName(symbol), ReportJson.RenderUtf8(report)),
            new GeneratedFile(SvgName(symbol), Encoding.UTF8.GetBytes(ArenaTimelineSvg.Render(report.Arena, report.Model))),
        };

        /// <summary>Writes the report files and returns their paths (written or already up to date), in a fixed order.</summary>
        public static IReadOnlyList<string> Write(ModelReport report, string directory, string symbol)
        {
            var files = Files(report, symbol).Select(f => (Path: Path.Combine(directory, f.RelativePath), Bytes: f.Content)).ToList();
            try
            {
                Directory.CreateDirectory(directory);
                AtomicFileSet.Write(files);
            }
            catch (Exception e) when (AtomicFile.IsWriteFailure(e))
            {
                throw new McuAiException(DiagnosticCodes.ReportWriteFailed, directory,
                    $"cannot write the report files: {e.Message.TrimEnd('.')}. Check that the folder is writable.", e);
            }
            return files.Select(f => f.Path).ToArray();
        }
    }
}
