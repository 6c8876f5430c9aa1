using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using McuAi.Diagnostics;

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
                foreach (var (path, bytes) in files) WriteIfChanged(path, bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new McuAiException(DiagnosticCodes.ReportWriteFailed, directory,
                    $"cannot write the report files: {e.Message}. Check that the folder is writable.", e);
            }
            return files.Select(f => f.Path).ToArray();
        }

        /// <summary>Replaces <paramref name="path"/> atomically with <paramref name="bytes"/> unless it already holds them.</summary>
        internal static void WriteIfChanged(string path, byte[] bytes)
        {
            if (File.Exists(path) && SameBytes(path, bytes)) return;
            string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                File.WriteAllBytes(temp, bytes);
#if NET
                File.Move(temp, path, overwrite: true);
#else
                if (File.Exists(path)) File.Replace(temp, path, null);
                else File.Move(temp, path);
#endif
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        private static bool SameBytes(string path, byte[] bytes)
        {
            var info = new FileInfo(path);
            if (info.Length != bytes.Length) return false;
            return File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
        }
    }
}
