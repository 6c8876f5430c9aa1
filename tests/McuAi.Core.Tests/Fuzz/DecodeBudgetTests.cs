using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Fuzz.Mutation;
using McuAi.Fuzz.Schema;
using McuAi.Fuzz.Tree;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Fuzz
{
    /// <summary>
    /// Issue 10 §C: the reader's work is bounded by the file's size, counted through shared offsets and
    /// checked before decoding. Hostile files share one table among many vector slots (the 264 KB
    /// file with 65,536 subgraph slots took 77 s and 414 MB and was accepted).
    /// </summary>
    public class DecodeBudgetTests
    {
        private const string FileName = "shared.tflite";

        [Theory]
        [MemberData(nameof(SharedData.AllModels), MemberType = typeof(SharedData))]
        public void Every_real_model_reaches_its_bytes_about_once(string name)
        {
            byte[] bytes = File.ReadAllBytes(SharedData.ModelPath(name));
            long reached = ModelReader.ReachedBytes(bytes);
            // The limit is twice the size plus an allowance; real files stay well inside it.
            Assert.True(reached <= bytes.Length * 1.25 + DecodeBudget.Allowance / 2,
                $"{name}: {reached} bytes reached for a file of {bytes.Length}");
        }

        /// <summary>A model whose vector <paramref name="field"/> of <paramref name="owner"/> has <paramref name="slots"/> slots sharing its first table.</summary>
        private static byte[] Shared(string model, string owner, string field, int slots, string? innerOwner = null, string? innerField = null, int innerSlots = 0)
        {
            var seed = new SeedModel(model, File.ReadAllBytes(SharedData.ModelPath(model)));
            var graph = (FbTableNode)seed.Graph.Clone(new Dictionary<FbNode, FbNode>(ReferenceEqualityComparer.Instance));
            var index = GraphIndex.Build(graph);
            void Share(string o, string f, int n)
            {
                var table = index.OfType(o)[0];
                var vector = (FbVectorNode)table.Child(f)!;
                table.Fields[table.Schema.Field(f).Id] = new FbVectorNode(vector.Element, vector.Alignment) { Items = Enumerable.Repeat(vector.Items[0], n).ToList() };
            }
            if (innerOwner is not null) Share(innerOwner, innerField!, innerSlots);
            Share(owner, field, slots);
            return FbTreeWriter.Write(graph).Bytes;
        }

        public static IEnumerable<object[]> Explosions() => new[]
        {
            new object[] { "hello_world_int8", "Model", "subgraphs", 65536, null!, null!, 0 },
            new object[] { "hello_world_int8", "SubGraph", "operators", 1 << 20, null!, null!, 0 },
            new object[] { "hello_world_int8", "SubGraph", "tensors", 1 << 18, null!, null!, 0 },
            new object[] { "hello_world_int8", "Model", "subgraphs", 4096, "SubGraph", "operators", 4096 },
            new object[] { "person_detection_int8", "SubGraph", "tensors", 1 << 17, null!, null!, 0 },
        };

        [Theory]
        [MemberData(nameof(Explosions))]
        public void Shared_slots_are_refused_before_they_cost_time_or_memory(string model, string owner, string field, int slots, string? innerOwner, string? innerField, int innerSlots)
        {
            byte[] bytes = Shared(model, owner, field, slots, innerOwner, innerField, innerSlots);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<McuAiException>(() => ModelReader.Read(bytes, FileName));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(DiagnosticCodes.DecodeBudgetExceeded, e.Code);
            Assert.Equal(FileName, e.File);
            // Refused before decoding: far less memory than the file, not the gigabytes the decoded model would take.
            Assert.True(allocated < Math.Max(4 * bytes.Length, 1 << 20), $"{allocated} bytes allocated to refuse a file of {bytes.Length}");
        }

        [Fact]
        public void Shape_vectors_shared_by_every_tensor_are_counted_each_time()
        {
            var seed = new SeedModel("mlperf_kws_int8", File.ReadAllBytes(SharedData.ModelPath("mlperf_kws_int8")));
            var graph = (FbTableNode)seed.Graph.Clone(new Dictionary<FbNode, FbNode>(ReferenceEqualityComparer.Instance));
            var tensors = GraphIndex.Build(graph).OfType("Tensor");
            var shape = FbsSchema.TfLite.Tables["Tensor"].Field("shape");
            var huge = new FbVectorNode(shape.Type.Element!, 4) { Scalars = new byte[4 * 65536] };
            foreach (var t in tensors) t.Fields[shape.Id] = huge;
            var e = Assert.Throws<McuAiException>(() => ModelReader.Read(FbTreeWriter.Write(graph).Bytes, FileName));
            Assert.Equal(DiagnosticCodes.DecodeBudgetExceeded, e.Code);
        }
    }
}
