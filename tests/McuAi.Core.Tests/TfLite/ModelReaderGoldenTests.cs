using System.Collections.Generic;
using System.Linq;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.TfLite
{
    public class ModelReaderGoldenTests
    {
        public static IEnumerable<object[]> TflmModels => SharedData.TflmModels();

        [Theory]
        [MemberData(nameof(TflmModels))]
        public void Operator_sequence_matches_TFLM(string name)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            var expected = SharedData.Golden(name).GetProperty("operators").EnumerateArray().Select(e => e.GetString()).ToArray();
            var actual = model.MainSubgraph.Operators.Select(op => model.CodeOf(op).DisplayName).ToArray();
            Assert.Equal(expected, actual);
        }

        [Theory]
        [MemberData(nameof(TflmModels))]
        public void Inputs_and_outputs_match_TFLM(string name)
        {
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
