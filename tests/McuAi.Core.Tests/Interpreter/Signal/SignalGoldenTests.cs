using System;
using System.Linq;
using McuAi.Interpreter;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Interpreter.Signal
{
    /// <summary>The audio front-end models (TFLM Signal ops) against TFLM's outputs, vector by vector.</summary>
    public class SignalGoldenTests
    {
        private readonly ITestOutputHelper _output;

        public SignalGoldenTests(ITestOutputHelper output) => _output = output;

        public static TheoryData<string, int> Vectors()
        {
            var data = new TheoryData<string, int>();
            foreach (var model in new[] { "audio_preprocessor_int8", "audio_preprocessor_float" })
                for (int k = 0; k < SharedData.Vectors(model).Count(); k++) data.Add(model, k);
            return data;
        }

        private static ModelInterpreter Load(string model) =>
            new(ModelReader.ReadFile(SharedData.ModelPath(model)), fileName: model + ".tflite");

        [Theory]
        [MemberData(nameof(Vectors))]
        public void Fresh_interpreter_matches_TFLM(string model, int vector)
        {
            var (input, expected, kind) = SharedData.Vectors(model).ElementAt(vector);
            var interpreter = Load(model);
            interpreter.SetInputs(input);
            interpreter.Invoke();
            var actual = interpreter.GetOutputs();
            var output = interpreter.Output(0);
            if (output.Type == TensorType.FLOAT32)
            {
                double error = GoldenRun.RelativeError(expected, actual);
                _output.WriteLine($"{model} vector {vector} ({kind}): float error {error:E3} × max|ref|, bit-identical: {expected.AsSpan().SequenceEqual(actual)}");
                Assert.True(error <= GoldenRun.FloatTolerance, $"float error {error:E3} × max|ref|");
            }
            else
            {
                _output.WriteLine($"{model} vector {vector} ({kind}): {actual.Length} bytes");
                Assert.Equal(expected, actual);
            }
        }
    }
}
