using System;
using System.IO;
using System.Text;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// Small files the SDK keeps beside its outputs: written atomically (temp file then rename) and,
    /// except for stamps, only when their bytes change, so that their timestamps mean "content changed".
    /// </summary>
    internal static class StateFiles
    {
        /// <summary>Writes <paramref name="content"/> unless the file already holds exactly these bytes. Returns true when it wrote.</summary>
        public static bool WriteIfChanged(string path, byte[] content)
        {
            if (File.Exists(path) && SameBytes(path, content)) return false;
            WriteAtomically(path, content);
            return true;
        }

        public static bool WriteIfChanged(string path, string content) => WriteIfChanged(path, new UTF8Encoding(false).GetBytes(content));

        /// <summary>Writes through a unique temporary file in the same folder, then renames: readers never see half a file.</summary>
        public static void WriteAtomically(string path, byte[] content)
        {
            string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            string temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                File.WriteAllBytes(temp, content);
                if (File.Exists(path)) File.Replace(temp, path, null);
                else File.Move(temp, path);
            }
            catch (IOException) when (File.Exists(path) && SameBytes(path, content))
            {
                // A parallel build of another project wrote the same bytes first: the result is what we wanted.
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        /// <summary>Touches a stamp file: MSBuild compares its time with the inputs'.</summary>
        public static void Touch(string path, string content)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, content);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }

        /// <summary>
        /// A short, stable hash (64-bit FNV-1a, 16 hex digits) that keeps folders apart and detects metadata
        /// changes. Not cryptographic on purpose: SHA-256 would initialise the crypto library in every build.
        /// </summary>
        public static string ShortHash(string text)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char c in text)
            {
                hash = (hash ^ (byte)c) * 1099511628211UL;
                hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
            }
            return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        }

        private static bool SameBytes(string path, byte[] content)
        {
            var info = new FileInfo(path);
            if (info.Length != content.Length) return false;
            byte[] existing = File.ReadAllBytes(path);
            for (int i = 0; i < existing.Length; i++)
                if (existing[i] != content[i]) return false;
            return true;
        }
    }
}
