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
    /// <para>
    /// An archive's members may together hold at most <see cref="MaxUncompressedBytes"/>: the sizes the
    /// central directory declares plus <see cref="BytesPerMember"/> for each member, all counted before
    /// anything is inflated; and each member must inflate to exactly its declared size (reading stops one
    /// byte past it). So a zip bomb, one member named by thousands of directory entries, or a 240-byte file
    /// that claims 2 GB are refused (MCUAI3009) before they cost memory.
    /// </para>
    /// </summary>
    public static class NpzFile
    {
        /// <summary>
        /// The most data one archive may hold, uncompressed: calibration and input data for a microcontroller
        /// model is far smaller (split larger sets into several files: a data folder or glob reads them all).
        /// </summary>
        public const long MaxUncompressedBytes = 128L * 1024 * 1024;

        /// <summary>What each member counts on top of its data (its header, its array): bounds the number of members too.</summary>
        public const long BytesPerMember = 64 * 1024;

        public static NpzArchive Read(string path) => Read(NpyFile.ReadAllBytes(path), path);

        public static NpzArchive Read(ReadOnlyMemory<byte> bytes, string fileName)
        {
            var entries = new List<KeyValuePair<string, NpyArray>>();
            try
            {
                using var zip = new ZipArchive(new MemoryStream(bytes.ToArray(), writable: false), ZipArchiveMode.Read);
                var members = new List<ZipArchiveEntry>();
                long total = 0;
                foreach (var entry in zip.Entries)
                {
                    if (entry.FullName.EndsWith("/", StringComparison.Ordinal)) continue; // a folder entry
                    if (entry.Length < 0 || entry.Length + BytesPerMember > MaxUncompressedBytes - total)
                        throw TooLarge(fileName, FormattableString.Invariant($"member '{MessageText.Quote(entry.FullName)}' declares {entry.Length:N0} bytes, which brings the archive past ") +
                            FormattableString.Invariant($"the {MaxUncompressedBytes:N0} bytes McuAi.Build reads from one .npz"));
                    total += entry.Length + BytesPerMember;
                    members.Add(entry);
                }
                foreach (var entry in members)
                {
                    string member = MessageText.Quote(entry.FullName);
                    var data = new byte[entry.Length];
                    using (var stream = entry.Open())
                    {
                        int read = 0;
                        while (read < data.Length)
                        {
                            int n = stream.Read(data, read, data.Length - read);
                            if (n == 0) throw Malformed(fileName, $"member '{member}' is shorter than its directory entry says");
                            read += n;
                        }
                        if (stream.ReadByte() >= 0) throw Malformed(fileName, $"member '{member}' is longer than its directory entry says");
                    }
                    string name = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName.Substring(0, entry.FullName.Length - 4) : entry.FullName;
                    entries.Add(new KeyValuePair<string, NpyArray>(name, NpyFile.Read(data, $"{fileName}[{member}]")));
                }
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
            {
                // System.IO.Compression's words for a damaged archive: a bad header, an unsupported method, a short stream.
                throw Malformed(fileName, "it is not a valid zip archive: " + e.Message);
            }
            return new NpzArchive(entries);
        }

        private static McuAiException Malformed(string fileName, string what) =>
            new(DiagnosticCodes.MalformedNpy, fileName, $"not a valid .npz file: {what}.");

        private static McuAiException TooLarge(string fileName, string what) =>
            new(DiagnosticCodes.DataTooLarge, fileName, what + ". Split the data into several files (a folder or glob of .npy/.npz files).");
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
