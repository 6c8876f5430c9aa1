using System.Collections.Generic;
using System.IO;
using System.Linq;
using McuAi.FlatBuffers;
using McuAi.Fuzz.Flex;
using McuAi.Fuzz.Mutation;
using McuAi.Fuzz.Schema;
using McuAi.Fuzz.Tree;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Fuzz
{
    /// <summary>
    /// The structure-aware fuzzer's own parts must be right before its findings mean anything: the schema
    /// walk decodes every shared model into a graph that encodes back to the same model, and custom
    /// options decode and encode back to the same FlexBuffer values.
    /// </summary>
    public class StructureWalkerTests
    {
        [Fact]
        public void The_schema_file_parses_with_the_tables_the_walker_needs()
        {
            var schema = FbsSchema.TfLite;
            Assert.Equal("Model", schema.RootType);
            Assert.Equal(FbsKind.Union, schema.Tables["Operator"].Field("builtin_options").Type.Kind);
            Assert.Equal(4, schema.Tables["Operator"].Field("builtin_options").Id);
            Assert.Equal(12, schema.Tables["Operator"].Field("builtin_options_2").Id);
            Assert.Equal(16, schema.Tables["Buffer"].Field("data").ForceAlign);
            Assert.Equal("Conv2DOptions", schema.UnionMember("BuiltinOptions", 1)!.Name);
            Assert.Equal(OptionsSchema.BuiltinOptions.Count, schema.Unions["BuiltinOptions"].Count);
        }

        [Theory]
        [MemberData(nameof(SharedData.AllModels), MemberType = typeof(SharedData))]
        public void Every_model_walks_into_a_graph_that_encodes_back_to_the_same_model(string name)
        {
            byte[] bytes = File.ReadAllBytes(SharedData.ModelPath(name));
            var seed = new SeedModel(name, bytes);
            var encoded = FbTreeWriter.Write(seed.Graph);
            var original = ModelReader.Read(bytes, name);
            var again = ModelReader.Read(encoded.Bytes, name);
            Assert.Null(ModelComparer.FirstDifference(original, again));
            // The encoder recorded where the fields a raw mutation aims at ended up.
            Assert.Contains(encoded.Sites, s => s.Kind == SiteKind.Length && s.What == "Tensor.shape");
            Assert.Contains(encoded.Sites, s => s.Kind == SiteKind.Offset && s.What == "SubGraph.tensors[]");
        }

        public static IEnumerable<object[]> ModelsWithCustomOptions() =>
            SharedData.ModelNames().Where(n => ModelReader.ReadFile(SharedData.ModelPath(n)).Subgraphs.Any(g => g.Operators.Any(o => o.CustomOptions is not null)))
                .Select(n => new object[] { n });

        [Theory]
        [MemberData(nameof(ModelsWithCustomOptions))]
        public void Custom_options_decode_and_encode_to_the_same_values(string name)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            foreach (var op in model.Subgraphs.SelectMany(g => g.Operators).Where(o => o.CustomOptions is not null))
            {
                var original = new FlexBuffer(op.CustomOptions!.Value).Root.AsMap();
                var rewritten = new FlexBuffer(FlexWriter.Write(FlexNode.From(new FlexBuffer(op.CustomOptions!.Value).Root))).Root.AsMap();
                Assert.Equal(original.Keys, rewritten.Keys);
                for (int i = 0; i < original.Count; i++)
                {
                    var a = original.ValueAt(i);
                    var b = rewritten.ValueAt(i);
                    Assert.Equal(a.Type == FlexBufferType.IndirectInt ? FlexBufferType.Int : a.Type, b.Type);
                    if (a.Type is FlexBufferType.Int or FlexBufferType.UInt or FlexBufferType.Bool) Assert.Equal(a.AsInt64(), b.AsInt64());
                    if (a.Type == FlexBufferType.Float) Assert.Equal(a.AsDouble(), b.AsDouble());
                    if (a.Type is FlexBufferType.VectorInt or FlexBufferType.Vector) Assert.Equal(a.AsInt64Array(), b.AsInt64Array());
                }
            }
        }

        [Fact]
        public void Mutants_are_the_same_for_the_same_seed_and_iteration()
        {
            var models = new[] { new SeedModel("hello_world_int8", File.ReadAllBytes(SharedData.ModelPath("hello_world_int8"))) };
            var a = new MutantFactory(models, 7);
            var b = new MutantFactory(models, 7);
            for (int i = 0; i < 50; i++)
            {
                var x = a.Create(i);
                var y = b.Create(i);
                Assert.Equal(x.Description, y.Description);
                Assert.Equal(x.Bytes, y.Bytes);
            }
        }
    }
}
