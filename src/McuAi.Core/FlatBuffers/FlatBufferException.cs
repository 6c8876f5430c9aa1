using System;

namespace McuAi.FlatBuffers
{
    /// <summary>
    /// Malformed FlatBuffer: an offset, length or vtable that does not fit the buffer.
    /// The TFLite reader turns it into a coded <see cref="Diagnostics.McuAiException"/> that names the file.
    /// </summary>
    public sealed class FlatBufferException : Exception
    {
        public FlatBufferException(string message, int position)
            : base($"{message} (at byte {position})")
        {
            Position = position;
        }

        /// <summary>The byte position where the problem was found.</summary>
        public int Position { get; }
    }
}
