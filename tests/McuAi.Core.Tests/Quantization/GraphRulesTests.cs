using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using McuAi.Quantization;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Quantization
{
    /// <summary>Op constraints on small graphs built in code: shared parameters for CONCATENATION, constant operands.</summary>
    public class GraphRulesTests
    {
        [Fact]
        public void ConcatenationInputsGetTheOutputParametersThroughARequantizeWhereTheyDiffer()
        {
            // a [1,2] in [0,1], b [1,2] in [-2,2] -> CONCATENATION(axis 1) -> out [1,4]
            var model = NewModel(
                tensors: new[] { Activation("a", 1, 2), Activation("b", 1, 2), Activation("out", 1, 4) },
                op: BuiltinOperator.CONCATENATION, options: Options("ConcatenationOptions", ("axis", 1)),
                inputs: new[] { 0, 1 }, outputs: new[] { 2 });
            var ranges = new Dictionary<int, TensorRange> { [0] = new(0, 1), [1] = new(-2, 2), [2] = new(-2, 2) };

            var report = ModelQuantizer.Quantize(model, ranges, new QuantizationOptions());

            var g = model.MainSubgraph;
            Assert.Equal(1, report.AddedOps);
            Assert.Equal(BuiltinOperator.QUANTIZE, model.CodeOf(g.Operators[0]).Op);
            Assert.Equal(0, g.Operators[0].Inputs[0]);                      // requantizes a
            var concat = g.Operators[1];
            var outParams = g.Tensors[2].Quantization!;
            foreach (int input in concat.Inputs)
            {
                Assert.Equal(outParams.Scale, g.Tensors[input].Quantization!.Scale);
                Assert.Equal(outParams.ZeroPoint, g.Tensors[input].Quantization!.ZeroPoint);
            }
            Assert.NotEqual(outParams.Scale, g.Tensors[0].Quantization!.Scale); // a keeps its own finer scale
            ModelReader.Read(ModelWriter.Write(model), "concat.tflite");
        }

        [Fact]
        public void AConstantOperandOfAddIsQuantizedWithItsOwnRange()
        {
            var constant = new Tensor { Name = "c", Shape = new[] { 1, 2 }, Type = TensorType.FLOAT32, Buffer = 1 };
            var model = NewModel(
                tensors: new[] { Activation("x", 1, 2), constant, Activation("y", 1, 2) },
                op: BuiltinOperator.ADD, options: Options("AddOptions"),
                inputs: new[] { 0, 1 }, outputs: new[] { 2 });
            model.Buffers.Add(new McuAi.TfLite.Buffer { Data = MemoryMarshal.AsBytes(new[] { -1f, 3f }.AsSpan()).ToArray(), HasDataField = true });
            var ranges = new Dictionary<int, TensorRange> { [0] = new(0, 1), [2] = new(-1, 4) };

            ModelQuantizer.Quantize(model, ranges, new QuantizationOptions());

            var c = model.MainSubgraph.Tensors[1];
            Assert.Equal(TensorType.INT8, c.Type);
            var q = c.Quantization!;
            var values = MemoryMarshal.Cast<byte, sbyte>(model.DataOf(c).Span).ToArray();
            Assert.Equal(-1f, (values[0] - q.ZeroPoint[0]) * q.Scale[0], 2);
            Assert.Equal(3f, (values[1] - q.ZeroPoint[0]) * q.Scale[0], 2);
            Assert.Equal(4f / 255, q.Scale[0], 6);   // its range [-1, 3], not the output's
            Assert.Equal(2, model.OperatorCodes[0].Version); // ADD int8
        }

        [Fact]
        public void FullyConnectedOverTwoActivationsGetsItsBiasAtInputTimesWeightActivationScale()
        {
            var bias = new Tensor { Name = "bias", Shape = new[] { 3 }, Type = TensorType.FLOAT32, Buffer = 1 };
            var model = NewModel(
                tensors: new[] { Activation("x", 1, 4), Activation("w", 3, 4), bias, Activation("y", 1, 3) },
                op: BuiltinOperator.FULLY_CONNECTED, options: Options("FullyConnectedOptions"),
                inputs: new[] { 0, 1, 2 }, outputs: new[] { 3 });
            model.Buffers.Add(new McuAi.TfLite.Buffer { Data = MemoryMarshal.AsBytes(new[] { 0.5f, -0.25f, 0f }.AsSpan()).ToArray(), HasDataField = true });
            var ranges = new Dictionary<int, TensorRange> { [0] = new(0, 2), [1] = new(-1, 1), [3] = new(-3, 3) };

            ModelQuantizer.Quantize(model, ranges, new QuantizationOptions());

            var g = model.MainSubgraph;
            Assert.Equal(TensorType.INT8, g.Tensors[1].Type);
            Assert.Equal(TensorType.INT32, g.Tensors[2].Type);
            float expected = g.Tensors[0].Quantization!.Scale[0] * g.Tensors[1].Quantization!.Scale[0];
            Assert.Equal(expected, g.Tensors[2].Quantization!.Scale[0], 6);
            var q = MemoryMarshal.Cast<byte, int>(model.DataOf(g.Tensors[2]).Span).ToArray();
            Assert.Equal(0.5f, q[0] * g.Tensors[2].Quantization!.Scale[0], 4);
        }

        private static Tensor Activation(string name, params int[] shape) => new() { Name = name, Shape = shape, Type = TensorType.FLOAT32 };

        private static OperatorOptions Options(string table, params (string Name, object Value)[] fields)
        {
            var options = new OperatorOptions(OptionsSchema.ByName(table));
            foreach (var (name, value) in fields) options.Set(name, value);
            return options;
        }

        private static Model NewModel(Tensor[] tensors, BuiltinOperator op, OperatorOptions options, int[] inputs, int[] outputs)
        {
            var model = new Model();
            model.Buffers.Add(new McuAi.TfLite.Buffer());
            model.OperatorCodes.Add(new OperatorCode { BuiltinCode = (int)op, DeprecatedBuiltinCode = (sbyte)op, Version = 1 });
            var graph = new SubGraph { Tensors = new List<Tensor>(tensors), Inputs = Array.FindAll(inputs, i => tensors[i].Buffer == 0), Outputs = outputs };
            graph.Operators.Add(new Operator { OpcodeIndex = 0, Inputs = inputs, Outputs = outputs, BuiltinOptions = options });
            model.Subgraphs.Add(graph);
            return model;
        }
    }
}
