using System;
using System.Globalization;

namespace McuAi.TfLite
{
    /// <summary>
    /// The bytes to write or embed for a stripped model. Stripping re-serialises the model, and our writer may lay
    /// it out less tightly than the converter did (every buffer 16-aligned): a model with little to remove can come
    /// out larger (person_detection_int8: +200 bytes). Stripping exists to save flash, so then the original bytes are
    /// kept, and <see cref="KeptOriginal"/> says so. `mcuai strip`, `mcuai generate --strip` and the SDK's
    /// Strip="true" all go through <see cref="Of"/>.
    /// </summary>
    public sealed class StrippedBytes
    {
        private StrippedBytes(byte[] bytes, StripResult removed, bool keptOriginal, long originalLength, long strippedLength)
        {
            Bytes = bytes;
            Removed = removed;
            KeptOriginal = keptOriginal;
            OriginalLength = originalLength;
            StrippedLength = strippedLength;
        }

        /// <summary>What to write: the stripped model, or the original bytes when stripping would not make it smaller.</summary>
        public byte[] Bytes { get; }
        /// <summary>What stripping removed (or would have removed, when the original was kept).</summary>
        public StripResult Removed { get; }
        public bool KeptOriginal { get; }
        public long OriginalLength { get; }
        /// <summary>The length of the re-serialised stripped model (also when it was not used).</summary>
        public long StrippedLength { get; }

        /// <summary>Strips <paramref name="original"/> (a model file's bytes) and keeps whichever is smaller; errors name <paramref name="fileName"/>.</summary>
        public static StrippedBytes Of(byte[] original, string? fileName)
        {
            if (original is null) throw new ArgumentNullException(nameof(original));
            var removed = ModelStripper.Strip(ModelReader.Read(original, fileName));
            byte[] stripped = ModelWriter.Write(removed.Model, fileName);
            bool keep = stripped.Length >= original.Length;
            return new StrippedBytes(keep ? original : stripped, removed, keep, original.Length, stripped.Length);
        }

        /// <summary>One sentence for people: what was saved, or why the original bytes were kept.</summary>
        public string Describe() => KeptOriginal && StrippedLength == OriginalLength
            ? string.Format(CultureInfo.InvariantCulture, "kept the original {0:N0} bytes: stripped, the model would not be smaller, so nothing was removed", OriginalLength)
            : KeptOriginal
            ? string.Format(CultureInfo.InvariantCulture,
                "kept the original {0:N0} bytes: stripped, the model would be {1:N0} bytes ({2:N0} larger, re-serialised with every buffer 16-aligned), so nothing was removed",
                OriginalLength, StrippedLength, StrippedLength - OriginalLength)
            : string.Format(CultureInfo.InvariantCulture,
                "{0:N0} -> {1:N0} bytes ({2:N0} saved): removed {3} metadata entries, {4} buffers ({5:N0} data bytes) and {6} unused operator codes",
                OriginalLength, StrippedLength, OriginalLength - StrippedLength, Removed.RemovedMetadata.Count, Removed.RemovedBuffers,
                Removed.RemovedBufferBytes, Removed.RemovedOperatorCodes.Count);
    }
}
