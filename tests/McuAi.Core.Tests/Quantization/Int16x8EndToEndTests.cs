using System.IO;
using System.Linq;
using McuAi.Interpreter;
using McuAi.Quantization;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Quantization
{
    /// <summary>
    /// Every float model quantized in 16x8 mode runs in the interpreter (every op the mode emits has an
    /// int16 kernel) and validates against the float model.
    /// </summary>
    public class Int16x8EndToEndTests
    {
        private readonly ITestOutputHelper _output;

        public Int16x8EndToEndTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData("hello_world_float", 0.0, 6.283, 0.999)]
        [InlineData("mlperf_ic_float", 0.0, 255.0, 0.995)]
        [InlineData("mlperf_vww_float", 0.0, 1.0, 0.999)]
        public void Quantized_16x8_model_runs_and_tracks_the_float_model(string name, double lo, double hi, double minCosine)
        {
            byte[] bytes = File.ReadAllBytes(SharedData.ModelPath(name));
            var floatModel = ModelReader.Read(bytes, name);
            var calibration = SyntheticData.Uniform(floatModel, 20, lo, hi, seed: 11);
            var validation = SyntheticData.Uniform(floatModel, 20, lo, hi, seed: 12);
            var options = new QuantizationOptions { Mode = QuantizationMode.Int16x8 };
            var result = Quantizer.Quantize(bytes, name, _ => calibration, options);
            var quantized = ModelReader.Read(result.ModelBytes, name);
            Assert.All(quantized.MainSubgraph.Operators, op => Assert.NotEqual(TensorType.INT8, quantized.MainSubgraph.Tensors[op.Outputs[0]].Type));
            var metrics = Quantizer.Validate(bytes, result, validation, new QualityGates(), false, options, name);
            foreach (var m in metrics) _output.WriteLine($"{name} 16x8: {m}");
            Assert.All(metrics, m => Assert.True(m.Cosine >= minCosine, m.ToString()));
        }
    }
}
