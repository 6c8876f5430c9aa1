using System;
using System.IO;

namespace McuAi.Data
{
    /// <summary>
    /// Writes a file so that readers never see it half-written: the bytes go to a temporary file in
    /// the same folder, which then replaces the target in one rename.
    /// </summary>
    public static class AtomicFile
    {
        public static void WriteAllBytes(string path, byte[] bytes)
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
