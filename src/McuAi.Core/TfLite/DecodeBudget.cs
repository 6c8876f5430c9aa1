using System;
using McuAi.Diagnostics;

namespace McuAi.TfLite
{
    /// <summary>
    /// Bounds the reader's work by the file's size. Every table, vector and string the reader reaches is
    /// charged its bytes, each time it is reached: a table shared by 65,536 vector slots is charged 65,536
    /// times, so offsets that share data cannot make a small file decode into a huge model. A valid file
    /// reaches each of its bytes about once; the limit is twice the file's size plus a small allowance.
    /// A table costs at least <see cref="MinimumTableBytes"/>, and so does each entry of a list of tensor
    /// indices (an operator's or a subgraph's inputs and outputs): consumers make an object of every one.
    /// Charges are made before the data is decoded (a vector's whole extent before its first element), so
    /// a hostile file is refused before it costs time or memory.
    /// </summary>
    internal sealed class DecodeBudget
    {
        /// <summary>Bytes the reader may reach per byte of the file.</summary>
        public const int BytesPerFileByte = 2;

        /// <summary>Added to the limit so that tiny files (a one-op model) are not refused for their fixed overhead.</summary>
        public const long Allowance = 16 * 1024;

        /// <summary>
        /// What a table costs at least, whatever its inline size: an object of the model (a tensor, an
        /// operator) costs far more memory and work than its smallest encoding, and no real table is smaller.
        /// </summary>
        public const int MinimumTableBytes = 32;

        private readonly string? _fileName;
        private readonly int _fileLength;

        public DecodeBudget(int fileLength, string? fileName)
        {
            _fileLength = fileLength;
            _fileName = fileName;
            Limit = (long)BytesPerFileByte * fileLength + Allowance;
        }

        public long Limit { get; }

        /// <summary>Bytes charged so far.</summary>
        public long Used { get; private set; }

        public void Charge(long bytes)
        {
            Used += bytes;
            if (Used > Limit)
                throw new McuAiException(DiagnosticCodes.DecodeBudgetExceeded, _fileName, FormattableString.Invariant(
                    $"the model's structure reaches more than {Limit:N0} bytes through its offsets (twice the file's {_fileLength:N0} bytes, plus {Allowance:N0}): ") +
                    "its offsets share tables or vectors many times over. The file is corrupted or hostile; export the model again.");
        }

        /// <summary>A vector (or string) of <paramref name="count"/> elements: its length word and elements.</summary>
        public void ChargeVector(long count, int elementSize) => Charge(4 + count * elementSize);

        /// <summary>A table reached through an offset.</summary>
        public void ChargeTable(int objectSize) => Charge(System.Math.Max(objectSize, MinimumTableBytes));
    }
}
