using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace McuAi.Fuzz.Mutation
{
    /// <summary>
    /// Structure-aware mutations of a zip archive (a .npz): the fields of its end-of-central-directory record,
    /// central directory entries and local headers are found by walking the archive, then rewritten with sizes
    /// that claim 2 GB, offsets that make members overlap, entries duplicated in the directory (one inflated
    /// member counted many times), unknown methods and flags, and Zip64 markers.
    /// </summary>
    public static class ZipMutations
    {
        private const uint LocalSignature = 0x04034b50, CentralSignature = 0x02014b50, EndSignature = 0x06054b50;

        private readonly record struct Field(int Position, int Size, string What);

        public static (byte[] Bytes, string Description) Mutate(byte[] archive, Random random)
        {
            var bytes = (byte[])archive.Clone();
            var fields = Fields(bytes, out int end, out int directory, out int directorySize);
            if (end < 0) return (bytes, "no end record");
            if (random.Next(6) == 0 && directorySize > 0)
            {
                // Repeat the directory's first entry: every copy names the same local data.
                int entryLength = 46 + U16(bytes, directory + 28) + U16(bytes, directory + 30) + U16(bytes, directory + 32);
                int copies = random.Next(2) == 0 ? random.Next(2, 50) : random.Next(1000, 65535);
                var entry = bytes.AsSpan(directory, Math.Min(entryLength, directorySize)).ToArray();
                var output = new MemoryStream();
                output.Write(bytes, 0, directory + directorySize);
                for (int i = 0; i < copies; i++) output.Write(entry);
                var tail = bytes.AsSpan(end).ToArray();
                int newCount = Math.Min(65535, U16(tail, 10) + copies);
                BinaryPrimitives.WriteUInt16LittleEndian(tail.AsSpan(8), (ushort)newCount);
                BinaryPrimitives.WriteUInt16LittleEndian(tail.AsSpan(10), (ushort)newCount);
                BinaryPrimitives.WriteUInt32LittleEndian(tail.AsSpan(12), (uint)(directorySize + copies * entry.Length));
                output.Write(tail);
                return (output.ToArray(), $"directory entry repeated {copies} times");
            }
            var done = new List<string>();
            for (int m = 0; m < 1 + random.Next(3); m++)
            {
                var f = fields[random.Next(fields.Count)];
                long value = random.Next(9) switch
                {
                    0 => 0,
                    1 => 1L << 31,
                    2 => uint.MaxValue,
                    3 => 1L << 30,
                    4 => Read(bytes, f) + 1,
                    5 => Read(bytes, f) - 1,
                    6 => Read(bytes, SameKind(fields, f, random)), // another entry's value: members that overlap
                    7 => f.Size == 2 ? ushort.MaxValue : 0xFFFFFFFF, // Zip64 markers
                    _ => HostileValues.Integer(random),
                };
                for (int i = 0; i < f.Size; i++) bytes[f.Position + i] = (byte)(value >> (8 * i));
                done.Add($"{f.What} = {value}");
            }
            return (bytes, string.Join(", ", done));
        }

        private static Field SameKind(List<Field> fields, Field f, Random random)
        {
            var same = fields.Where(o => o.What == f.What).ToList();
            return same[random.Next(same.Count)];
        }

        private static long Read(byte[] bytes, Field f) => f.Size == 2 ? U16(bytes, f.Position) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(f.Position));

        private static int U16(byte[] b, int p) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(p));

        private static List<Field> Fields(byte[] bytes, out int end, out int directory, out int directorySize)
        {
            var fields = new List<Field>();
            end = -1;
            directory = directorySize = 0;
            for (int p = bytes.Length - 22; p >= 0; p--)
                if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(p)) == EndSignature) { end = p; break; }
            if (end < 0) return fields;
            fields.Add(new Field(end + 8, 2, "entries on disk"));
            fields.Add(new Field(end + 10, 2, "entries"));
            fields.Add(new Field(end + 12, 4, "directory size"));
            fields.Add(new Field(end + 16, 4, "directory offset"));
            directorySize = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end + 12));
            directory = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end + 16));
            int at = directory;
            while (at + 46 <= bytes.Length && BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) == CentralSignature)
            {
                fields.Add(new Field(at + 8, 2, "central flags"));
                fields.Add(new Field(at + 10, 2, "central method"));
                fields.Add(new Field(at + 20, 4, "central compressed size"));
                fields.Add(new Field(at + 24, 4, "central size"));
                fields.Add(new Field(at + 28, 2, "central name length"));
                fields.Add(new Field(at + 30, 2, "central extra length"));
                fields.Add(new Field(at + 42, 4, "local header offset"));
                int local = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 42));
                if (local + 30 <= bytes.Length && BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(local)) == LocalSignature)
                {
                    fields.Add(new Field(local + 6, 2, "local flags"));
                    fields.Add(new Field(local + 8, 2, "local method"));
                    fields.Add(new Field(local + 18, 4, "local compressed size"));
                    fields.Add(new Field(local + 22, 4, "local size"));
                    fields.Add(new Field(local + 26, 2, "local name length"));
                    fields.Add(new Field(local + 28, 2, "local extra length"));
                }
                at += 46 + U16(bytes, at + 28) + U16(bytes, at + 30) + U16(bytes, at + 32);
            }
            return fields;
        }
    }
}
