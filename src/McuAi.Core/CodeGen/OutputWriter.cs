using System;
using System.Collections.Generic;
using System.IO;
using McuAi.Diagnostics;
using McuAi.IO;

namespace McuAi.CodeGen
{
    /// <summary>
    /// Writes generated files so that builds stay incremental and never see half-written output.
    /// </summary>
    public static class OutputWriter
    {
        /// <summary>
        /// Writes <paramref name="content"/> to <paramref name="path"/> only when the file's bytes differ
        /// (an unchanged file keeps its timestamp, so the C compiler does not rebuild it). The bytes go
        /// to a temporary file beside the target first and are then renamed over it, so a reader sees
        /// the old file or the new one, never a part. Returns true when the file was written.
        /// </summary>
        public static bool WriteIfChanged(string path, byte[] content)
        {
            if (content is null) throw new ArgumentNullException(nameof(content));
            return WriteIfChanged(path, new GeneratedFile(Path.GetFileName(path ?? ""), content));
        }

        /// <summary>Like <see cref="WriteIfChanged(string, byte[])"/> for a generated file (a large one is compared and written piece by piece).</summary>
        public static bool WriteIfChanged(string path, GeneratedFile file)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (file is null) throw new ArgumentNullException(nameof(file));
            string fullPath = Path.GetFullPath(path);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
                return AtomicFile.WriteIfChanged(fullPath, file.Length, file.WriteTo);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new McuAiException(DiagnosticCodes.OutputWriteFailed, fullPath,
                    $"cannot write the generated file: {e.Message} Check that the output folder is writable and the file is not locked.", e);
            }
        }

        /// <summary>Writes every file under <paramref name="outputDirectory"/>; returns the paths that were (re)written.</summary>
        public static IReadOnlyList<string> WriteAll(string outputDirectory, IEnumerable<GeneratedFile> files)
        {
            var written = new List<string>();
            foreach (var file in files)
            {
                string path = Path.Combine(outputDirectory, file.RelativePath);
                if (WriteIfChanged(path, file)) written.Add(path);
            }
            return written;
        }
    }
}
