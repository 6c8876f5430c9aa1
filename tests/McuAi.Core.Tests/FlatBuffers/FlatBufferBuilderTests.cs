using System;
using System.Buffers.Binary;
using McuAi.FlatBuffers;
using Xunit;

namespace McuAi.Tests.FlatBuffers
{
    /// <summary>The builder checked against the project's bounds-checked reader.</summary>
    public class FlatBufferBuilderTests
    {
        private static byte[] BuildSample(int paddingBytes)
        {
            var b = new FlatBufferBuilder(16); // small, so the buffer has to grow
            b.CreateByteVector(new byte[paddingBytes]); // shifts everything written later by an odd amount
            int name = b.CreateString("héllo");
            int ints = b.CreateInt32Vector(new[] { 1, -2, 3 });
            int data = b.CreateByteVector(new byte[] { 9, 8, 7 }, alignment: 16);
            b.StartTable();
            b.AddInt64(5, long.MinValue);
            b.AddDouble(7, 2.5);
            b.AddOffset(0, name);
            b.AddOffset(1, ints);
            b.AddOffset(6, data);
            b.AddFloat(8, -1.25f);
            b.AddInt16(3, -300);
            b.AddBool(2, true);
            b.AddSByte(4, -5);
            int root = b.EndTable();
            return b.Finish(root, "TEST", alignment: 16);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(13)]
        public void Fields_read_back_with_their_values(int paddingBytes)
        {
            byte[] bytes = BuildSample(paddingBytes);
            var buffer = new FlatBuffer(bytes);
            Assert.Equal("TEST", buffer.FileIdentifier());
            var t = buffer.Root();
            Assert.Equal("héllo", t.GetString(0));
            Assert.Equal(new[] { 1, -2, 3 }, t.GetVector(1, 4)!.Value.ToInt32Array());
            Assert.True(t.GetBool(2));
            Assert.Equal(-300, t.GetInt16(3));
            Assert.Equal(-5, t.GetSByte(4));
            Assert.Equal(long.MinValue, t.GetInt64(5));
            var data = t.GetVector(6, 1)!.Value;
            Assert.Equal(new byte[] { 9, 8, 7 }, data.Bytes.ToArray());
            Assert.Equal(2.5, t.GetDouble(7));
            Assert.Equal(-1.25f, t.GetFloat(8));
            Assert.False(t.Has(9));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(5)]
        [InlineData(11)]
        public void Force_aligned_vectors_and_scalars_are_aligned_from_the_start(int paddingBytes)
        {
            byte[] bytes = BuildSample(paddingBytes);
            var t = new FlatBuffer(bytes).Root();
            Assert.Equal(0, bytes.Length % 16);
            Assert.Equal(0, t.GetVector(6, 1)!.Value.Start % 16);
            Assert.Equal(0, t.Position % 4);
            // The 8-byte fields sit on 8-byte boundaries.
            Assert.Equal(0, (t.Position + t.RawFieldOffset(5)) % 8);
            Assert.Equal(0, (t.Position + t.RawFieldOffset(7)) % 8);
        }

        [Fact]
        public void Identical_vtables_are_written_once()
        {
            var b = new FlatBufferBuilder();
            var tables = new int[3];
            for (int i = 0; i < 3; i++)
            {
                b.StartTable();
                b.AddInt32(0, i);
                b.AddInt32(2, 10 * i);
                tables[i] = b.EndTable();
            }
            b.StartTable();
            b.AddInt32(1, 99); // a different layout: its own vtable
            int other = b.EndTable();
            int vector = b.CreateOffsetVector(new[] { tables[0], tables[1], tables[2], other });
            b.StartTable();
            b.AddOffset(0, vector);
            byte[] bytes = b.Finish(b.EndTable(), "TEST");

            var list = new FlatBuffer(bytes).Root().GetVector(0, 4)!.Value;
            int VtableOf(int i) => list.GetTable(i).Position - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(list.GetTable(i).Position));
            Assert.Equal(VtableOf(0), VtableOf(1));
            Assert.Equal(VtableOf(0), VtableOf(2));
            Assert.NotEqual(VtableOf(0), VtableOf(3));
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(i, list.GetTable(i).GetInt32(0));
                Assert.Equal(10 * i, list.GetTable(i).GetInt32(2));
            }
            Assert.Equal(99, list.GetTable(3).GetInt32(1));
        }

        [Fact]
        public void Same_calls_give_the_same_bytes()
        {
            Assert.Equal(BuildSample(3), BuildSample(3));
        }

        [Fact]
        public void Absent_trailing_fields_can_be_kept_in_the_vtable()
        {
            var b = new FlatBufferBuilder();
            b.StartTable();
            b.AddInt32(0, 1);
            byte[] bytes = b.Finish(b.EndTable(minimumSlots: 4), "TEST");
            Assert.Equal(4, new FlatBuffer(bytes).Root().FieldSlotCount);
        }

        [Fact]
        public void Tables_cannot_nest()
        {
            var b = new FlatBufferBuilder();
            b.StartTable();
            Assert.Throws<InvalidOperationException>(() => b.StartTable());
        }
    }
}
