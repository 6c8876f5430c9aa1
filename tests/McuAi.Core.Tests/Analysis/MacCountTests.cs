using System.Linq;
using McuAi.Analysis;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Analysis
{
    /// <summary>MACs checked by hand against the convention in docs/analysis.md, on real models.</summary>
    public class MacCountTests
    {
        private static (Model Model, ModelAnalysis Analysis) Analyze(string name)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            return (model, ModelAnalyzer.Analyze(model));
        }

        [Theory]
        [InlineData("hello_world_int8")]
        [InlineData("hello_world_float")]
        public void Hello_world_is_three_dense_layers_1x16_16x16_16x1(string name)
        {
            var (_, analysis) = Analyze(name);
            // Dense 1 -> 16, 16 -> 16, 16 -> 1 with batch 1.
            Assert.Equal(new long[] { 1 * 16, 16 * 16, 16 * 1 }, analysis.Layers.Select(l => l.Macs));
            Assert.Equal(288, analysis.TotalMacs);
        }

        [Fact]
        public void Hello_world_weight_bytes_are_int8_weights_plus_int32_biases()
        {
            var (_, analysis) = Analyze("hello_world_int8");
            // Layer 0: 16x1 int8 weights + 16 int32 biases; layer 1: 16x16 + 16x4; layer 2: 1x16 + 1x4.
            Assert.Equal(new long[] { 16 + 64, 256 + 64, 16 + 4 }, analysis.Layers.Select(l => l.WeightBytes));
            Assert.Equal(420, analysis.WeightBytes);
        }

        [Fact]
        public void Conv2d_is_output_elements_times_kernel_area_times_input_channels()
        {
            var (model, analysis) = Analyze("mlperf_kws_int8");
            var g = model.MainSubgraph;
            var op = g.Operators[0];
            Assert.Equal(BuiltinOperator.CONV_2D, model.CodeOf(op).Op);
            var output = g.Tensors[op.Outputs[0]].Shape;   // [1, 25, 5, 64]
            var filter = g.Tensors[op.Inputs[1]].Shape;    // [64, 10, 4, 1]
            long expected = (long)output[0] * output[1] * output[2] * output[3] * filter[1] * filter[2] * filter[3];
            Assert.Equal(expected, analysis.Layers[0].Macs);
            Assert.Equal(25 * 5 * 64 * (10 * 4 * 1), analysis.Layers[0].Macs);
        }

        [Fact]
        public void Depthwise_is_output_elements_times_kernel_area()
        {
            var (model, analysis) = Analyze("mlperf_kws_int8");
            var g = model.MainSubgraph;
            var op = g.Operators[1];
            Assert.Equal(BuiltinOperator.DEPTHWISE_CONV_2D, model.CodeOf(op).Op);
            var output = g.Tensors[op.Outputs[0]].Shape;   // [1, 25, 5, 64]
            var filter = g.Tensors[op.Inputs[1]].Shape;    // [1, 3, 3, 64]
            long expected = (long)output[0] * output[1] * output[2] * output[3] * filter[1] * filter[2];
            Assert.Equal(expected, analysis.Layers[1].Macs);
            Assert.Equal(25 * 5 * 64 * (3 * 3), analysis.Layers[1].Macs);
        }

        [Fact]
        public void Person_detection_total_is_the_sum_of_its_conv_layers()
        {
            var (model, analysis) = Analyze("person_detection_int8");
            var g = model.MainSubgraph;
            long expected = 0;
            foreach (var op in g.Operators)
            {
                var code = model.CodeOf(op).Op;
                var o = g.Tensors[op.Outputs[0]];
                var f = code is BuiltinOperator.CONV_2D or BuiltinOperator.DEPTHWISE_CONV_2D ? g.Tensors[op.Inputs[1]].Shape : null;
                if (code == BuiltinOperator.CONV_2D) expected += o.ElementCount * f![1] * f[2] * f[3];
                if (code == BuiltinOperator.DEPTHWISE_CONV_2D) expected += o.ElementCount * f![1] * f[2];
            }
            Assert.Equal(expected, analysis.TotalMacs);
            Assert.True(analysis.TotalMacs > 7_000_000, "MobileNetV1 0.25 at 96x96 has about 7.5 M MACs");
        }

        [Fact]
        public void Transpose_conv_is_input_elements_times_kernel_area_times_output_channels()
        {
            var (_, analysis) = Analyze("op_seanet_transpose_conv3");
            // input [1, 1, 40, 32], filter [16, 4, 4, 32]
            Assert.Equal(1 * 1 * 40 * 32 * (4 * 4) * 16, analysis.Layers.Single().Macs);
        }

        [Fact]
        public void Svdf_is_the_feature_and_time_matrix_products()
        {
            var (_, analysis) = Analyze("keyword_scrambled_8bit");
            var svdf = analysis.Layers.First(l => l.Op == "SVDF");
            // input [1, 96], weights_feature [64, 96], weights_time [64, 8]
            Assert.Equal(1 * (64 * 96 + 64 * 8), svdf.Macs);
        }

        [Fact]
        public void Pooling_reshape_and_softmax_count_zero()
        {
            var (_, analysis) = Analyze("mlperf_vww_int8");
            var zero = analysis.Layers.Where(l => l.Op is "AVERAGE_POOL_2D" or "RESHAPE" or "SOFTMAX").ToList();
            Assert.Equal(3, zero.Count);
            Assert.All(zero, l => Assert.Equal(0, l.Macs));
        }

        [Fact]
        public void Float_and_int8_twins_have_the_same_macs()
        {
            Assert.Equal(Analyze("mlperf_vww_float").Analysis.TotalMacs, Analyze("mlperf_vww_int8").Analysis.TotalMacs);
            Assert.Equal(Analyze("mlperf_ic_float").Analysis.TotalMacs, Analyze("mlperf_ic_int8").Analysis.TotalMacs);
        }
    }
}
