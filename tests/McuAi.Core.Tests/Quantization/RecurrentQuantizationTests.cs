using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.Quantization;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Quantization
{
    /// <summary>
    /// Calibrating and quantizing recurrent models: the LSTM (int8 and 16x8) end to end with its cell-state
    /// range taken over every time step, and SVDF (int8) with the converter's recipe for its state and
    /// time weights.
    /// </summary>
    public class RecurrentQuantizationTests
    {
        private readonly ITestOutputHelper _output;

        public RecurrentQuantizationTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Calibration_takes_the_cell_state_range_over_every_step_and_resets_between_samples()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mnist_lstm_float"));
            var data = SyntheticData.Uniform(model, 8, 0, 1, seed: 5);
            int cell = model.MainSubgraph.Operators[0].Inputs[19];
            var serial = Calibrator.Run(model, data, new QuantizationOptions { MaxParallelism = 1 });
            var parallel = Calibrator.Run(model, data, new QuantizationOptions { MaxParallelism = 4 });
            Assert.Equal(serial.OrderBy(kv => kv.Key), parallel.OrderBy(kv => kv.Key));

            // The cell state after the last step is inside the calibrated range, which covers earlier steps too.
            var interpreter = new ModelInterpreter(model);
            double lastMin = double.MaxValue, lastMax = double.MinValue;
            foreach (var sample in data.Samples)
            {
                interpreter.ResetVariableTensors();
                sample[0].AsSpan().CopyTo(interpreter.Input(0).As<float>());
                interpreter.Invoke();
                foreach (float v in interpreter.Tensor(cell).As<float>()) { lastMin = Math.Min(lastMin, v); lastMax = Math.Max(lastMax, v); }
            }
            var range = serial[cell];
            _output.WriteLine($"cell state over all steps {range}; after the last step [{lastMin:G4}, {lastMax:G4}]");
            Assert.True(range.Min <= lastMin && range.Max >= lastMax);
            Assert.True(range.Max - range.Min > lastMax - lastMin, "the range over all steps should be wider than the last step's");
        }

        [Theory]
        [InlineData(QuantizationMode.Int8, 0.99)]
        [InlineData(QuantizationMode.Int16x8, 0.999)]
        public void Mnist_lstm_quantizes_runs_and_tracks_the_float_model(QuantizationMode mode, double minCosine)
        {
            byte[] bytes = File.ReadAllBytes(SharedData.ModelPath("mnist_lstm_float"));
            var floatModel = ModelReader.Read(bytes, "mnist_lstm_float");
            var calibration = SyntheticData.Uniform(floatModel, 24, 0, 1, seed: 21);
            var validation = SyntheticData.Uniform(floatModel, 24, 0, 1, seed: 22);
            var options = new QuantizationOptions { Mode = mode };
            var result = Quantizer.Quantize(bytes, "mnist_lstm_float", _ => calibration, options);
            var quantized = ModelReader.Read(result.ModelBytes, "q");
            var lstm = quantized.MainSubgraph.Operators[0];
            var activation = mode == QuantizationMode.Int8 ? TensorType.INT8 : TensorType.INT16;
            Assert.Equal(activation, quantized.MainSubgraph.Tensors[lstm.Inputs[0]].Type);
            Assert.Equal(TensorType.INT16, quantized.MainSubgraph.Tensors[lstm.Inputs[19]].Type);
            Assert.Equal(mode == QuantizationMode.Int8 ? TensorType.INT32 : TensorType.INT64, quantized.MainSubgraph.Tensors[lstm.Inputs[13]].Type);
            var metrics = Quantizer.Validate(bytes, result, validation, new QualityGates(), false, options, "mnist_lstm_float").Single();
            _output.WriteLine($"mnist_lstm {mode}: {metrics}");
            Assert.True(metrics.Cosine >= minCosine, metrics.ToString());
            if (mode == QuantizationMode.Int8)
            {
                var twin = QuantizationValidator.Validate(floatModel, ModelReader.ReadFile(SharedData.ModelPath("mnist_lstm_int8")), validation).Single();
                _output.WriteLine($"mnist_lstm converter's twin: {twin}");
                Assert.True(metrics.L2RelativeError <= twin.L2RelativeError * 1.25, $"ours {metrics.L2RelativeError} vs converter {twin.L2RelativeError}");
            }
        }

        /// <summary>x [1, 8] → SVDF (8 filters, rank 2, memory 3; state [1, 24]) → [1, 4].</summary>
        private static Model FloatSvdf()
        {
            var rng = new Random(3);
            float[] Values(int n, double scale) => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale)).ToArray();
            var m = new Model();
            m.Buffers.Add(new McuAi.TfLite.Buffer());
            m.OperatorCodes.Add(new OperatorCode { BuiltinCode = (int)BuiltinOperator.SVDF, DeprecatedBuiltinCode = (sbyte)BuiltinOperator.SVDF });
            var g = new SubGraph();
            int Constant(string name, int[] shape, float[] values)
            {
                m.Buffers.Add(new McuAi.TfLite.Buffer { Data = MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), HasDataField = true });
                g.Tensors.Add(new Tensor { Name = name, Shape = shape, Type = TensorType.FLOAT32, Buffer = (uint)(m.Buffers.Count - 1) });
                return g.Tensors.Count - 1;
            }
            g.Tensors.Add(new Tensor { Name = "x", Shape = new[] { 1, 8 }, Type = TensorType.FLOAT32 });
            int features = Constant("features", new[] { 8, 8 }, Values(64, 0.5));
            int time = Constant("time", new[] { 8, 3 }, Values(24, 0.8));
            int bias = Constant("bias", new[] { 4 }, Values(4, 0.3));
            g.Tensors.Add(new Tensor { Name = "state", Shape = new[] { 1, 24 }, Type = TensorType.FLOAT32, IsVariable = true });
            g.Tensors.Add(new Tensor { Name = "y", Shape = new[] { 1, 4 }, Type = TensorType.FLOAT32 });
            var options = new OperatorOptions(OptionsSchema.ByName("SVDFOptions"));
            options.Set("rank", 2);
            g.Operators.Add(new Operator { Inputs = new[] { 0, features, time, bias, 4 }, Outputs = new[] { 5 }, BuiltinOptions = options });
            g.Inputs = new[] { 0 };
            g.Outputs = new[] { 5 };
            m.Subgraphs.Add(g);
            return m;
        }

        [Fact]
        public void Svdf_gets_the_converters_int16_state_and_time_weights_and_runs_close_to_float()
        {
            var floatModel = FloatSvdf();
            var bytes = ModelWriter.Write(floatModel);
            var calibration = SyntheticData.Uniform(floatModel, 32, -1, 1, seed: 1);
            var result = Quantizer.Quantize(bytes, "svdf", _ => calibration, new QuantizationOptions());
            var q = ModelReader.Read(result.ModelBytes, "svdf-int8");
            var g = q.MainSubgraph;
            var op = g.Operators[0];
            var time = g.Tensors[op.Inputs[2]];
            var state = g.Tensors[op.Inputs[4]];
            var bias = g.Tensors[op.Inputs[3]];
            Assert.Equal(TensorType.INT8, g.Tensors[op.Inputs[1]].Type);
            Assert.Equal(TensorType.INT16, time.Type);
            Assert.Equal(512, MemoryMarshal.Cast<byte, short>(q.DataOf(time).Span).ToArray().Max(v => Math.Abs((int)v)));
            Assert.Equal(TensorType.INT16, state.Type);
            Assert.Equal(0, state.Quantization!.ZeroPoint[0]);
            Assert.Equal(TensorType.INT32, bias.Type);
            // TFLM's SVDF checks bias scale = state scale × time-weight scale.
            Assert.True(Math.Abs(bias.Quantization!.Scale[0] - (double)state.Quantization.Scale[0] * time.Quantization!.Scale[0]) < 1e-9);
            Assert.Equal(3, q.OperatorCodes[0].Version);

            var validation = SyntheticData.Uniform(floatModel, 32, -1, 1, seed: 2);
            var metrics = Quantizer.Validate(bytes, result, validation, new QualityGates(), false, new QuantizationOptions(), "svdf").Single();
            _output.WriteLine($"svdf int8: {metrics}");
            Assert.True(metrics.Cosine > 0.99, metrics.ToString());
        }

        [Fact]
        public void Svdf_in_16x8_mode_is_refused_because_TFLM_has_no_int16_svdf()
        {
            var bytes = ModelWriter.Write(FloatSvdf());
            var e = Assert.Throws<McuAiException>(() => Quantizer.Quantize(bytes, "svdf", m => SyntheticData.Uniform(m, 4, -1, 1, seed: 1),
                new QuantizationOptions { Mode = QuantizationMode.Int16x8 }));
            Assert.Equal(DiagnosticCodes.QuantizerUnsupportedOp, e.Code);
            Assert.Contains("SVDF", e.Message);
        }
    }
}
