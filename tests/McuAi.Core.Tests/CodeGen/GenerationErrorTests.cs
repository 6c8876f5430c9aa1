using System.Collections.Generic;
using System.Linq;
using System.Text;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.CodeGen
{
    /// <summary>Bad options and models TFLM cannot run are coded errors that name the file; unknown custom ops get a hook and a warning.</summary>
    public class GenerationErrorTests
    {
        private static McuAiException Fails(GenerationOptions options, Model? model = null)
        {
            var (m, bytes) = CodeGenKit.Load("hello_world_int8");
            return Assert.Throws<McuAiException>(() => ModelCodeGenerator.Generate(model ?? m, bytes, options, "/models/hw.tflite"));
        }

        [Theory]
        [InlineData("2fast")]
        [InlineData("my-model")]
        [InlineData("int")]
        [InlineData("")]
        [InlineData("x */ y")]
        public void InvalidSymbol(string symbol)
        {
            var e = Fails(new GenerationOptions { Symbol = symbol });
            Assert.Equal(DiagnosticCodes.InvalidSymbol, e.Code);
            Assert.Equal("/models/hw.tflite", e.File);
            Assert.DoesNotContain("*/", e.Message);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(4)]
        [InlineData(24)]
        [InlineData(131072)]
        public void InvalidAlignment(int alignment) => Assert.Equal(DiagnosticCodes.InvalidAlignment, Fails(new GenerationOptions { Symbol = "hw", Alignment = alignment }).Code);

        [Fact]
        public void InvalidOptions()
        {
            Assert.Equal(DiagnosticCodes.InvalidSection, Fails(new GenerationOptions { Symbol = "hw", Section = ".x\"))) int y; //" }).Code);
            Assert.Equal(DiagnosticCodes.InvalidSection, Fails(new GenerationOptions { Symbol = "hw", ArenaSection = "a b" }).Code);
            Assert.Equal(DiagnosticCodes.InvalidNamespace, Fails(new GenerationOptions { Symbol = "hw", Namespace = "a::2b" }).Code);
            Assert.Equal(DiagnosticCodes.InvalidArenaOption, Fails(new GenerationOptions { Symbol = "hw", TargetPointerSize = 2 }).Code);
            Assert.Equal(DiagnosticCodes.InvalidArenaOption, Fails(new GenerationOptions { Symbol = "hw", ArenaSize = 0 }).Code);
        }

        [Fact]
        public void AnOpTflmCannotRunIsABuildError()
        {
            var (model, _) = CodeGenKit.Load("hello_world_int8");
            model.OperatorCodes[0].BuiltinCode = (int)BuiltinOperator.LSH_PROJECTION;
            model.OperatorCodes[0].DeprecatedBuiltinCode = (sbyte)BuiltinOperator.LSH_PROJECTION;
            var e = Fails(new GenerationOptions { Symbol = "hw" }, model);
            Assert.Equal(DiagnosticCodes.UnsupportedOp, e.Code);
            Assert.Contains("LSH_PROJECTION", e.Message);
        }

        [Fact]
        public void AnOpVersionNewerThanTflmIsABuildError()
        {
            var (model, _) = CodeGenKit.Load("hello_world_int8");
            model.OperatorCodes[0].Version = 99;
            var e = Fails(new GenerationOptions { Symbol = "hw" }, model);
            Assert.Equal(DiagnosticCodes.OpVersionTooNew, e.Code);
            Assert.Contains("version 99", e.Message);
        }

        [Fact]
        public void AnUnknownCustomOpGetsAHookAndAWarning()
        {
            var (model, bytes) = CodeGenKit.Load("hello_world_int8");
            // Operators use code 0; make it a custom op whose name is not an identifier.
            model.OperatorCodes[0].BuiltinCode = (int)BuiltinOperator.CUSTOM;
            model.OperatorCodes[0].DeprecatedBuiltinCode = (sbyte)BuiltinOperator.CUSTOM;
            model.OperatorCodes[0].CustomCode = "My.Op */";
            var diagnostics = new List<Diagnostic>();
            var files = ModelCodeGenerator.Generate(model, bytes, new GenerationOptions { Symbol = "hw" }, "hw.tflite", diagnostics);
            var warning = Assert.Single(diagnostics);
            Assert.Equal(DiagnosticCodes.CustomOp, warning.Code);
            Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
            string resolver = Encoding.UTF8.GetString(files.Single(f => f.RelativePath == "hw_op_resolver.h").Content);
            Assert.Contains("TfLiteStatus hw_register_custom_My_Op___(hw_op_resolver& resolver);", resolver);
            Assert.Contains("if (hw_register_custom_My_Op___(resolver) != kTfLiteOk) return kTfLiteError;", resolver);
            Assert.DoesNotContain("My.Op */", resolver);
        }

        [Fact]
        public void OpsComeFromTheOperatorsNotTheCodeTable()
        {
            var (model, bytes) = CodeGenKit.Load("hello_world_int8");
            // An unused and a duplicate entry in the code table change nothing.
            model.OperatorCodes.Add(new OperatorCode { BuiltinCode = (int)BuiltinOperator.LSH_PROJECTION, DeprecatedBuiltinCode = (sbyte)BuiltinOperator.LSH_PROJECTION });
            model.OperatorCodes.Add(new OperatorCode { BuiltinCode = (int)BuiltinOperator.FULLY_CONNECTED, DeprecatedBuiltinCode = (sbyte)BuiltinOperator.FULLY_CONNECTED });
            model.MainSubgraph.Operators[1].OpcodeIndex = (uint)(model.OperatorCodes.Count - 1);
            string resolver = Encoding.UTF8.GetString(ModelCodeGenerator.Generate(model, bytes, new GenerationOptions { Symbol = "hw" }, "hw.tflite")
                .Single(f => f.RelativePath == "hw_op_resolver.h").Content);
            Assert.Contains("tflite::MicroMutableOpResolver<1>", resolver);
            Assert.Single(resolver.Split('\n'), l => l.Contains("AddFullyConnected"));
        }

        [Fact]
        public void ExplicitArenaBelowThePlanWarns()
        {
            var (model, bytes) = CodeGenKit.Load("micro_speech_int8");
            var diagnostics = new List<Diagnostic>();
            var view = ModelCodeGenerator.BuildView(model, bytes, new GenerationOptions { Symbol = "kws", ArenaSize = 64 }, "kws.tflite", diagnostics);
            Assert.Equal(64, view.ArenaSize);
            Assert.Equal(DiagnosticCodes.ArenaSizeBelowPlan, Assert.Single(diagnostics).Code);
        }
    }
}
