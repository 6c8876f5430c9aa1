using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using McuAi.Diagnostics;

namespace McuAi.Data
{
    /// <summary>
    /// Reads NumPy <c>.npz</c> archives (<c>numpy.savez</c> and <c>savez_compressed</c>): a zip of
    /// <c>.npy</c> members. Arrays keep the archive's order, which is the order they were passed to savez.
    /// </summary>
    public static class NpzFile
    {
        /// <summary>Largest member we inflate: guards against zip bombs (NumPy data for a microcontroller model is far smaller).</summary>
        private const long MaxMemberBytes = 1L << 31;

        public static NpzArchive Read(string path) => Read(NpyFile.ReadAllBytes(path), path);

        public static NpzArchive Read(ReadOnlyMemory<byte> bytes, string fileName)
        {
            var entries = new List<KeyValuePair<string, NpyArray>>();
            try
            {
                using var zip = new ZipArchive(new MemoryStream(bytes.ToArray(), writable: false), ZipArchiveMode.Read);
                foreach (var entry in zip.Entries)
                {
                    if (entry.FullName.EndsWith("/", StringComparison.Ordinal)) continue; // a folder entry
                    if (entry.Length > MaxMemberBytes)
                        throw Malformed(fileName, $"member '{entry.FullName}' claims {entry.Length} bytes, more than McuAi.Build reads");
                    var data = new byte[entry.Length];
                    using (var stream = entry.Open())
                    {
                        int read = 0;
                        while (read < data.Length)
                        {
                            int n = stream.Read(data, read, data.Length - read);
                            if (n == 0) throw Malformed(fileName, $"member '{entry.FullName}' is shorter than its directory entry says");
                            read += n;
                        }
                        if (stream.ReadByte() >= 0) throw Malformed(fileName, $"member '{entry.FullName}' is longer than its directory entry says");
                    }
                    string name = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName.Substring(0, entry.FullName.Length - 4) : entry.FullName;
                    entries.Add(new KeyValuePair<string, NpyArray>(name, NpyFile.Read(data, $"{fileName}[{entry.FullName}]")));
                }
            }
            catch (InvalidDataException e)
            {
                throw Malformed(fileName, "it is not a valid zip archive: " + e.Message);
            }
            return new NpzArchive(entries);
        }

        private static McuAiException Malformed(string fileName, string what) =>
            new(DiagnosticCodes.MalformedNpy, fileName, $"not a valid .npz file: {what}.");
    }

    /// <summary>The arrays of a <c>.npz</c> file, in archive order, by name (member name without <c>.npy</c>).</summary>
    public sealed class NpzArchive
    {
        private readonly Dictionary<string, NpyArray> _byName = new(StringComparer.Ordinal);

        public NpzArchive(IReadOnlyList<KeyValuePair<string, NpyArray>> entries)
        {
            Entries = entries;
            foreach (var e in entries) _byName[e.Key] = e.Value;
        }

        /// <summary>(name, array) pairs in archive order.</summary>
        public IReadOnlyList<KeyValuePair<string, NpyArray>> Entries { get; }

        public int Count => Entries.Count;

        public NpyArray this[string name] => _byName[name];

        public bool TryGet(string name, out NpyArray? array) => _byName.TryGetValue(name, out array);
    }
}
