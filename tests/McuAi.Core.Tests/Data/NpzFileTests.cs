using System.IO;
using System.IO.Compression;
using McuAi.Data;
using McuAi.Diagnostics;
using Xunit;

namespace McuAi.Tests.Data
{
    public class NpzFileTests
    {
        [Theory]
        [InlineData(CompressionLevel.NoCompression)]   // numpy.savez
        [InlineData(CompressionLevel.Optimal)]         // numpy.savez_compressed
        public void ReadsMembersInArchiveOrderByName(CompressionLevel level)
        {
            string path = NpyBytes.TempFile("d.npz", Zip(level,
                ("x.npy", NpyBytes.Float32(new[] { 1f, 2f }, "(1, 2)")),
                ("arr_0.npy", NpyBytes.Float32(new[] { 9f }, "(1,)"))));

            var archive = NpzFile.Read(path);

            Assert.Equal(2, archive.Count);
            Assert.Equal("x", archive.Entries[0].Key);
            Assert.Equal("arr_0", archive.Entries[1].Key);
            Assert.Equal(new[] { 1f, 2f }, archive["x"].ToFloat32());
            Assert.Equal(new[] { 9f }, archive["arr_0"].ToFloat32());
        }

        [Fact]
        public void ABadMemberIsReportedWithItsName()
        {
            var bytes = Zip(CompressionLevel.NoCompression, ("x.npy", new byte[] { 1, 2, 3 }));
            var e = Assert.Throws<McuAiException>(() => NpzFile.Read(bytes, "d.npz"));
            Assert.Equal(DiagnosticCodes.MalformedNpy, e.Code);
            Assert.Equal("d.npz[x.npy]", e.File);
        }

        [Fact]
        public void NotAZipIsCode3002()
        {
            var e = Assert.Throws<McuAiException>(() => NpzFile.Read(new byte[] { 1, 2, 3, 4 }, "d.npz"));
            Assert.Equal(DiagnosticCodes.MalformedNpy, e.Code);
        }

        /// <summary>A zip of the members, each stored at <paramref name="level"/> (the hostile-archive tests build theirs with it too).</summary>
        internal static byte[] Zip(CompressionLevel level, params (string Name, byte[] Bytes)[] members)
        {
            var stream = new MemoryStream();
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (name, bytes) in members)
                {
                    using var s = zip.CreateEntry(name, level).Open();
                    s.Write(bytes, 0, bytes.Length);
                }
            }
            return stream.ToArray();
        }
    }
}
