using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using McuAi.Diagnostics;

namespace McuAi.Data
{
    /// <summary>
    /// Expands a data specification into an ordered list of .npy/.npz files: a file, a folder (every
    /// .npy/.npz below it), or a glob (<c>*</c>, <c>?</c>, <c>**</c> for any depth). Several
    /// specifications can be joined with ';'. Files are sorted ordinally so that runs are deterministic.
    /// </summary>
    public static class DataFileSet
    {
        public static IReadOnlyList<string> Expand(string specification, string? baseDirectory = null)
        {
            var files = new List<string>();
            foreach (var part in specification.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string spec = part.Trim();
                if (spec.Length == 0) continue;
                string full = Path.IsPathRooted(spec) ? spec : Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), spec);
                if (spec.IndexOfAny(new[] { '*', '?' }) >= 0) files.AddRange(Glob(full, spec));
                else if (Directory.Exists(full)) files.AddRange(DataFilesBelow(full));
                else if (File.Exists(full)) files.Add(Path.GetFullPath(full));
                else throw new McuAiException(DiagnosticCodes.DataFileUnreadable, spec,
                    "the data file or folder does not exist. Give a .npy/.npz file, a folder of them, or a glob such as data/*.npy.");
            }
            return files;
        }

        private static IEnumerable<string> DataFilesBelow(string folder) =>
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .Where(IsDataFile)
                .Select(Path.GetFullPath)
                .OrderBy(f => f, StringComparer.Ordinal);

        internal static bool IsDataFile(string path) =>
            path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase);

        private static IEnumerable<string> Glob(string fullPattern, string spec)
        {
            string normalized = fullPattern.Replace('\\', '/');
            int firstWildcard = normalized.IndexOfAny(new[] { '*', '?' });
            int rootEnd = normalized.LastIndexOf('/', firstWildcard);
            string root = rootEnd <= 0 ? "/" : normalized.Substring(0, rootEnd);
            if (!Directory.Exists(root))
                throw new McuAiException(DiagnosticCodes.DataFileUnreadable, spec, $"the folder '{root}' of the glob does not exist.");
            var regex = new Regex("^" + GlobToRegex(normalized.Substring(rootEnd + 1)) + "$", RegexOptions.CultureInvariant);
            return Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => regex.IsMatch(f.Replace('\\', '/').Substring(root.Length).TrimStart('/')))
                .Select(Path.GetFullPath)
                .OrderBy(f => f, StringComparer.Ordinal);
        }

        private static string GlobToRegex(string glob)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < glob.Length; i++)
            {
                char c = glob[i];
                if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
                {
                    // "**/" matches any number of folders (including none).
                    bool slash = i + 2 < glob.Length && glob[i + 2] == '/';
                    sb.Append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                }
                else if (c == '*') sb.Append("[^/]*");
                else if (c == '?') sb.Append("[^/]");
                else sb.Append(Regex.Escape(c.ToString()));
            }
            return sb.ToString();
        }
    }
}
