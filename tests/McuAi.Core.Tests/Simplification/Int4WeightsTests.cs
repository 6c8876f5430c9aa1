using System;
using System.Linq;
using McuAi.Analysis;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.Memory;
using McuAi.Simplification;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Simplification
{
    public class Int4WeightsTests
    {
        private readonly ITestOutputHelper _output;

        public Int4WeightsTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void PackingPutsElementZeroInTheLowNibbleAsTflmUnpacks()
        {
            byte[] packed = Int4Packing.Pack(new sbyte[] { 1, -2, 7 });
            Assert.Equal(new byte[] { 0xE1, 0x07 }, packed);
            Assert.Equal(new sbyte[] { 1, -2, 7 }, Int4Packing.Unpack(packed, 3));
            var all = Enumerable.Range(-8, 16).Select(v => (sbyte)v).ToArray();
            Assert.Equal(all, Int4Packing.Unpack(Int4Packing.Pack(all), all.Length));
            Assert.Throws<ArgumentOutOfRangeException>(() => Int4Packing.Pack(new sbyte[] { 8 }));
        }

        /// <summary>
        /// TFLM unpacks an INT4 filter into int8 and runs its int8 kernel: the INT4 model must give exactly the bytes of
        /// the same model with those unpacked values stored as INT8, on the golden inputs of the original model.
        /// </summary>
        [Theory]
        [InlineData("mlperf_ic_int8")]
        [InlineData("person_detection_int8")]
        [InlineData("mlperf_kws_int8")]
        [InlineData("hello_world_int8")]
        public void InterpreterRunsInt4FiltersBitExactlyAsTheirUnpackedInt8Twin(string name)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            var candidates = Int4Weights.Candidates(model);
            Assert.NotEmpty(candidates);
            var (int4, layers) = Int4Weights.Convert(model, candidates);
            int4 = ModelReader.Read(ModelWriter.Write(int4), name); // through the file format and the reader's checks
            var twin = Int8Twin(int4);
            var a = new ModelInterpreter(int4, null, name);
            var b = new ModelInterpreter(twin, null, name);
            int vectors = 0;
            foreach (var (input, _, _) in SharedData.Vectors(name))
            {
                a.SetInputs(input);
                b.SetInputs(input);
                a.Invoke();
                b.Invoke();
                Assert.Equal(b.GetOutputs(), a.GetOutputs());
                vectors++;
            }
            Assert.True(vectors > 0);
            long before = layers.Sum(l => l.BytesBefore), after = layers.Sum(l => l.BytesAfter);
            _output.WriteLine($"{name}: {layers.Count} layers to INT4, filters {before:N0} -> {after:N0} bytes");
            Assert.True(after * 2 <= before + layers.Count);
        }

        [Fact]
        public void ConvertedModelsPassTflmChecksWithTflmsOpVersionsAndUnpackBuffersInTheReferenceArena()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("person_detection_int8"));
            var (int4, layers) = Int4Weights.Convert(model, Int4Weights.Candidates(model));
            var analysis = ModelAnalyzer.Analyze(int4, new AnalysisOptions { PointerSize = 4 }, "int4.tflite");
            Assert.DoesNotContain(analysis.Warnings, w => w.Severity == DiagnosticSeverity.Error);
            Assert.Equal(ModelAnalyzer.Analyze(model).ResolverMethods, analysis.ResolverMethods);
            foreach (var layer in analysis.Layers.Where(l => l.Op is "CONV_2D" or "DEPTHWISE_CONV_2D"))
                Assert.Equal(7, layer.Version);

            // Reference kernels: one scratch buffer of one byte per filter value per INT4 layer; CMSIS-NN unpacks nothing.
            var reference = ArenaPlanner.Plan(int4, new ArenaOptions { PointerSize = 4, Kernels = KernelSet.Reference });
            var int8Reference = ArenaPlanner.Plan(model, new ArenaOptions { PointerSize = 4, Kernels = KernelSet.Reference });
            int unpackBuffers = reference.Tensors.Count(t => t.Name.Contains("unpacked INT4 filter"));
            Assert.Equal(layers.Count, unpackBuffers);
            Assert.True(reference.ArenaBytes >= int8Reference.ArenaBytes);
            var cmsis = ArenaPlanner.Plan(int4, new ArenaOptions { PointerSize = 4, Kernels = KernelSet.CmsisNn });
            Assert.DoesNotContain(cmsis.Tensors, t => t.Name.Contains("unpacked INT4 filter"));
            _output.WriteLine($"person_detection INT4 arena: reference {reference.ArenaBytes:N0} (int8 {int8Reference.ArenaBytes:N0}), cmsis-nn {cmsis.ArenaBytes:N0}");
        }

        [Fact]
        public void PerChannelInt4FullyConnectedIsRefusedAsTflmDoes()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));
            var (int4, _) = Int4Weights.Convert(model, Int4Weights.Candidates(model));
            var fc = int4.MainSubgraph.Tensors[int4.MainSubgraph.Operators[0].Inputs[1]];
            Assert.Equal(TensorType.INT4, fc.Type);
            int rows = fc.Shape[0];
            fc.Quantization = new QuantizationParameters { Scale = Enumerable.Repeat(fc.Quantization!.Scale[0], rows).ToArray(), ZeroPoint = new long[rows] };
            var analysis = ModelAnalyzer.Analyze(int4, null, "pc.tflite");
            Assert.Contains(analysis.Warnings, w => w.Code == DiagnosticCodes.UnsupportedType && w.Severity == DiagnosticSeverity.Error && w.Message.Contains("per tensor only"));
            var e = Assert.Throws<McuAiException>(() => new ModelInterpreter(int4, null, "pc.tflite"));
            Assert.Equal(DiagnosticCodes.UnsupportedType, e.Code);
        }

        /// <summary>The same model with every INT4 tensor stored as INT8 (its unpacked values, same scales).</summary>
        private static Model Int8Twin(Model int4)
        {
            var twin = ModelCopier.Copy(int4);
            foreach (var t in twin.MainSubgraph.Tensors.Where(t => t.Type == TensorType.INT4))
            {
                var values = Int4Packing.Unpack(twin.DataOf(t).Span, t.ElementCount);
                twin.Buffers.Add(new McuAi.TfLite.Buffer { Data = values.Select(v => (byte)v).ToArray(), HasDataField = true });
                t.Buffer = (uint)(twin.Buffers.Count - 1);
                t.Type = TensorType.INT8;
            }
            return twin;
        }
    }
}
