using System.Linq;
using McuAi.Interpreter;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Interpreter.Signal
{
    /// <summary>
    /// Spectral subtraction keeps a noise estimate between invocations (TFLM persistent state): it must
    /// carry over from one Invoke to the next, and start from zero after a reset or in a fresh interpreter.
    /// </summary>
    public class SignalStateTests
    {
        private static ModelInterpreter Load() =>
            new(ModelReader.ReadFile(SharedData.ModelPath("audio_preprocessor_int8")), fileName: "audio_preprocessor_int8.tflite");

        private static byte[] Run(ModelInterpreter interpreter, byte[] input)
        {
            interpreter.SetInputs(input);
            interpreter.Invoke();
            return interpreter.GetOutputs();
        }

        [Fact]
        public void Noise_estimate_persists_across_invocations_and_resets()
        {
            var (input, expected, _) = SharedData.Vectors("audio_preprocessor_int8").ElementAt(1);
            var interpreter = Load();
            Assert.Equal(expected, Run(interpreter, input));
            // The same frame again: the noise estimate now holds the first frame, so less is left after subtraction.
            var second = Run(interpreter, input);
            Assert.NotEqual(expected, second);
            Assert.True(second.Select(b => (int)(sbyte)b).Sum() < expected.Select(b => (int)(sbyte)b).Sum());

            interpreter.ResetVariableTensors();
            Assert.Equal(expected, Run(interpreter, input));
            Assert.Equal(expected, Run(interpreter.Clone(), input));
        }
    }
}
