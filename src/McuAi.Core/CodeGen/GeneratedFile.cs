using System;
using System.IO;

namespace McuAi.CodeGen
{
    /// <summary>
    /// One generated output: a path relative to the output folder, and its exact bytes, either held in
    /// memory or (a large model array) produced piece by piece each time they are written or compared.
    /// </summary>
    public sealed class GeneratedFile
    {
        private readonly Action<Stream>? _write;
        private byte[]? _content;

        public GeneratedFile(string relativePath, byte[] content)
        {
            RelativePath = relativePath;
            _content = content ?? throw new ArgumentNullException(nameof(content));
            Length = content.Length;
        }

        /// <summary>A file of <paramref name="length"/> bytes that <paramref name="write"/> produces (the same bytes on every call).</summary>
        public GeneratedFile(string relativePath, long length, Action<Stream> write)
        {
            RelativePath = relativePath;
            Length = length;
            _write = write ?? throw new ArgumentNullException(nameof(write));
        }

        public string RelativePath { get; }

        public long Length { get; }

        /// <summary>The bytes (made on first use for a file produced piece by piece: prefer <see cref="WriteTo"/> for those).</summary>
        public byte[] Content => _content ??= Produce();

        /// <summary>Writes the bytes to <paramref name="stream"/>.</summary>
        public void WriteTo(Stream stream)
        {
            if (_content is not null) stream.Write(_content, 0, _content.Length);
            else _write!(stream);
        }

        private byte[] Produce()
        {
            var bytes = new byte[Length];
            using var stream = new MemoryStream(bytes, writable: true);
            _write!(stream);
            if (stream.Position != Length) throw new InvalidOperationException($"{RelativePath}: {stream.Position} bytes produced, {Length} announced");
            return bytes;
        }
    }
}
