using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using McuAi.CodeGen;

namespace McuAi.Compiler
{
    /// <summary>
    /// The C kernel library (src/McuAi.Runtime.C), embedded in this assembly so that a generator always ships
    /// the kernels it was built with. A model gets only the files its layers need: each kernel's .c and .h and
    /// the headers they include, transitively; a .c that includes a header with a .c of the same name calls into it
    /// (the INT4 and sparse convolutions run mcuai_conv_s8's driver; the int8 kernels' C loops share the exact output
    /// stage of mcuai_rescale_s8.c), so that .c comes along.
    /// File names carry no model symbol, so models generated into one folder share them (same bytes).
    /// </summary>
    public static class CRuntimeLibrary
    {
        private const string ResourcePrefix = "McuAi.Runtime.C.";
        private static readonly Regex s_include = new("^#include \"([A-Za-z0-9_]+\\.h)\"", RegexOptions.Multiline);
        private static readonly Lazy<Dictionary<string, byte[]>> s_files = new(Load);

        /// <summary>Every file of the library, by name (for tests that compile them all).</summary>
        public static IReadOnlyDictionary<string, byte[]> AllFiles => s_files.Value;

        /// <summary>The files that the given kernels (base names such as <c>mcuai_conv2d_s8</c>) need, sorted by name.</summary>
        public static IReadOnlyList<GeneratedFile> FilesFor(IEnumerable<string> kernels)
        {
            var files = s_files.Value;
            var needed = new SortedSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>();
            foreach (string kernel in kernels)
            {
                foreach (string name in new[] { kernel + ".h", kernel + ".c" })
                {
                    if (!files.ContainsKey(name)) throw new InvalidOperationException($"the C runtime has no file {name} (a lowering names a kernel that does not exist)");
                    pending.Push(name);
                }
            }
            while (pending.Count > 0)
            {
                string name = pending.Pop();
                if (!needed.Add(name)) continue;
                foreach (Match m in s_include.Matches(Encoding.UTF8.GetString(files[name])))
                {
                    string header = m.Groups[1].Value;
                    if (files.ContainsKey(header)) pending.Push(header);
                    string source = Path.ChangeExtension(header, ".c");
                    if (name.EndsWith(".c", StringComparison.Ordinal) && files.ContainsKey(source)) pending.Push(source);
                }
            }
            return needed.Select(n => new GeneratedFile(n, files[n])).ToList();
        }

        private static Dictionary<string, byte[]> Load()
        {
            var assembly = typeof(CRuntimeLibrary).Assembly;
            var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                // '\n' newlines whatever the checkout did, so the copies are byte-identical everywhere.
                string text = reader.ReadToEnd().Replace("\r\n", "\n");
                result[resource.Substring(ResourcePrefix.Length)] = new UTF8Encoding(false).GetBytes(text);
            }
            return result;
        }
    }
}
