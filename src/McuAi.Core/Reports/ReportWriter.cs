using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using McuAi.Diagnostics;
using McuAi.IO;

namespace McuAi.Reports
{
    /// <summary>
    /// Writes a report's files into a folder: <c>&lt;name&gt;.md</c>, <c>&lt;name&gt;.json</c> and <c>&lt;name&gt;.svg</c>
    /// (the arena timeline, which the Markdown shows). Each file is written to a temporary file and renamed, so a
    /// reader never sees half a report; a file whose bytes would not change is left alone, so its timestamp does not
    /// trigger incremental builds.
    /// </summary>
    public static class ReportWriter
    {
        /// <summary>Writes the report files and returns their paths (written or already up to date), in a fixed order.</summary>
        /// <param name="baseName">File name without extension; <c>report</c> unless several models share the folder.</param>
        public static IReadOnlyList<string> Write(ModelReport report, string directory, string baseName = "report")
        {
            string svgName = baseName + ".svg";
            var files = new List<(string Path, byte[] Bytes)>
            {
                (Path.Combine(directory, baseName + ".md"), Encoding.UTF8.GetBytes(ReportMarkdown.Render(report, svgName))),
                (Path.Combine(directory, baseName + ".json"), ReportJson.RenderUtf8(report)),
                (Path.Combine(directory, svgName), Encoding.UTF8.GetBytes(ArenaTimelineSvg.Render(report.Arena, report.Model))),
            };
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
