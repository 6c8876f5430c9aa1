using System;
using System.IO;
using System.Linq;
using System.Text;

namespace McuAi.CodeGen
{
    /// <summary>
    /// Folders as mcuai_models.cmake names them: relative to the file itself (<c>${CMAKE_CURRENT_LIST_DIR}</c>)
    /// wherever a relative path exists, so the folders can move together; absolute only across drives.
    /// Every result is escaped for a quoted CMake argument.
    /// </summary>
    internal static class CMakePaths
    {
        public const string ListDir = "${CMAKE_CURRENT_LIST_DIR}";

        /// <summary>
        /// The folder of a model's files as seen from the folder of the combined files; <see cref="ListDir"/> when
        /// either is unknown (the files are beside each other).
        /// </summary>
        public static string Folder(string? combinedDirectory, string? modelDirectory)
        {
            if (string.IsNullOrEmpty(combinedDirectory) || string.IsNullOrEmpty(modelDirectory)) return ListDir;
            string from = Path.GetFullPath(combinedDirectory), to = Path.GetFullPath(modelDirectory);
            string? relative = Relative(from, to);
            if (relative is null) return Escape(string.Join("/", Segments(to)));
            return relative.Length == 0 ? ListDir : ListDir + "/" + Escape(relative);
        }

        /// <summary>The path from folder <paramref name="from"/> to folder <paramref name="to"/> with '/' separators ("" for the same folder), or null when they have different roots.</summary>
        internal static string? Relative(string from, string to)
        {
            var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            string[] a = Segments(from), b = Segments(to);
            if (a.Length == 0 || b.Length == 0 || !string.Equals(a[0], b[0], comparison)) return null;
            int common = 0;
            while (common < a.Length && common < b.Length && string.Equals(a[common], b[common], comparison)) common++;
            return string.Join("/", Enumerable.Repeat("..", a.Length - common).Concat(b.Skip(common)));
        }

        /// <summary>The parts of a full path; the first is the root ("" on Unix, "C:" or the server on Windows).</summary>
        private static string[] Segments(string fullPath)
        {
            var parts = fullPath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).ToList();
            // Keep the root (the empty part before a leading '/'); drop the empty parts of doubled or trailing separators.
            return parts.Take(1).Concat(parts.Skip(1).Where(p => p.Length > 0)).ToArray();
        }

        /// <summary>Escapes text for a quoted CMake argument: '\' '"' '$' are escaped, and ';' so that the path stays one list element.</summary>
        private static string Escape(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (c == '\\' || c == '"' || c == '$' || c == ';') sb.Append('\\');
                sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
