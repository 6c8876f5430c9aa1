using System;
using System.IO;
using System.Linq;
using McuAi.CodeGen;
using Xunit;

namespace McuAi.Tests.CodeGen
{
    /// <summary>Files are written only when their bytes change, atomically, without leftovers.</summary>
    public class OutputWriterTests
    {
        [Fact]
        public void UnchangedBytesKeepTheFileAndItsTimestamp()
        {
            using var temp = new TempDir();
            string path = Path.Combine(temp.Path, "sub", "a.h");
            Assert.True(OutputWriter.WriteIfChanged(path, new byte[] { 1, 2, 3 }));
            var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(path, old);

            Assert.False(OutputWriter.WriteIfChanged(path, new byte[] { 1, 2, 3 }));
            Assert.Equal(old, File.GetLastWriteTimeUtc(path));

            Assert.True(OutputWriter.WriteIfChanged(path, new byte[] { 1, 2, 4 }));
            Assert.Equal(new byte[] { 1, 2, 4 }, File.ReadAllBytes(path));
            Assert.NotEqual(old, File.GetLastWriteTimeUtc(path));
            Assert.True(OutputWriter.WriteIfChanged(path, new byte[] { 1, 2 }));
            Assert.Equal(new byte[] { 1, 2 }, File.ReadAllBytes(path));

            Assert.Equal(new[] { "a.h" }, Directory.GetFiles(Path.Combine(temp.Path, "sub")).Select(Path.GetFileName));
        }

        [Fact]
        public void AFailedWriteIsACodedErrorAndLeavesNoTemporaryFile()
        {
            using var temp = new TempDir();
            // A folder where the file should be: the rename cannot succeed.
            string path = Path.Combine(temp.Path, "taken");
            Directory.CreateDirectory(path);
            var e = Assert.Throws<McuAi.Diagnostics.McuAiException>(() => OutputWriter.WriteIfChanged(path, new byte[] { 1 }));
            Assert.Equal(McuAi.Diagnostics.DiagnosticCodes.OutputWriteFailed, e.Code);
            Assert.Equal(new[] { "taken" }, Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
        }

        [Fact]
        public void AFileProducedPieceByPieceIsComparedAndWrittenLikeBytes()
        {
            using var temp = new TempDir();
            string path = Path.Combine(temp.Path, "m.cc");
            // 200 KB in pieces of 3 bytes: the comparison crosses its buffer boundaries mid-piece.
            byte[] content = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31 % 251)).ToArray();
            GeneratedFile Streamed(byte[] bytes) => new GeneratedFile("m.cc", bytes.Length, stream =>
            {
                for (int at = 0; at < bytes.Length; at += 3) stream.Write(bytes, at, Math.Min(3, bytes.Length - at));
            });

            Assert.True(OutputWriter.WriteIfChanged(path, Streamed(content)));
            Assert.Equal(content, File.ReadAllBytes(path));
            var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(path, old);
            Assert.False(OutputWriter.WriteIfChanged(path, Streamed(content)));
            Assert.Equal(old, File.GetLastWriteTimeUtc(path));

            // One byte differs near the end; then the same bytes but one fewer.
            byte[] changed = (byte[])content.Clone();
            changed[^2] ^= 1;
            Assert.True(OutputWriter.WriteIfChanged(path, Streamed(changed)));
            Assert.Equal(changed, File.ReadAllBytes(path));
            Assert.True(OutputWriter.WriteIfChanged(path, Streamed(changed[..^1])));
            Assert.Equal(changed[..^1], File.ReadAllBytes(path));
            Assert.Equal(changed[..^1], Streamed(changed[..^1]).Content);
            Assert.Equal(new[] { "m.cc" }, Directory.GetFiles(temp.Path).Select(Path.GetFileName));
        }
    }
}
