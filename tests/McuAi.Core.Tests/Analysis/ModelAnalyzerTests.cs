using System.Collections.Generic;
using System.Linq;
using McuAi.Analysis;
using McuAi.Diagnostics;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Analysis
{
    public class ModelAnalyzerTests
    {
        public static IEnumerable<object[]> Models => SharedData.AllModels();
        public static IEnumerable<object[]> TflmModels => SharedData.TflmModels();

        private static ModelAnalysis Analyze(string name) => ModelAnalyzer.AnalyzeFile(SharedData.ModelPath(name));

        [Theory]
        [MemberData(nameof(TflmModels))]
        public void Layers_follow_TFLM_execution_order(string name)
        {
            var analysis = Analyze(name);
            var ops = SharedData.Golden(name).GetProperty("operators");
            Assert.Equal(ops.EnumerateArray().Select(e => e.GetString()), analysis.Layers.Select(l => l.Op));
            Assert.Equal(Enumerable.Range(0, analysis.Layers.Count), analysis.Layers.Select(l => l.Index));
        }

        [Theory]
        [MemberData(nameof(Models))]
        public void TFLM_support_verdict_matches_what_TFLM_did(string name)
        {
            // golden.json records whether TFLM ran the model: the analysis must predict it.
            Assert.Equal(!SharedData.TflmRuns(name), Analyze(name).HasErrors);
        }

        [Theory]
        [MemberData(nameof(TflmModels))]
        public void Ops_TFLM_ran_are_within_its_versions_and_types(string name)
        {
            var analysis = Analyze(name);
            Assert.All(analysis.OpsUsed, op => Assert.NotNull(op.Tflm));
            Assert.All(analysis.OpsUsed, op => Assert.True(op.MaxVersionUsed <= op.Tflm!.MaxVersion, $"{op.Op} v{op.MaxVersionUsed}"));
            // The type lists must accept what TFLM really ran.
            Assert.DoesNotContain(analysis.Warnings, w => w.Code == DiagnosticCodes.UnsupportedType);
        }

        [Theory]
        [MemberData(nameof(TflmModels))]
        public void Inputs_and_outputs_carry_TFLM_quantization(string name)
        {
            var analysis = Analyze(name);
            var golden = SharedData.Golden(name);
            foreach (var (key, actual) in new[] { ("inputs", analysis.Inputs), ("outputs", analysis.Outputs) })
            {
                var expected = golden.GetProperty(key).EnumerateArray().ToArray();
                Assert.Equal(expected.Length, actual.Count);
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.Equal(expected[i].GetProperty("name").GetString(), actual[i].Name);
                    Assert.Equal(expected[i].GetProperty("type").GetString(), actual[i].Type.ToString());
                    Assert.Equal(expected[i].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), actual[i].StaticShape);
                    Assert.Equal(expected[i].GetProperty("bytes").GetInt64(), actual[i].Bytes);
                    if (expected[i].TryGetProperty("scale", out var scale))
                    {
                        Assert.Equal(scale.GetDouble(), actual[i].Scale.Single(), 6);
                        Assert.Equal(expected[i].GetProperty("zero_point").GetInt64(), actual[i].ZeroPoint.Single());
                    }
                    else
                    {
                        Assert.Empty(actual[i].Scale);
                        Assert.Empty(actual[i].ZeroPoint);
                    }
                }
            }
        }

        [Fact]
        public void Dynamic_batch_shows_as_minus_one_and_an_info()
        {
            var analysis = Analyze("mlperf_kws_int8");
            Assert.Equal(new[] { -1, 49, 10, 1 }, analysis.Inputs[0].Shape);
            Assert.Equal(new[] { 1, 49, 10, 1 }, analysis.Inputs[0].StaticShape);
            var dynamic = Assert.Single(analysis.Warnings, w => w.Code == DiagnosticCodes.DynamicShape);
            Assert.Equal(DiagnosticSeverity.Info, dynamic.Severity);
        }

        [Fact]
        public void Mlperf_kws_float_is_hybrid()
        {
            var analysis = Analyze("mlperf_kws_float");
            Assert.True(analysis.IsHybrid);
            var hybrid = Assert.Single(analysis.Warnings, w => w.Code == DiagnosticCodes.HybridModel);
            Assert.Equal(DiagnosticSeverity.Error, hybrid.Severity);
            Assert.Contains("#0 CONV_2D", hybrid.Message);
            Assert.EndsWith("mlperf_kws_float.tflite", hybrid.File);
            Assert.False(Analyze("mlperf_kws_int8").IsHybrid);
            Assert.False(Analyze("mlperf_vww_float").IsHybrid);
        }

        [Theory]
        [InlineData("audio_preprocessor_float")]
        [InlineData("audio_preprocessor_int8")]
        public void Audio_preprocessor_reports_its_Signal_ops_and_their_TFLM_methods(string name)
        {
            var analysis = Analyze(name);
            Assert.Equal(new[]
            {
                "SignalWindow", "SignalFftAutoScale", "SignalRfft", "SignalEnergy", "SignalFilterBank",
                "SignalFilterBankSquareRoot", "SignalFilterBankSpectralSubtraction", "SignalPCAN", "SignalFilterBankLog",
            }, analysis.CustomOps);
            var methods = analysis.OpsUsed.Where(o => o.CustomName is not null).Select(o => o.Tflm!.ResolverMethod);
            Assert.Equal(new[]
            {
                "AddWindow", "AddFftAutoScale", "AddRfft", "AddEnergy", "AddFilterBank",
                "AddFilterBankSquareRoot", "AddFilterBankSpectralSubtraction", "AddPCAN", "AddFilterBankLog",
            }, methods);
            Assert.DoesNotContain(analysis.Warnings, w => w.Code == DiagnosticCodes.CustomOp);
        }

        [Fact]
        public void Ops_used_ignore_unused_operator_codes()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mlperf_vww_int8"));
            // The table lists QUANTIZE and DEQUANTIZE, which no operator uses.
            Assert.Contains(model.OperatorCodes, c => c.Op == BuiltinOperator.QUANTIZE);
            Assert.Contains(model.OperatorCodes, c => c.Op == BuiltinOperator.DEQUANTIZE);
            var analysis = ModelAnalyzer.Analyze(model);
            Assert.Equal(new[] { "CONV_2D", "DEPTHWISE_CONV_2D", "AVERAGE_POOL_2D", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX" },
                analysis.OpsUsed.Select(o => o.Op));
            Assert.Equal(new[] { "AddConv2D", "AddDepthwiseConv2D", "AddAveragePool2D", "AddReshape", "AddFullyConnected", "AddSoftmax" },
                analysis.ResolverMethods);
        }

        [Fact]
        public void Ops_used_merge_duplicate_operator_codes()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("keyword_scrambled_8bit"));
            Assert.True(model.OperatorCodes.Count(c => c.Op == BuiltinOperator.SVDF) > 1);
            Assert.True(model.OperatorCodes.Count(c => c.Op == BuiltinOperator.FULLY_CONNECTED) > 1);
            var analysis = ModelAnalyzer.Analyze(model);
            Assert.Equal(new[] { "QUANTIZE", "SVDF", "FULLY_CONNECTED", "SOFTMAX" }, analysis.OpsUsed.Select(o => o.Op));
            var svdf = analysis.OpsUsed.Single(o => o.Op == "SVDF");
            Assert.Equal(model.MainSubgraph.Operators.Count(op => model.CodeOf(op).Op == BuiltinOperator.SVDF), svdf.Count);
        }

        [Fact]
        public void Variable_tensors_are_reported()
        {
            var analysis = Analyze("keyword_scrambled_8bit");
            var d = Assert.Single(analysis.Warnings, w => w.Code == DiagnosticCodes.VariableTensors);
            Assert.Contains("7 variable", d.Message);
        }

        [Fact]
        public void Flash_is_the_file_size_and_weights_count_each_buffer_once()
        {
            var analysis = Analyze("mlperf_vww_int8");
            Assert.Equal(new System.IO.FileInfo(SharedData.ModelPath("mlperf_vww_int8")).Length, analysis.FlashBytes);
            Assert.True(analysis.WeightBytes < analysis.FlashBytes);
            Assert.True(analysis.WeightBytes <= analysis.Layers.Sum(l => l.WeightBytes));
        }

        // The checks below edit a real model in memory to produce what the shared models do not contain.

        [Fact]
        public void A_custom_op_TFLM_does_not_ship_is_a_warning()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("audio_preprocessor_int8"));
            model.OperatorCodes.First(c => c.CustomCode == "SignalPCAN").CustomCode = "MyVendorOp";
            var analysis = ModelAnalyzer.Analyze(model, fileName: "edited.tflite");
            var d = Assert.Single(analysis.Warnings, w => w.Code == DiagnosticCodes.CustomOp);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("'MyVendorOp'", d.Message);
            Assert.Contains("MyVendorOp", analysis.CustomOps);
            Assert.DoesNotContain(analysis.ResolverMethods, m => m == "AddPCAN");
            Assert.False(analysis.HasErrors);
        }

        [Fact]
        public void A_builtin_TFLM_does_not_implement_is_an_error()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("hello_world_float"));
            var code = model.OperatorCodes.Single();
            code.BuiltinCode = (int)BuiltinOperator.LSH_PROJECTION;
            code.DeprecatedBuiltinCode = (sbyte)BuiltinOperator.LSH_PROJECTION;
            var analysis = ModelAnalyzer.Analyze(model);
            var d = Assert.Single(analysis.Warnings, w => w.Code == DiagnosticCodes.UnsupportedOp);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Contains("LSH_PROJECTION (3 operators)", d.Message);
            Assert.Empty(analysis.ResolverMethods);
        }

        [Fact]
        public void An_op_version_newer_than_TFLM_is_an_error()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));
            model.OperatorCodes.Single().Version = TflmOps.Find(BuiltinOperator.FULLY_CONNECTED)!.MaxVersion + 1;
            var analysis = ModelAnalyzer.Analyze(model);
            var d = Assert.Single(analysis.Warnings, w => w.Code == DiagnosticCodes.OpVersionTooNew);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        }

        [Fact]
        public void A_type_the_kernel_does_not_take_is_a_warning()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mlperf_vww_int8"));
            // AVERAGE_POOL_2D has no BOOL kernel.
            var pool = model.MainSubgraph.Operators.First(op => model.CodeOf(op).Op == BuiltinOperator.AVERAGE_POOL_2D);
            model.MainSubgraph.Tensors[pool.Inputs[0]].Type = TensorType.BOOL;
            var analysis = ModelAnalyzer.Analyze(model);
            var d = Assert.Single(analysis.Warnings, w => w.Code == DiagnosticCodes.UnsupportedType);
            Assert.Contains("AVERAGE_POOL_2D with a BOOL input", d.Message);
        }

        [Fact]
        public void Several_subgraphs_are_flagged_and_their_ops_are_registered()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));
            var second = new SubGraph { Tensors = model.MainSubgraph.Tensors, Operators = { model.MainSubgraph.Operators[0] } };
            model.Subgraphs.Add(second);
            var analysis = ModelAnalyzer.Analyze(model);
            Assert.Single(analysis.Warnings, w => w.Code == DiagnosticCodes.MultipleSubgraphs);
            Assert.Equal(2, analysis.SubgraphCount);
            Assert.Equal(4, analysis.OpsUsed.Single().Count);
        }

        [Fact]
        public void Dynamic_dimensions_beyond_the_batch_are_a_warning()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mlperf_kws_int8"));
            var input = model.MainSubgraph.Tensors[model.MainSubgraph.Inputs[0]];
            input.ShapeSignature = new[] { -1, -1, 10, 1 };
            var analysis = ModelAnalyzer.Analyze(model);
            var d = Assert.Single(analysis.Warnings, w => w.Code == DiagnosticCodes.DynamicShape);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Equal(new[] { -1, -1, 10, 1 }, analysis.Inputs[0].Shape);
        }
    }
}
