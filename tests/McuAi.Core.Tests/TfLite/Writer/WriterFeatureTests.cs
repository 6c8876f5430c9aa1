using System;
using System.IO;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.TfLite.Writer
{
    /// <summary>
    /// Forms the shared models do not use but the writer must keep: each is added to a real model,
    /// written, read back and compared; flatc confirms it sees the fields.
    /// </summary>
    public class WriterFeatureTests
    {
        private static Model HelloWorld() => ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));

        private static Model RoundTrip(Model model)
        {
            var reread = ModelReader.Read(ModelWriter.Write(model), "rewritten");
            { var difference = ModelComparer.FirstDifference(model, reread); Assert.True(difference is null, difference); }
            return reread;
        }

        /// <summary>
        /// A model using every rarely-seen form at once. flatc cannot decode an options table its schema
        /// does not know, so its check leaves out <paramref name="unknownOptions"/>.
        /// </summary>
        /// <summary>
        /// Points operator <paramref name="op"/> at an op code newer than this schema. Only such an op may carry an
        /// options table of an unknown union type: a known op takes its own table (MCUAI0014 otherwise).
        /// </summary>
        internal static void UseUnknownOp(Model m, int op)
        {
            if (!m.OperatorCodes.Exists(c => c.BuiltinCode == UnknownOpCode))
                m.OperatorCodes.Add(new OperatorCode { DeprecatedBuiltinCode = 127, BuiltinCode = UnknownOpCode, Version = 1 });
            m.MainSubgraph.Operators[op].OpcodeIndex = (uint)m.OperatorCodes.FindIndex(c => c.BuiltinCode == UnknownOpCode);
        }

        /// <summary>An op code this version of the schema does not define.</summary>
        internal const int UnknownOpCode = 1000;

        private static Model WithRareForms(bool unknownOptions = true)
        {
            var m = HelloWorld();
            var g = m.MainSubgraph;
            // An op and its options table newer than our schema: the table is kept as raw inline bytes.
            if (unknownOptions)
                UseUnknownOp(m, 1);
            if (unknownOptions)
                g.Operators[1].BuiltinOptions = OperatorOptions.Unknown(200, false, new RawOptionsTable(new byte[]?[]
                {
                    new byte[] { 7, 0, 0, 0 }, null, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, new byte[] { 9 }, null,
                }));
            // A present-but-empty vector and a present default-valued option field.
            g.Operators[0].Intermediates = Array.Empty<int>();
            g.Operators[0].PresentEmptyFields |= 1UL << 8;
            g.Operators[0].BuiltinOptions!.Set("keep_num_dims", false);
            g.Operators[2].MutatingVariableInputs = new[] { false, true, false };
            g.Operators[2].CustomOptions = new byte[] { 1, 2, 3 };
            // Custom quantization details, an empty tensor name, and the deprecated signature tag.
            g.Tensors[3].Quantization!.DetailsType = 1;
            g.Tensors[3].Quantization!.CustomDetails = new byte[] { 42, 43 };
            g.Tensors[4].Name = "";
            m.SignatureDefs[0].DeprecatedTag = "old-tag";
            m.Description = "rare forms";
            return m;
        }

        [Fact]
        public void Rare_forms_round_trip()
        {
            var reread = RoundTrip(WithRareForms());
            var op = reread.MainSubgraph.Operators[1];
            Assert.NotNull(op.BuiltinOptions!.Raw);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, op.BuiltinOptions.Raw!.Fields[2]);
            Assert.True(reread.MainSubgraph.Operators[0].BuiltinOptions!.IsPresent("keep_num_dims"));
            Assert.False(reread.MainSubgraph.Operators[0].BuiltinOptions!.IsPresent("asymmetric_quantize_inputs"));
            Assert.Equal("", reread.MainSubgraph.Tensors[4].Name);
            Assert.Equal("old-tag", reread.SignatureDefs[0].DeprecatedTag);
        }

        [Fact]
        public void Unknown_options_tables_of_any_shape_round_trip()
        {
            // Raw fields are measured up to the next field when read, so the writer's layout must
            // reproduce every size from 1 to 8 bytes, in any order, with gaps in the ids.
            var random = new Random(2024);
            var m = HelloWorld();
            for (int op = 0; op < 3; op++) UseUnknownOp(m, op);
            for (int trial = 0; trial < 500; trial++)
            {
                var fields = new byte[]?[1 + random.Next(12)];
                for (int id = 0; id < fields.Length; id++)
                {
                    if (random.Next(3) == 0) continue;
                    var bytes = new byte[1 + random.Next(8)];
                    random.NextBytes(bytes);
                    fields[id] = bytes;
                }
                m.MainSubgraph.Operators[trial % 3].BuiltinOptions = OperatorOptions.Unknown((byte)(127 + random.Next(129)), false, new RawOptionsTable(fields));
                RoundTrip(m);
            }
        }

        [RequiresToolFact("flatc")]
        public void Flatc_sees_the_rare_forms()
        {
            string dir = Path.Combine(Path.GetTempPath(), "mcuai-rare-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                string path = Path.Combine(dir, "rare.tflite");
                ModelWriter.WriteFile(WithRareForms(unknownOptions: false), path);
                string json = Flatc.ToJson(path, dir);
                Assert.Contains("\"deprecated_tag\": \"old-tag\"", json);
                Assert.Contains("\"intermediates\": [\n", json.Replace("\r", ""), StringComparison.Ordinal);
                Assert.Contains("\"keep_num_dims\": false", json);
                Assert.Contains("\"details_type\": \"CustomQuantization\"", json);
                Assert.Contains("\"description\": \"rare forms\"", json);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void Offset_form_buffers_are_appended_after_the_flatbuffer_16_aligned()
        {
            var m = HelloWorld();
            int index = Enumerable.Range(1, m.Buffers.Count - 1).First(i => m.Buffers[i].Data.Length > 0);
            var data = m.Buffers[index].Data.ToArray();
            m.Buffers[index] = new McuAi.TfLite.Buffer { Data = data, Offset = 2, Size = (ulong)data.Length };

            byte[] bytes = ModelWriter.Write(m);
            var reread = ModelReader.Read(bytes);
            var buffer = reread.Buffers[index];
            Assert.True(buffer.IsExternal);
            Assert.False(buffer.HasDataField);
            Assert.Equal(0UL, buffer.Offset % 16);
            Assert.Equal((ulong)bytes.Length, buffer.Offset + buffer.Size);
            Assert.Equal(data, buffer.Data.ToArray());
            { var difference = ModelComparer.FirstDifference(m, reread); Assert.True(difference is null, difference); }
        }

        [Fact]
        public void Custom_options_outside_the_flatbuffer_are_refused_with_a_coded_error()
        {
            // Their bytes live at a file offset the object model does not carry: rewriting would lose them.
            var m = HelloWorld();
            m.MainSubgraph.Operators[0].LargeCustomOptionsOffset = 4096;
            m.MainSubgraph.Operators[0].LargeCustomOptionsSize = 16;
            var e = Assert.Throws<McuAiException>(() => ModelWriter.Write(m, "big.tflite"));
            Assert.Equal(DiagnosticCodes.UnsupportedFormatFeature, e.Code);
            Assert.Equal("big.tflite", e.File);
        }

        [Fact]
        public void Comparer_names_the_first_difference()
        {
            var a = HelloWorld();
            var b = ModelCopier.Copy(a);
            { var difference = ModelComparer.FirstDifference(a, b); Assert.True(difference is null, difference); }
            b.MainSubgraph.Tensors[2].Quantization!.Scale[0] *= 2;
            Assert.StartsWith("subgraphs[0].tensors[2].quantization.scale[0]: ", ModelComparer.FirstDifference(a, b));
            b = ModelCopier.Copy(a);
            b.MainSubgraph.Operators[0].BuiltinOptions!.Set("fused_activation_function", 0);
            Assert.StartsWith("subgraphs[0].operators[0].builtin_options: ", ModelComparer.FirstDifference(a, b));
        }

        [Fact]
        public void WriteFile_replaces_the_target_and_leaves_no_temporary_file()
        {
            string dir = Path.Combine(Path.GetTempPath(), "mcuai-write-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                string path = Path.Combine(dir, "model.tflite");
                File.WriteAllText(path, "old content");
                var model = HelloWorld();
                ModelWriter.WriteFile(model, path);
                Assert.Equal(ModelWriter.Write(model), File.ReadAllBytes(path));
                Assert.Equal(new[] { path }, Directory.GetFiles(dir));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void WriteFile_into_a_missing_folder_is_a_coded_error_naming_the_file()
        {
            string path = Path.Combine(Path.GetTempPath(), "mcuai-missing-" + Guid.NewGuid().ToString("N"), "model.tflite");
            var e = Assert.Throws<McuAiException>(() => ModelWriter.WriteFile(HelloWorld(), path));
            Assert.Equal(DiagnosticCodes.ModelFileUnwritable, e.Code);
            Assert.Equal(path, e.File);
            Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
        }
    }
}
