using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using McuAi.Data;
using McuAi.Diagnostics;
using McuAi.IO;

namespace McuAi.Quantization
{
    /// <summary>
    /// Quantized models cached on disk (the SDK uses <c>obj/…/mcuai/quantized</c>), keyed by a SHA-256
    /// over the model bytes, every calibration file's bytes (in order), the settings and the quantizer
    /// version. Touching a file without changing it keeps the key; any content change makes a new one.
    /// Entries are written to a temporary file and renamed, so a cancelled build never leaves half a model.
    /// </summary>
    public sealed class QuantizationCache
    {
        /// <summary>Bumped whenever the quantizer's output for the same inputs changes.</summary>
        public const string QuantizerVersion = "mcuai-quantizer-2";

        public QuantizationCache(string folder) => Folder = folder;

        public string Folder { get; }

        /// <summary>The cache key (lower-case hex SHA-256).</summary>
        public static string Key(ReadOnlySpan<byte> model, IReadOnlyList<string> calibrationFiles, QuantizationOptions options) =>
            Key(QuantizerVersion, options.CacheKeyText(), model, calibrationFiles);

        /// <summary>A cache key over a version, a settings text, content bytes and data files' bytes (lower-case hex SHA-256).</summary>
        public static string Key(string version, string settings, ReadOnlySpan<byte> content, IReadOnlyList<string> dataFiles)
        {
            using var sha = SHA256.Create();
            var all = new MemoryStream();
            void Add(byte[] bytes)
            {
                var length = BitConverter.GetBytes((long)bytes.Length);
                all.Write(length, 0, length.Length);
                all.Write(bytes, 0, bytes.Length);
            }
            Add(Encoding.UTF8.GetBytes(version));
            Add(Encoding.UTF8.GetBytes(settings));
            Add(sha.ComputeHash(content.ToArray()));
            foreach (string file in dataFiles) Add(sha.ComputeHash(NpyFile.ReadAllBytes(file)));
            all.Position = 0;
            var hash = sha.ComputeHash(all);
            var sb = new StringBuilder(hash.Length * 2);
            foreach (byte b in hash) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        /// <summary>Where the entry for <paramref name="key"/> lives: <c>&lt;model&gt;.&lt;key prefix&gt;.tflite</c>.</summary>
        public string PathFor(string key, string modelName) =>
            Path.Combine(Folder, $"{Path.GetFileNameWithoutExtension(modelName)}.{key.Substring(0, 16)}.tflite");

        public bool TryGet(string key, string modelName, out string path)
        {
            path = PathFor(key, modelName);
            return File.Exists(path);
        }

        /// <summary>Stores a quantized model atomically and returns its path.</summary>
        public string Store(string key, string modelName, byte[] quantizedModel)
        {
            string path = PathFor(key, modelName);
            AtomicFile.WriteCreatingFolder(path, quantizedModel, DiagnosticCodes.ModelFileUnwritable);
            return path;
        }

        /// <summary>
        /// The cached model for these inputs, quantizing (through <paramref name="quantize"/>) only on a
        /// miss. <paramref name="hit"/> tells the caller whether anything was quantized, for its log.
        /// </summary>
        public string GetOrCreate(byte[] model, string modelName, IReadOnlyList<string> calibrationFiles, QuantizationOptions options,
                                  Func<byte[]> quantize, out bool hit)
        {
            string key = Key(model, calibrationFiles, options);
            if (TryGet(key, modelName, out var path))
            {
                hit = true;
                return path;
            }
            hit = false;
            return Store(key, modelName, quantize());
        }
    }
}
