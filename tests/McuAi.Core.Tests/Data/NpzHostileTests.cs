using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using McuAi.Data;
using McuAi.Diagnostics;
using McuAi.Fuzz.Mutation;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Data
{
    /// <summary>
    /// Issue 10 §C: .npz archives are bounded by their declared and actual sizes, with a stated limit
    /// (<see cref="NpzFile.MaxUncompressedBytes"/>). A 240-byte zip whose member claims 2^31 bytes crashed
    /// `run` and `quantize`; zip bombs and members overlapping in the central directory passed 5 GB.
    /// </summary>
    public class NpzHostileTests
    {
        private readonly ITestOutputHelper _output;

        public NpzHostileTests(ITestOutputHelper output) => _output = output;

        private static byte[] Sample(int values) => NpyBytes.Float32(new float[values], $"({values},)");

        /// <summary>Sets the uncompressed size of every member, in the central directory and the local headers.</summary>
        private static void DeclareSize(byte[] zip, uint size)
        {
            for (int p = 0; p + 30 <= zip.Length; p++)
            {
                uint signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(p));
                if (signature == 0x02014b50) BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(p + 24), size);
                if (signature == 0x04034b50) BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(p + 22), size);
            }
        }

        private static (McuAiException Error, long Allocated) Refuse(byte[] zip)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<McuAiException>(() => NpzFile.Read(zip, "hostile.npz"));
            return (e, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void A_tiny_archive_whose_member_claims_2_GB_is_refused_before_it_is_read()
        {
            var zip = NpzFileTests.Zip(CompressionLevel.NoCompression, ("x.npy", Sample(4)));
            DeclareSize(zip, 1u << 31);
            var (e, allocated) = Refuse(zip);
            Assert.Equal(DiagnosticCodes.DataTooLarge, e.Code);
            Assert.Equal("hostile.npz", e.File);
            Assert.Contains("2,147,483,648", e.Message);
            Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated to refuse a {zip.Length}-byte file");
        }

        [Fact]
        public void A_zip_bomb_is_refused_by_what_it_declares_and_stopped_at_what_it_declares()
        {
            // 64 MiB of zeros deflate to about 64 KiB.
            var bomb = NpzFileTests.Zip(CompressionLevel.Optimal, ("x.npy", Sample(16 << 20)));
            var claimsAGigabyte = (byte[])bomb.Clone();
            DeclareSize(claimsAGigabyte, 1u << 30);
            Assert.Equal(DiagnosticCodes.DataTooLarge, Refuse(claimsAGigabyte).Error.Code);

            // Declaring little and inflating to much: reading stops at the declared size (one byte past it at most),
            // and the cut-off member is not a valid array.
            var claimsLittle = (byte[])bomb.Clone();
            DeclareSize(claimsLittle, 4096);
            var (e, allocated) = Refuse(claimsLittle);
            Assert.Equal(DiagnosticCodes.MalformedNpy, e.Code);
            Assert.True(allocated < 8 << 20, $"{allocated} bytes allocated");
        }

        [Fact]
        public void Members_that_overlap_in_the_directory_count_once_per_entry()
        {
            // One 32 MiB member named by 9 directory entries: 288 MiB declared, over the limit, refused before inflating any.
            Assert.True(9 * (32L << 20) > NpzFile.MaxUncompressedBytes);
            var zip = NpzFileTests.Zip(CompressionLevel.Optimal, ("x.npy", Sample(8 << 20)));
            int end = zip.Length - 22;
            int directory = BinaryPrimitives.ReadInt32LittleEndian(zip.AsSpan(end + 16));
            var entry = zip.AsSpan(directory, end - directory).ToArray();
            var overlapping = new MemoryStream();
            overlapping.Write(zip, 0, end);
            for (int i = 1; i < 9; i++) overlapping.Write(entry);
            var tail = zip.AsSpan(end).ToArray();
            BinaryPrimitives.WriteUInt16LittleEndian(tail.AsSpan(8), 9);
            BinaryPrimitives.WriteUInt16LittleEndian(tail.AsSpan(10), 9);
            BinaryPrimitives.WriteUInt32LittleEndian(tail.AsSpan(12), (uint)(9 * entry.Length));
            overlapping.Write(tail);
            var (e, allocated) = Refuse(overlapping.ToArray());
            Assert.Equal(DiagnosticCodes.DataTooLarge, e.Code);
            Assert.True(allocated < 4 << 20, $"{allocated} bytes allocated");
        }

        [Fact]
        public void Structure_aware_mutants_of_archives_give_only_coded_errors()
        {
            var seeds = new[]
            {
                NpzFileTests.Zip(CompressionLevel.NoCompression, ("a.npy", Sample(10)), ("b.npy", NpyBytes.Float32(new[] { 1f, 2f }, "(1, 2)"))),
                NpzFileTests.Zip(CompressionLevel.Optimal, ("x.npy", Sample(1000)), ("arr_1.npy", Sample(3))),
                NpzFileTests.Zip(CompressionLevel.Fastest, ("only.npy", Sample(64))),
            };
            var random = new Random(10);
            var codes = new Dictionary<string, int>();
            long worst = 0;
            for (int i = 0; i < 3000; i++)
            {
                var (bytes, what) = ZipMutations.Mutate(seeds[i % seeds.Length], random);
                long before = GC.GetAllocatedBytesForCurrentThread();
                string key;
                try
                {
                    NpzFile.Read(bytes, "mutant.npz");
                    key = "read";
                }
                catch (McuAiException e)
                {
                    Assert.Equal("mutant.npz", e.File!.Split('[')[0]);
                    key = e.Code;
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"mutant {i} ({what}): {e}");
                }
                worst = Math.Max(worst, GC.GetAllocatedBytesForCurrentThread() - before);
                codes[key] = codes.GetValueOrDefault(key) + 1;
            }
            _output.WriteLine(string.Join(", ", codes.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")) + $"; most allocated by one read: {worst:N0} bytes");
            // Each member's data is read once and copied once into its array.
            Assert.True(worst <= 2 * NpzFile.MaxUncompressedBytes + (16 << 20), $"one read allocated {worst} bytes");
            Assert.True(codes.Count >= 3, "the mutations are too shallow: " + string.Join(", ", codes.Keys));
        }
    }
}
