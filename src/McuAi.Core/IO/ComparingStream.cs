using System;
using System.IO;

namespace McuAi.IO
{
    /// <summary>
    /// A write-only stream that checks what is written against the bytes of another stream (an existing
    /// file), a buffer at a time. The first difference stops the writer with <see cref="DifferenceFound"/>.
    /// </summary>
    internal sealed class ComparingStream : Stream
    {
        private readonly Stream _expected;
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _buffered, _used;

        public ComparingStream(Stream expected) => _expected = expected;

        /// <summary>Thrown out of <see cref="Write(byte[], int, int)"/> at the first byte that differs.</summary>
        public sealed class DifferenceFound : Exception { }

        /// <summary>True when everything written so far matched, and the other stream has nothing more.</summary>
        public bool Matches => _used == _buffered && _expected.ReadByte() < 0;

        public override void Write(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                if (_used == _buffered)
                {
                    _buffered = _expected.Read(_buffer, 0, _buffer.Length);
                    _used = 0;
                    if (_buffered <= 0) throw new DifferenceFound();
                }
                int n = Math.Min(count, _buffered - _used);
                if (!_buffer.AsSpan(_used, n).SequenceEqual(buffer.AsSpan(offset, n))) throw new DifferenceFound();
                _used += n;
                offset += n;
                count -= n;
            }
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
