using System;
using System.IO;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.Quantization;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Quantization
{
    /// <summary>Calibrate, quantize, run and validate real models with the C# interpreter.</summary>
    public class EndToEndTests
    {
        private readonly ITestOutputHelper _output;

        public EndToEndTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void HelloWorldQuantizedFromItsRealInputDistributionTracksSineWithinTheConvertersError()
        {
            byte[] bytes = File.ReadAllBytes(SharedData.ModelPath("hello_world_float"));
            var floatModel = ModelReader.Read(bytes, "hello_world_float.tflite");
            var calibration = SyntheticData.Uniform(floatModel, 1000, 0, 2 * Math.PI, seed: 1);
            var result = Quantizer.Quantize(bytes, "hello_world_float.tflite", _ => calibration, new QuantizationOptions());

            var quantized = new ModelInterpreter(ModelReader.Read(result.ModelBytes, "q.tflite"));
            var reference = new ModelInterpreter(floatModel);
            var input = quantized.Input(0);
            var output = quantized.Output(0);
            double ourSquares = 0, floatSquares = 0;
            for (int i = 0; i < 100; i++)
            {
                float x = (float)(2 * Math.PI * i / 99);
                input.As<sbyte>()[0] = (sbyte)QuantMath.Quantize(x, input.Scale, input.ZeroPoint, -128, 127);
                quantized.Invoke();
                double y = (output.As<sbyte>()[0] - output.ZeroPoint) * (double)output.Scale;
                ourSquares += (y - Math.Sin(x)) * (y - Math.Sin(x));
                reference.Input(0).As<float>()[0] = x;
                reference.Invoke();
                double yf = reference.Output(0).As<float>()[0];
                floatSquares += (yf - Math.Sin(x)) * (yf - Math.Sin(x));
            }
            double rmse = Math.Sqrt(ourSquares / 100), floatRmse = Math.Sqrt(floatSquares / 100);
            _output.WriteLine($"hello_world: our int8 RMSE vs sin x = {rmse:F4}; float model {floatRmse:F4} (100 points on [0, 2π])");
            Assert.Equal(TensorType.INT8, input.Type);
            Assert.True(rmse <= 0.030, $"RMSE {rmse:F4} is above the converter's 0.030");
        }

        [Theory]
        [InlineData("mlperf_ic", 0.0, 255.0)]
        [InlineData("mlperf_vww", 0.0, 1.0)]
        public void OurInt8IsAtLeastAsCloseToTheFloatModelAsTheConvertersTwin(string name, double lo, double hi)
        {
            byte[] bytes = File.ReadAllBytes(SharedData.ModelPath(name + "_float"));
            var floatModel = ModelReader.Read(bytes, name);
            var calibration = SyntheticData.Uniform(floatModel, 40, lo, hi, seed: 7);
            var validation = SyntheticData.Uniform(floatModel, 40, lo, hi, seed: 8);
            var result = Quantizer.Quantize(bytes, name, _ => calibration, new QuantizationOptions());
            var ours = Quantizer.Validate(bytes, result, validation, new QualityGates(), false, new QuantizationOptions(), name).Single();
            var twin = QuantizationValidator.Validate(floatModel, ModelReader.ReadFile(SharedData.ModelPath(name + "_int8")), validation).Single();
            _output.WriteLine($"{name} ours: {ours}");
            _output.WriteLine($"{name} converter: {twin}");

            Assert.True(ours.IsClassifier); // ends in SOFTMAX
            Assert.True(ours.Cosine > 0.98, ours.ToString());
            // The converter calibrated on real images, we on the same synthetic distribution as the validation
            // set, so on these inputs we should not be worse.
            Assert.True(ours.L2RelativeError <= twin.L2RelativeError * 1.25, $"ours {ours.L2RelativeError} vs converter {twin.L2RelativeError}");
        }

        [Fact]
        public void CalibrationIsDeterministicWhateverTheParallelism()
        {
            byte[] bytes = File.ReadAllBytes(SharedData.ModelPath("mlperf_ic_float"));
            var model = ModelReader.Read(bytes, "ic");
            var data = SyntheticData.Uniform(model, 12, 0, 255, seed: 3);
            foreach (var method in new[] { CalibrationMethod.MinMax, CalibrationMethod.MovingAverage, CalibrationMethod.Percentile })
            {
                var serial = Quantizer.Quantize(bytes, "ic", _ => data, new QuantizationOptions { CalibrationMethod = method, MaxParallelism = 1 });
                var parallel = Quantizer.Quantize(bytes, "ic", _ => data, new QuantizationOptions { CalibrationMethod = method, MaxParallelism = 4 });
                Assert.Equal(serial.ModelBytes, parallel.ModelBytes);
            }
        }

        [Fact]
        public void PercentileAndMovingAverageRangesLieInsideTheMinMaxRange()
        {
            byte[] bytes = File.ReadAllBytes(SharedData.ModelPath("mlperf_ic_float"));
            var model = ModelReader.Read(bytes, "ic");
            var data = SyntheticData.Uniform(model, 10, 0, 255, seed: 5);
            var minMax = Calibrator.Run(model, data, new QuantizationOptions());
            var percentile = Calibrator.Run(model, data, new QuantizationOptions { CalibrationMethod = CalibrationMethod.Percentile, Percentile = 99.9 });
            var average = Calibrator.Run(model, data, new QuantizationOptions { CalibrationMethod = CalibrationMethod.MovingAverage });
            int narrower = 0;
            foreach (var kv in minMax)
            {
                Assert.InRange(percentile[kv.Key].Min, kv.Value.Min, kv.Value.Max);
                Assert.InRange(percentile[kv.Key].Max, kv.Value.Min, kv.Value.Max);
                Assert.InRange(average[kv.Key].Max, kv.Value.Min, kv.Value.Max + 1e-6);
                if (percentile[kv.Key].Max < kv.Value.Max) narrower++;
            }
            Assert.True(narrower > minMax.Count / 2, $"the 99.9th percentile cut only {narrower} of {minMax.Count} ranges");
        }

        [Fact]
        public void AViolatedGateIsCode3030WithTheFigures()
        {
            byte[] bytes = File.ReadAllBytes(SharedData.ModelPath("hello_world_float"));
            var model = ModelReader.Read(bytes, "hw");
            var data = SyntheticData.Uniform(model, 50, 0, 2 * Math.PI, seed: 2);
            var result = Quantizer.Quantize(bytes, "hw", _ => data, new QuantizationOptions());
            var e = Assert.Throws<McuAiException>(() => Quantizer.Validate(bytes, result, data, new QualityGates { MinCosine = 0.99999999, MaxL2Error = 0.5 }, false, new QuantizationOptions(), "hw.tflite"));
            Assert.Equal(DiagnosticCodes.AccuracyGateFailed, e.Code);
            Assert.Contains("below --min-cosine 0.99999999", e.Message);
            Assert.DoesNotContain("--max-l2-error", e.Message); // that gate holds
            Assert.Single(result.Metrics);
        }

        [Fact]
        public void Float32IoModelRunsAndAgreesWithTheInt8IoModel()
        {
            byte[] bytes = File.ReadAllBytes(SharedData.ModelPath("hello_world_float"));
            var model = ModelReader.Read(bytes, "hw");
            var data = SyntheticData.Uniform(model, 100, 0, 2 * Math.PI, seed: 4);
            var int8 = Quantizer.Quantize(bytes, "hw", _ => data, new QuantizationOptions());
            var float32 = Quantizer.Quantize(bytes, "hw", _ => data, new QuantizationOptions { IoType = IoType.Float32 });
            var a = QuantizationValidator.Validate(model, ModelReader.Read(int8.ModelBytes), data).Single();
            var b = QuantizationValidator.Validate(model, ModelReader.Read(float32.ModelBytes), data).Single();
            Assert.Equal(a.Rmse, b.Rmse, 6);
        }
    }
}
