using System.Linq;
using McuAi.Analysis;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Analysis
{
    public class TflmOpsTests
    {
        [Fact]
        public void Every_method_name_is_a_distinct_TFLM_style_Add_method()
        {
            var methods = TflmOps.All.Select(o => o.ResolverMethod).ToList();
            Assert.Equal(methods.Count, methods.Distinct().Count());
            Assert.All(methods, m => Assert.Matches("^Add[A-Z][A-Za-z0-9]*$", m));
            Assert.Equal(TflmOps.All.Count, TflmOps.All.Select(o => o.OpName).Distinct().Count());
        }

        [Theory]
        [InlineData(BuiltinOperator.FULLY_CONNECTED, "AddFullyConnected")]
        [InlineData(BuiltinOperator.CONV_2D, "AddConv2D")]
        [InlineData(BuiltinOperator.DEPTHWISE_CONV_2D, "AddDepthwiseConv2D")]
        [InlineData(BuiltinOperator.AVERAGE_POOL_2D, "AddAveragePool2D")]
        [InlineData(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, "AddUnidirectionalSequenceLSTM")]
        [InlineData(BuiltinOperator.SVDF, "AddSvdf")]
        [InlineData(BuiltinOperator.BATCH_TO_SPACE_ND, "AddBatchToSpaceNd")]
        public void Builtins_map_to_their_resolver_method(BuiltinOperator op, string method)
        {
            Assert.Equal(method, TflmOps.Find(op)!.ResolverMethod);
            Assert.Equal(op.ToString(), TflmOps.Find(op)!.OpName);
        }

        [Theory]
        [InlineData("SignalWindow", "AddWindow")]
        [InlineData("SignalFftAutoScale", "AddFftAutoScale")]
        [InlineData("SignalRfft", "AddRfft")]
        [InlineData("SignalIrfft", "AddIrfft")]
        [InlineData("SignalEnergy", "AddEnergy")]
        [InlineData("SignalFilterBank", "AddFilterBank")]
        [InlineData("SignalFilterBankSquareRoot", "AddFilterBankSquareRoot")]
        [InlineData("SignalFilterBankSpectralSubtraction", "AddFilterBankSpectralSubtraction")]
        [InlineData("SignalPCAN", "AddPCAN")]
        [InlineData("SignalFilterBankLog", "AddFilterBankLog")]
        [InlineData("SignalDelay", "AddDelay")]
        [InlineData("SignalFramer", "AddFramer")]
        [InlineData("SignalOverlapAdd", "AddOverlapAdd")]
        [InlineData("SignalStacker", "AddStacker")]
        public void Signal_ops_map_to_their_resolver_method(string customName, string method)
        {
            var code = new OperatorCode { BuiltinCode = (int)BuiltinOperator.CUSTOM, DeprecatedBuiltinCode = 32, CustomCode = customName };
            var info = TflmOps.Find(code)!;
            Assert.Equal(method, info.ResolverMethod);
            Assert.Equal("CUSTOM:" + customName, info.OpName);
            Assert.True(info.IsCustom);
        }

        [Theory]
        [InlineData(BuiltinOperator.LSH_PROJECTION)]
        [InlineData(BuiltinOperator.TOPK_V2)]
        [InlineData(BuiltinOperator.NON_MAX_SUPPRESSION_V5)]
        [InlineData(BuiltinOperator.CUSTOM)]
        public void Ops_TFLM_cannot_run_are_not_found(BuiltinOperator op) => Assert.Null(TflmOps.Find(op));

        [Fact]
        public void Unknown_custom_names_are_not_found()
        {
            Assert.Null(TflmOps.FindCustom("Window"));
            Assert.Null(TflmOps.Find(new OperatorCode { BuiltinCode = 32, DeprecatedBuiltinCode = 32, CustomCode = null }));
        }
    }
}
