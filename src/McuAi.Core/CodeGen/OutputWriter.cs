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

        /// <summary>
        /// Writes every file under <paramref name="outputDirectory"/>, all or nothing (<see cref="AtomicFileSet"/>):
        /// when one cannot be written (its name is taken by a folder, the disk is full) none is changed.
        /// Returns the paths that were (re)written. A file whose name differs only in case from one already in
        /// the folder is refused (MCUAI2011): symbols <c>kws</c> and <c>KWS</c> share an include guard, and on
        /// a case-insensitive file system one set would overwrite the other.
        /// </summary>
        public static IReadOnlyList<string> WriteAll(string outputDirectory, IEnumerable<GeneratedFile> files)
        {
            string folder = Path.GetFullPath(outputDirectory);
            var set = new List<AtomicFileSet.Entry>();
            // Each file's bytes are produced as they are compared and written (a large model array never sits in memory).
            foreach (var file in files) set.Add(new AtomicFileSet.Entry(Path.GetFullPath(Path.Combine(folder, file.RelativePath)), file.Length, file.WriteTo));
            try
            {
                foreach (var created in set) Directory.CreateDirectory(Path.GetDirectoryName(created.Path)!);
                RefuseCaseClashes(set);
                return AtomicFileSet.Write(set);
            }
            catch (Exception e) when (AtomicFile.IsWriteFailure(e))
            {
                throw new McuAiException(DiagnosticCodes.OutputWriteFailed, folder,
                    $"cannot write the generated files: {e.Message.TrimEnd('.')}. Nothing was changed. Check that the output folder is writable and the file names are free.", e);
            }
        }

        private static void RefuseCaseClashes(List<AtomicFileSet.Entry> set)
        {
            var byFolder = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in set)
            {
                string path = entry.Path;
                string folder = Path.GetDirectoryName(path)!;
                if (!byFolder.TryGetValue(folder, out var existing)) byFolder[folder] = existing = Directory.GetFiles(folder);
                string name = Path.GetFileName(path);
                foreach (string other in existing)
                {
                    string otherName = Path.GetFileName(other);
                    if (string.Equals(otherName, name, StringComparison.OrdinalIgnoreCase) && !string.Equals(otherName, name, StringComparison.Ordinal))
                        throw new McuAiException(DiagnosticCodes.CombinedSymbolClash, path,
                            $"the folder already holds '{otherName}', whose name differs from '{name}' only in case: the two models' symbols would share " +
                            "include guards (and overwrite each other on a case-insensitive file system). Give the models symbols that differ in more than case, or remove the old files.");
                }
                if (names.TryGetValue(path, out string? same) && !string.Equals(same, path, StringComparison.Ordinal))
                    throw new McuAiException(DiagnosticCodes.CombinedSymbolClash, path,
                        $"two generated files, '{Path.GetFileName(same)}' and '{name}', differ only in case. Give the models symbols that differ in more than case.");
                names[path] = path;
            }
        }
    }
}
