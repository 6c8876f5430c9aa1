using System.Collections.Generic;
using System.Linq;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.TfLite.Writer
{
    public class StripTests
    {
        public static IEnumerable<object[]> Models => SharedData.AllModels();

        [Theory]
        [MemberData(nameof(Models))]
        public void Strip_keeps_operators_and_tensor_data_and_drops_the_rest(string name)
        {
            var original = ModelReader.ReadFile(SharedData.ModelPath(name));
            var result = ModelStripper.Strip(original);
            byte[] strippedBytes = ModelWriter.Write(result.Model);
            var stripped = ModelReader.Read(strippedBytes, name + " (stripped)");

            Assert.Equal(OperatorSummary(original), OperatorSummary(stripped));
            if (SharedData.Golden(name).TryGetProperty("operators", out var golden))
                Assert.Equal(golden.EnumerateArray().Select(e => e.GetString()), stripped.MainSubgraph.Operators.Select(op => stripped.CodeOf(op).DisplayName));
            for (int s = 0; s < original.Subgraphs.Count; s++)
            {
                var before = original.Subgraphs[s].Tensors;
                var after = stripped.Subgraphs[s].Tensors;
                Assert.Equal(before.Count, after.Count);
                for (int t = 0; t < before.Count; t++)
                {
                    Assert.Equal(before[t].ToString(), after[t].ToString());
                    Assert.Equal(original.DataOf(before[t]).ToArray(), stripped.DataOf(after[t]).ToArray());
                }
            }

            // Nothing unused is left, and only the planner's metadata survives.
            var usedCodes = stripped.Subgraphs.SelectMany(g => g.Operators).Select(op => (int)op.OpcodeIndex).Distinct().Count();
            Assert.Equal(usedCodes, stripped.OperatorCodes.Count);
            var usedBuffers = stripped.Subgraphs.SelectMany(g => g.Tensors).Select(t => t.Buffer).Append(0u).Distinct().Count();
            Assert.Equal(usedBuffers, stripped.Buffers.Count);
            Assert.All(stripped.Metadata, m => Assert.Equal(ModelStripper.OfflineMemoryAllocation, m.Name));

            int originalSize = ModelWriter.Write(original).Length;
            bool removedSomething = result.RemovedMetadata.Count + result.RemovedBuffers + result.RemovedOperatorCodes.Count > 0;
            if (removedSomething) Assert.True(strippedBytes.Length < originalSize, $"{strippedBytes.Length} bytes after strip, {originalSize} before");
            else Assert.Equal(originalSize, strippedBytes.Length);

            // The input model is untouched.
            { var difference = ModelComparer.FirstDifference(ModelReader.ReadFile(SharedData.ModelPath(name)), original); Assert.True(difference is null, difference); }
        }

        [Fact]
        public void Strip_reports_what_it_removed_from_hello_world()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));
            var result = ModelStripper.Strip(model);
            Assert.Equal(new[] { "min_runtime_version", "CONVERSION_METADATA" }, result.RemovedMetadata);
            // The two metadata buffers are the unused ones.
            Assert.Equal(2, result.RemovedBuffers);
            Assert.Equal(model.Metadata.Sum(m => (long)model.Buffers[(int)m.Buffer].Data.Length), result.RemovedBufferBytes);
            Assert.Empty(result.RemovedOperatorCodes);
        }

        [Fact]
        public void Strip_keeps_offline_memory_allocation_and_renumbers_indices()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));
            // An unused operator code in front and an unused buffer after the sentinel shift every index.
            model.OperatorCodes.Insert(0, new OperatorCode { BuiltinCode = (int)BuiltinOperator.MUL, DeprecatedBuiltinCode = (sbyte)BuiltinOperator.MUL });
            foreach (var op in model.MainSubgraph.Operators) op.OpcodeIndex++;
            model.Buffers.Insert(1, new McuAi.TfLite.Buffer { Data = new byte[100], HasDataField = true });
            foreach (var t in model.MainSubgraph.Tensors) if (t.Buffer != 0) t.Buffer++;
            foreach (var m in model.Metadata) m.Buffer++;
            var plan = new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0 };
            model.Buffers.Add(new McuAi.TfLite.Buffer { Data = plan, HasDataField = true });
            model.Metadata.Add(new Metadata { Name = ModelStripper.OfflineMemoryAllocation, Buffer = (uint)model.Buffers.Count - 1 });
            model.MainSubgraph.Operators[0].DebugMetadataIndex = 1;
            model = ModelReader.Read(ModelWriter.Write(model));

            var result = ModelStripper.Strip(model);
            var stripped = ModelReader.Read(ModelWriter.Write(result.Model));
            Assert.Equal(new[] { "MUL" }, result.RemovedOperatorCodes);
            Assert.Equal(3, result.RemovedBuffers); // the unused one and the two of the dropped metadata
            var kept = Assert.Single(stripped.Metadata);
            Assert.Equal(plan, stripped.Buffers[(int)kept.Buffer].Data.ToArray());
            Assert.Equal(OperatorSummary(model), OperatorSummary(stripped));
            Assert.Equal(1, model.MainSubgraph.Operators[0].DebugMetadataIndex);
            Assert.Equal(-1, stripped.MainSubgraph.Operators[0].DebugMetadataIndex);
        }

        private static List<string> OperatorSummary(Model m) =>
            m.Subgraphs.SelectMany(g => g.Operators).Select(op =>
                $"{m.CodeOf(op).DisplayName} v{m.CodeOf(op).Version} in[{string.Join(",", op.Inputs)}] out[{string.Join(",", op.Outputs)}] {op.Options}").ToList();
    }
}
