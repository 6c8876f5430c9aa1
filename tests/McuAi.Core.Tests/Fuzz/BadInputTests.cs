using System;
using System.Buffers.Binary;
using System.IO;
using McuAi.Diagnostics;
using McuAi.FlatBuffers;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Fuzz
{
    /// <summary>
    /// Issue 2 §7: every kind of bad input gives its specific MCUAI code and names the file.
    /// Corrupt files are made from a real model, by patching bytes or by writing an edited object model.
    /// </summary>
    public class BadInputTests
    {
        private const string FileName = "corrupt.tflite";

        private static byte[] HelloWorldBytes() => File.ReadAllBytes(SharedData.ModelPath("hello_world_int8"));
        private static Model HelloWorld() => ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));

        private static McuAiException Rejects(byte[] bytes, string expectedCode)
        {
            var e = Assert.Throws<McuAiException>(() => ModelReader.Read(bytes, FileName));
            Assert.True(expectedCode == e.Code, $"expected {expectedCode}, got {e}");
            Assert.Equal(FileName, e.File);
            Assert.StartsWith(FileName + ": error " + expectedCode + ": ", e.ToString());
            return e;
        }

        private static McuAiException Rejects(Model edited, string expectedCode) => Rejects(ModelWriter.Write(edited), expectedCode);

        /// <summary>The root table and the absolute position of one of its fields.</summary>
        private static int RootFieldPosition(byte[] bytes, int id)
        {
            var root = new FlatBuffer(bytes).Root();
            Assert.True(root.Has(id));
            return root.Position + root.RawFieldOffset(id);
        }

        [Fact]
        public void Empty_file()
        {
            string path = Path.Combine(Path.GetTempPath(), "mcuai-empty-" + Guid.NewGuid().ToString("N") + ".tflite");
            File.WriteAllBytes(path, Array.Empty<byte>());
            try
            {
                var e = Assert.Throws<McuAiException>(() => ModelReader.ReadFile(path));
                Assert.Equal(DiagnosticCodes.ModelFileTooShort, e.Code);
                Assert.Equal(path, e.File);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Missing_file()
        {
            string path = Path.Combine(Path.GetTempPath(), "mcuai-missing-" + Guid.NewGuid().ToString("N") + ".tflite");
            var e = Assert.Throws<McuAiException>(() => ModelReader.ReadFile(path));
            Assert.Equal(DiagnosticCodes.ModelFileUnreadable, e.Code);
            Assert.Equal(path, e.File);
        }

        [Theory]
        [InlineData("hello_world_int8")]
        [InlineData("simple_add_int8")]
        [InlineData("op_seanet_conv21")]
        public void Truncated_at_every_length(string name)
        {
            byte[] bytes = File.ReadAllBytes(SharedData.ModelPath(name));
            for (int length = 0; length < bytes.Length; length++)
            {
                var e = Assert.Throws<McuAiException>(() => ModelReader.Read(bytes.AsMemory(0, length), FileName));
                Assert.Equal(FileName, e.File);
                string expected = length < 8 ? DiagnosticCodes.ModelFileTooShort : DiagnosticCodes.MalformedFlatBuffer;
                Assert.True(e.Code == expected || e.Code == DiagnosticCodes.BufferSizeMismatch,
                    $"truncated to {length} bytes: {e}");
            }
        }

        [Fact]
        public void Wrong_file_identifier()
        {
            byte[] bytes = HelloWorldBytes();
            bytes[4] = (byte)'X';
            var e = Rejects(bytes, DiagnosticCodes.WrongFileIdentifier);
            Assert.Contains("'XFL3'", e.Message);
        }

        [Fact]
        public void Root_offset_beyond_the_end()
        {
            byte[] bytes = HelloWorldBytes();
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)bytes.Length + 100);
            Rejects(bytes, DiagnosticCodes.MalformedFlatBuffer);
        }

        [Fact]
        public void Field_offset_beyond_the_end()
        {
            byte[] bytes = HelloWorldBytes();
            int field = RootFieldPosition(bytes, 2); // subgraphs
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(field), (uint)(bytes.Length - field + 4));
            Rejects(bytes, DiagnosticCodes.MalformedFlatBuffer);
        }

        [Fact]
        public void Offset_that_wraps_around_32_bits()
        {
            byte[] bytes = HelloWorldBytes();
            int field = RootFieldPosition(bytes, 2);
            // field + 0xFFFFFFF8 wraps to field - 8 in 32-bit arithmetic: a real position in the file.
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(field), 0xFFFF_FFF8u);
            Rejects(bytes, DiagnosticCodes.MalformedFlatBuffer);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0xFFFF_FFFCu); // root offset
            Rejects(bytes, DiagnosticCodes.MalformedFlatBuffer);
        }

        [Theory]
        [InlineData(int.MinValue)]
        [InlineData(int.MaxValue)]
        [InlineData(-100000)]
        public void Vtable_outside_the_buffer(int soffset)
        {
            byte[] bytes = HelloWorldBytes();
            int root = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(root), soffset);
            var e = Rejects(bytes, DiagnosticCodes.MalformedFlatBuffer);
            Assert.Contains("vtable", e.Message);
        }

        [Fact]
        public void Vtable_size_running_past_the_end()
        {
            byte[] bytes = HelloWorldBytes();
            int root = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            int vtable = root - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(root));
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(vtable), 0xFFFE);
            Rejects(bytes, DiagnosticCodes.MalformedFlatBuffer);
        }

        [Fact]
        public void Vector_length_running_past_the_end()
        {
            byte[] bytes = HelloWorldBytes();
            int field = RootFieldPosition(bytes, 4); // buffers
            int vector = field + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(field));
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(vector), 0x4000_0000u);
            Rejects(bytes, DiagnosticCodes.MalformedFlatBuffer);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        public void Unknown_options_table_with_a_field_outside_its_object(int shareOffset)
        {
            // Found by the fuzzer: a raw options field beyond its table's object crashed the raw reader.
            var m = HelloWorld();
            McuAi.Tests.TfLite.Writer.WriterFeatureTests.UseUnknownOp(m, 1);
            m.MainSubgraph.Operators[1].BuiltinOptions = OperatorOptions.Unknown(200, false,
                new RawOptionsTable(new byte[]?[] { new byte[] { 1, 0, 0, 0 }, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 } }));
            byte[] bytes = ModelWriter.Write(m);
            var options = new FlatBuffer(bytes).Root().GetVector(2, 4)!.Value.GetTable(0)
                .GetVector(3, 4)!.Value.GetTable(1).GetTable(4)!.Value;
            int vtable = options.Position - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(options.Position));
            if (shareOffset == 1)
            {
                // Two fields at one offset: odd but readable; both keep the bytes found there.
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(vtable + 6), (ushort)options.RawFieldOffset(0));
                var raw = ModelReader.Read(bytes, FileName).MainSubgraph.Operators[1].BuiltinOptions!.Raw!;
                Assert.Equal(raw.Fields[0], raw.Fields[1]);
                return;
            }
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(vtable + 4), (ushort)(options.ObjectSize + 4));
            Rejects(bytes, DiagnosticCodes.MalformedFlatBuffer);
        }

        [Fact]
        public void Operator_reading_a_tensor_a_later_operator_produces()
        {
            var m = HelloWorld();
            var ops = m.MainSubgraph.Operators;
            (ops[0], ops[1]) = (ops[1], ops[0]);
            var e = Rejects(m, DiagnosticCodes.GraphOrder);
            Assert.Contains("operator 0", e.Message);
        }

        [Fact]
        public void Operator_reading_its_own_output()
        {
            var m = HelloWorld();
            var op = m.MainSubgraph.Operators[1];
            op.Inputs[0] = op.Outputs[0];
            Rejects(m, DiagnosticCodes.GraphOrder);
        }

        [Fact]
        public void Negative_dimension()
        {
            var m = HelloWorld();
            m.MainSubgraph.Tensors[7].Shape = new[] { 1, -16 };
            var e = Rejects(m, DiagnosticCodes.InvalidShape);
            Assert.Contains("negative", e.Message);
        }

        [Theory]
        [InlineData(new[] { 65536, 65536, 65536 })]
        [InlineData(new[] { int.MaxValue, 2 })]
        [InlineData(new[] { 46341, 46341 })]
        public void Element_count_overflow(int[] shape)
        {
            var m = HelloWorld();
            m.MainSubgraph.Tensors[7].Shape = shape;
            var e = Rejects(m, DiagnosticCodes.InvalidShape);
            Assert.Contains("overflows", e.Message);
        }

        [Fact]
        public void Tensor_index_out_of_range()
        {
            var m = HelloWorld();
            m.MainSubgraph.Operators[1].Inputs[1] = 500;
            Assert.Contains("tensor 500", Rejects(m, DiagnosticCodes.IndexOutOfRange).Message);
            m = HelloWorld();
            m.MainSubgraph.Outputs[0] = -7;
            Rejects(m, DiagnosticCodes.IndexOutOfRange);
        }

        [Fact]
        public void Buffer_index_out_of_range()
        {
            var m = HelloWorld();
            m.MainSubgraph.Tensors[3].Buffer = 999;
            Assert.Contains("buffer 999", Rejects(m, DiagnosticCodes.IndexOutOfRange).Message);
        }

        [Fact]
        public void Opcode_index_out_of_range()
        {
            var m = HelloWorld();
            m.MainSubgraph.Operators[2].OpcodeIndex = 42;
            Assert.Contains("operator code 42", Rejects(m, DiagnosticCodes.IndexOutOfRange).Message);
        }

        [Fact]
        public void Constant_buffer_smaller_than_its_shape()
        {
            var m = HelloWorld();
            var weights = m.MainSubgraph.Tensors[m.MainSubgraph.Operators[1].Inputs[1]];
            weights.Shape = new[] { weights.Shape[0] * 2, weights.Shape[1] };
            Rejects(m, DiagnosticCodes.BufferSizeMismatch);
        }
    }
}
