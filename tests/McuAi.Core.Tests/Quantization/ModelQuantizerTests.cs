using System.Linq;
using System.Runtime.InteropServices;
using McuAi.Diagnostics;
using McuAi.Quantization;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.Quantization
{
    /// <summary>Graph rewriting by the quantizer, on real models, with the converter twin's ranges where ranges are needed.</summary>
    public class ModelQuantizerTests
    {
        [Fact]
        public void QuantizedModelWritesAndReadsBackAsAValidModel()
        {
            var (ours, _, _) = ConverterTwinTests.QuantizeWithTwinRanges("mlperf_vww");
            byte[] bytes = ModelWriter.Write(ours);
            var back = ModelReader.Read(bytes, "ours.tflite");
            Assert.Equal(ours.MainSubgraph.Tensors.Select(t => t.Type), back.MainSubgraph.Tensors.Select(t => t.Type));
            Assert.True(ModelQuantizer.IsQuantized(back));
            Assert.True(bytes.Length < 400_000, $"{bytes.Length} bytes: int8 weights should make the file about a third of the float one");
        }

        [Fact]
        public void HybridKwsKeepsItsInt8ConvWeightsExactlyAndMatchesTheConvertersGraph()
        {
            var (ours, twin, report) = ConverterTwinTests.QuantizeWithTwinRanges("mlperf_kws");
            var hybrid = ModelReader.ReadFile(SharedData.ModelPath("mlperf_kws_float"));
            var g = ours.MainSubgraph;
            Assert.Equal(twin.MainSubgraph.Operators.Select(op => twin.CodeOf(op).Op), g.Operators.Select(op => ours.CodeOf(op).Op));
            Assert.Equal(twin.MainSubgraph.Tensors.Select(t => t.Type), g.Tensors.Select(t => t.Type));
            int checkedTensors = 0;
            foreach (var op in g.Operators.Where(op => ours.CodeOf(op).Op == BuiltinOperator.CONV_2D))
            {
                var before = hybrid.MainSubgraph.Tensors[op.Inputs[1]];
                var after = g.Tensors[op.Inputs[1]];
                if (before.Type != TensorType.INT8) continue;
                checkedTensors++;
                var original = MemoryMarshal.Cast<byte, sbyte>(hybrid.DataOf(before).Span).ToArray();
                var now = MemoryMarshal.Cast<byte, sbyte>(ours.DataOf(after).Span).ToArray();
                int channels = after.Quantization!.Scale.Length;
                Assert.Equal(after.Shape[0], channels);
                int perChannel = now.Length / channels;
                for (int c = 0; c < channels; c++)
                {
                    if (after.Quantization.Scale[c] != before.Quantization!.Scale[0]) continue; // raised for its bias
                    for (int i = c * perChannel; i < (c + 1) * perChannel; i++) Assert.Equal(original[i], now[i]);
                }
            }
            Assert.Equal(5, checkedTensors);
        }

        [Fact]
        public void Float32IoAddsQuantizeAndDequantizeAtTheEdges()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mlperf_ic_float"));
            int ops = model.MainSubgraph.Operators.Count;
            var ranges = TwinRanges("mlperf_ic");
            var report = ModelQuantizer.Quantize(model, ranges, new QuantizationOptions { IoType = IoType.Float32 });
            var g = model.MainSubgraph;
            Assert.Equal(ops + 2, g.Operators.Count);
            Assert.Equal(2, report.AddedOps);
            Assert.Equal(BuiltinOperator.QUANTIZE, model.CodeOf(g.Operators[0]).Op);
            Assert.Equal(BuiltinOperator.DEQUANTIZE, model.CodeOf(g.Operators[^1]).Op);
            Assert.Equal(TensorType.FLOAT32, g.Tensors[g.Inputs[0]].Type);
            Assert.Equal(TensorType.FLOAT32, g.Tensors[g.Outputs[0]].Type);
            Assert.Equal(TensorType.INT8, g.Tensors[g.Operators[0].Outputs[0]].Type);
            Assert.Equal(TensorType.INT8, g.Tensors[g.Operators[^1].Inputs[0]].Type);
            ModelReader.Read(ModelWriter.Write(model), "io.tflite");
        }

        [Fact]
        public void Int16x8GivesInt16ActivationsWithZeroPointZeroAndInt64Biases()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mlperf_ic_float"));
            ModelQuantizer.Quantize(model, TwinRanges("mlperf_ic"), new QuantizationOptions { Mode = QuantizationMode.Int16x8 });
            var g = model.MainSubgraph;
            foreach (var op in g.Operators)
            {
                var output = g.Tensors[op.Outputs[0]];
                Assert.Equal(TensorType.INT16, output.Type);
                Assert.Equal(0, output.Quantization!.ZeroPoint[0]);
                if (model.CodeOf(op).Op is BuiltinOperator.CONV_2D or BuiltinOperator.FULLY_CONNECTED)
                {
                    Assert.Equal(TensorType.INT8, g.Tensors[op.Inputs[1]].Type);
                    Assert.Equal(TensorType.INT64, g.Tensors[op.Inputs[2]].Type);
                }
            }
            Assert.Equal(1f / 32768f, g.Tensors[g.Outputs[0]].Quantization!.Scale[0]); // SOFTMAX int16
            Assert.Equal(4, model.OperatorCodes.First(c => c.Op == BuiltinOperator.CONV_2D).Version);
        }

        [Fact]
        public void DynamicModeQuantizesOnlyWeightsAndWarnsThatTflmCannotRunIt()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mlperf_ic_float"));
            var report = ModelQuantizer.Quantize(model, new System.Collections.Generic.Dictionary<int, TensorRange>(), new QuantizationOptions { Mode = QuantizationMode.Dynamic });
            var g = model.MainSubgraph;
            Assert.Equal(10, report.QuantizedWeightTensors); // 9 CONV_2D + 1 FULLY_CONNECTED
            Assert.All(g.Operators, op => Assert.Equal(TensorType.FLOAT32, g.Tensors[op.Outputs[0]].Type));
            Assert.Contains(report.Diagnostics, d => d.Code == DiagnosticCodes.HybridResult && d.Severity == DiagnosticSeverity.Warning);
            Assert.Equal(5, model.OperatorCodes.First(c => c.Op == BuiltinOperator.CONV_2D).Version);
        }

        [Fact]
        public void AnAlreadyQuantizedModelIsLeftUnchangedWithAMessage()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mlperf_ic_int8"));
            byte[] before = ModelWriter.Write(model);
            var report = ModelQuantizer.Quantize(model, new System.Collections.Generic.Dictionary<int, TensorRange>(), new QuantizationOptions());
            Assert.True(report.NothingToDo);
            Assert.Contains(report.Diagnostics, d => d.Code == DiagnosticCodes.AlreadyQuantized);
            Assert.Equal(before, ModelWriter.Write(model));
        }

        [Fact]
        public void AnOpTheQuantizerCannotHandleIsCode3010NamingTheOp()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("audio_preprocessor_float"));
            var e = Assert.Throws<McuAiException>(() => ModelQuantizer.Quantize(model, new System.Collections.Generic.Dictionary<int, TensorRange>(), new QuantizationOptions(), "audio_preprocessor_float.tflite"));
            Assert.Equal(DiagnosticCodes.QuantizerUnsupportedOp, e.Code);
            Assert.Contains("CAST", e.Message); // the Signal ops work on integers; CAST is where floats appear
            Assert.Equal("audio_preprocessor_float.tflite", e.File);
        }

        internal static System.Collections.Generic.Dictionary<int, TensorRange> TwinRanges(string name)
        {
            var twin = ModelReader.ReadFile(SharedData.ModelPath(name + "_int8"));
            var ranges = new System.Collections.Generic.Dictionary<int, TensorRange>();
            var tensors = twin.MainSubgraph.Tensors;
            for (int i = 0; i < tensors.Count; i++)
                if (!twin.IsConstant(tensors[i]) && tensors[i].Quantization is { Min.Length: 1, Max.Length: 1 } q)
                    ranges[i] = new TensorRange(q.Min[0], q.Max[0]);
            return ranges;
        }
    }
}
