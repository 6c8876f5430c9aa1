using System;
using System.Collections.Generic;
using System.IO;

namespace McuAi.IO
{
    /// <summary>
    /// Writes a set of files that belong together (a model's generated sources and reports) all or nothing.
    /// Every file whose bytes change is first written to a temporary file beside its target; only when all of
    /// them are written do they replace their targets, one rename each, the old files kept aside until the
    /// last rename succeeded. If any step fails, the temporary files are removed and the targets already
    /// replaced get their old contents back (or are removed if they did not exist), so a failed run leaves
    /// the folder as it found it. Unchanged files are not touched (their timestamps drive incremental builds).
    /// </summary>
    public static class AtomicFileSet
    {
        /// <summary>
        /// Writes <paramref name="files"/> (full paths; their folders must exist) and returns the paths written.
        /// Failures are thrown as the underlying exception (see <see cref="AtomicFile.IsWriteFailure"/>), after the rollback.
        /// </summary>
        public static IReadOnlyList<string> Write(IReadOnlyList<(string Path, byte[] Bytes)> files)
        {
            var entries = new List<Entry>(files.Count);
            foreach (var (path, bytes) in files)
            {
                byte[] content = bytes;
                entries.Add(new Entry(path, content.Length, stream => stream.Write(content, 0, content.Length)));
            }
            return Write(entries);
        }

        /// <summary>One file of the set: <see cref="Length"/> bytes that <see cref="Produce"/> writes (the same bytes on every call).</summary>
        public readonly struct Entry
        {
            public Entry(string path, long length, Action<Stream> produce)
            {
                Path = path;
                Length = length;
                Produce = produce;
            }

            public string Path { get; }
            public long Length { get; }
            public Action<Stream> Produce { get; }
        }

        /// <summary>
        /// Like <see cref="Write(IReadOnlyList{ValueTuple{string, byte[]}})"/> for content produced piece by piece: each file is
        /// compared with its target, and written when it differs, as it is produced (no second copy of it in memory).
        /// </summary>
        public static IReadOnlyList<string> Write(IReadOnlyList<Entry> files)
        {
            var changed = new List<(string Target, Action<Stream> Produce)>();
            foreach (var file in files)
            {
                string full = System.IO.Path.GetFullPath(file.Path);
                if (Directory.Exists(full))
                    throw new IOException($"'{full}' is a folder, so the file cannot be written there");
                if (!AtomicFile.HasContent(full, file.Length, file.Produce)) changed.Add((full, file.Produce));
            }
            var folders = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (target, _) in changed)
                if (folders.Add(Path.GetDirectoryName(target) ?? ".")) TempFiles.Sweep(Path.GetDirectoryName(target) ?? ".");

            var staged = new List<(string Temp, string Target)>();
            var committed = new List<(string Target, string? Backup)>();
            try
            {
                foreach (var (target, produce) in changed)
                {
                    string temp = TempFiles.For(target);
                    staged.Add((temp, target));
                    using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
                    produce(stream);
                }
                foreach (var (temp, target) in staged)
                {
                    // The old file stays, under a temporary name, until every new one is in place
                    // (File.Replace keeps it as a hard link where it can: no copy of a large model array).
                    if (File.Exists(target))
                    {
                        string backup = TempFiles.For(target, "bak");
                        committed.Add((target, backup));
                        File.Replace(temp, target, backup);
                    }
                    else
                    {
                        committed.Add((target, null));
                        File.Move(temp, target);
                    }
                }
            }
            catch (Exception e) when (AtomicFile.IsWriteFailure(e))
            {
                Rollback(committed);
                foreach (var (temp, _) in staged) AtomicFile.TryDelete(temp);
                throw;
            }
            foreach (var (_, backup) in committed) if (backup is not null) AtomicFile.TryDelete(backup);
            var written = new List<string>(changed.Count);
            foreach (var (target, _) in changed) written.Add(target);
            return written;
        }

        /// <summary>Puts back what the committed renames replaced: the old bytes, or no file where there was none.</summary>
        private static void Rollback(List<(string Target, string? Backup)> committed)
        {
            for (int i = committed.Count - 1; i >= 0; i--)
            {
                var (target, backup) = committed[i];
                try
                {
                    if (backup is null) AtomicFile.TryDelete(target);
                    else AtomicFile.Replace(backup, target);
                }
                catch (Exception e) when (AtomicFile.IsWriteFailure(e))
                {
                    // Best effort: the original exception is the one to report.
                }
            }
        }
    }
}
