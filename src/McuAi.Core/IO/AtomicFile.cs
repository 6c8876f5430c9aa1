using System;
using System.IO;
using McuAi.Diagnostics;

namespace McuAi.IO
{
    /// <summary>
    /// Writes files so that a reader never sees one half-written: the bytes go to a hidden temporary file
    /// in the target's folder (same volume, so the rename cannot turn into a copy), which then replaces the
    /// target in one rename. The one place the product writes its output files. Each write first sweeps the
    /// folder of temporary files that killed runs left (<see cref="TempFiles"/>); a set of files that belong
    /// together is written all or nothing (<see cref="AtomicFileSet"/>).
    /// </summary>
    public static class AtomicFile
    {
        /// <summary>
        /// Replaces <paramref name="path"/> with <paramref name="bytes"/>. The folder must exist: whether a
        /// missing folder is created or is an error is the caller's policy. Failures are thrown as the
        /// underlying exception (see <see cref="IsWriteFailure"/>) so each caller can report them with its own code;
        /// the temporary file is removed first.
        /// </summary>
        public static void Write(string path, byte[] bytes)
        {
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            Write(path, stream => stream.Write(bytes, 0, bytes.Length));
        }

        /// <summary>Like <see cref="Write(string, byte[])"/>, for content that <paramref name="write"/> produces piece by piece.</summary>
        public static void Write(string path, Action<Stream> write)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (write is null) throw new ArgumentNullException(nameof(write));
            string full = Path.GetFullPath(path);
            TempFiles.Sweep(Path.GetDirectoryName(full) ?? ".");
            string temp = TempFiles.For(full);
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
                    write(stream);
                Replace(temp, full);
            }
            finally
            {
                TryDelete(temp);
            }
        }

        /// <summary>
        /// Like <see cref="Write(string, byte[])"/>, but leaves a file that already holds exactly these bytes
        /// alone (its timestamp then does not trigger incremental rebuilds). Returns true when the file was written.
        /// </summary>
        public static bool WriteIfChanged(string path, byte[] bytes)
        {
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            return WriteIfChanged(path, bytes.Length, stream => stream.Write(bytes, 0, bytes.Length));
        }

        /// <summary>
        /// Like <see cref="WriteIfChanged(string, byte[])"/>, for <paramref name="length"/> bytes that <paramref name="write"/>
        /// produces piece by piece (run once to compare with the file, once more to write it when it differs):
        /// a large generated file never has to be in memory at once.
        /// </summary>
        public static bool WriteIfChanged(string path, long length, Action<Stream> write)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (write is null) throw new ArgumentNullException(nameof(write));
            if (HasContent(Path.GetFullPath(path), length, write)) return false;
            Write(path, write);
            return true;
        }

        /// <summary>
        /// Creates the folder if needed and writes the file; an I/O failure becomes <paramref name="errorCode"/>
        /// naming the path (for callers with no more specific message of their own).
        /// </summary>
        public static void WriteCreatingFolder(string path, byte[] bytes, string errorCode)
        {
            try
            {
                string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                Write(path, bytes);
            }
            catch (Exception e) when (IsWriteFailure(e))
            {
                throw new McuAiException(errorCode, path, $"cannot write the file: {e.Message.TrimEnd('.')}. Check that the folder is writable.", e);
            }
        }

        /// <summary>The exceptions that mean "this path cannot be written" (bad path, missing folder, no permission, locked file).</summary>
        public static bool IsWriteFailure(Exception e) =>
            e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;

        internal static bool HasContent(string path, long length, Action<Stream> write)
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != length) return false;
            try
            {
                // Compared a piece at a time, as the content is produced: no second copy of a large file in memory.
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
                using var comparer = new ComparingStream(file);
                write(comparer);
                return comparer.Matches;
            }
            catch (ComparingStream.DifferenceFound)
            {
                return false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false; // unreadable: try to write it, which reports the real problem
            }
        }

        internal static void Replace(string source, string target)
        {
#if NET
            File.Move(source, target, overwrite: true);
#else
            // rename(2) semantics: File.Move cannot overwrite on netstandard2.0, File.Replace can.
            if (File.Exists(target)) File.Replace(source, target, null);
            else File.Move(source, target);
#endif
        }

        internal static void TryDelete(string path)
        {
            try { if (File.Exists(path)) File.Delete(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the name is unique; a leftover is harmless */ }
        }
    }
}
