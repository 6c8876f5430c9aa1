using System;
using System.IO;
using McuAi.Diagnostics;

namespace McuAi.Data
{
    /// <summary>
    /// Writes a file so that readers never see it half-written: the bytes go to a temporary file in
    /// the same folder, which then replaces the target in one rename.
    /// </summary>
    public static class AtomicFile
    {
        /// <summary>Writes the file; an I/O failure is <paramref name="errorCode"/> (a model file by default) naming the path.</summary>
        public static void WriteAllBytes(string path, byte[] bytes, string errorCode = DiagnosticCodes.ModelFileUnwritable)
        {
            try
            {
                Write(path, bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new McuAiException(errorCode, path, $"cannot write the file: {e.Message}. Check that the folder is writable.", e);
            }
        }

        private static void Write(string path, byte[] bytes)
        {
            string full = Path.GetFullPath(path);
            string? folder = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            string temp = full + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
            try
            {
                File.WriteAllBytes(temp, bytes);
#if NET
                File.Move(temp, full, overwrite: true);
#else
                if (File.Exists(full)) File.Replace(temp, full, null);
                else File.Move(temp, full);
#endif
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
    }
}
