using System.Collections.Generic;
using System.Linq;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.TfLite
{
    public class ModelReaderGoldenTests
    {
        public static IEnumerable<object[]> Models => SharedData.AllModels();

        [Theory]
        [MemberData(nameof(Models))]
        public void Operator_sequence_matches_TFLM(string name)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            var golden = SharedData.Golden(name);
            if (!golden.TryGetProperty("operators", out var ops))
            {
                // TFLM rejected the model (mlperf_kws_float), so golden.json lists no operators.
                Assert.False(SharedData.TflmRuns(name));
                return;
            }
            var expected = ops.EnumerateArray().Select(e => e.GetString()).ToArray();
            var actual = model.MainSubgraph.Operators.Select(op => model.CodeOf(op).DisplayName).ToArray();
            Assert.Equal(expected, actual);
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void Inputs_and_outputs_match_TFLM(string name)
        {
            if (!SharedData.TflmRuns(name)) return;
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            var golden = SharedData.Golden(name);
            var g = model.MainSubgraph;
            var inputs = golden.GetProperty("inputs").EnumerateArray().ToArray();
            Assert.Equal(inputs.Length, g.Inputs.Length);
            for (int i = 0; i < inputs.Length; i++)
            {
                var t = g.Tensors[g.Inputs[i]];
                Assert.Equal(inputs[i].GetProperty("name").GetString(), t.Name ?? "");
                Assert.Equal(inputs[i].GetProperty("type").GetString(), t.Type.ToString());
                Assert.Equal(inputs[i].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), t.Shape);
                Assert.Equal(inputs[i].GetProperty("bytes").GetInt64(), t.ByteSize);
            }
        }
    }
}
