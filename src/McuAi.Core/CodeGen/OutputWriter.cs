using System;
using System.Collections.Generic;
using System.IO;
using McuAi.Diagnostics;

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
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (content is null) throw new ArgumentNullException(nameof(content));
            string fullPath = Path.GetFullPath(path);
            if (HasContent(fullPath, content)) return false;
            string directory = Path.GetDirectoryName(fullPath)!;
            string temp = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                Directory.CreateDirectory(directory);
                File.WriteAllBytes(temp, content);
                Replace(temp, fullPath);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                TryDelete(temp);
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
                if (WriteIfChanged(path, file.Content)) written.Add(path);
            }
            return written;
        }

        private static bool HasContent(string path, byte[] content)
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != content.Length) return false;
            try
            {
                return File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
            }
            catch (IOException)
            {
                return false;
            }
        }

        private static void Replace(string source, string destination)
        {
#if NET
            File.Move(source, destination, overwrite: true);
#else
            // rename(2) semantics: File.Move cannot overwrite on netstandard2.0, File.Replace can.
            if (File.Exists(destination)) File.Replace(source, destination, null);
            else File.Move(source, destination);
#endif
        }

        private static void TryDelete(string path)
        {
            try { if (File.Exists(path)) File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
