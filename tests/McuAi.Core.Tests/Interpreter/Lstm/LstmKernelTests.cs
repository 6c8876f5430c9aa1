using System;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Interpreter.Lstm
{
    /// <summary>
    /// UNIDIRECTIONAL_SEQUENCE_LSTM on TFLM's own hand-checked case (<see cref="TflmLstmTestData"/>) in
    /// float, int8 and 16x8, with TFLM's tolerances; time-major against batch-major; state kept across
    /// invocations and cleared by a reset; and the coded errors for the variants TFLM's kernel refuses.
    /// </summary>
    public class LstmKernelTests
    {
        private static void Near(float[] expected, float[] actual, float tolerance)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]} (tolerance {tolerance})");
        }

        [Fact]
        public void Float_matches_TFLMs_expected_sequence_and_states()
        {
            var lstm = new LstmModel();
            var interpreter = lstm.Build();
            Near(TflmLstmTestData.ExpectedOutput, lstm.Run(interpreter, TflmLstmTestData.Input), 1e-6f);
            Near(TflmLstmTestData.ExpectedHiddenState, lstm.HiddenState(interpreter), 1e-6f);
            Near(TflmLstmTestData.ExpectedCellState, lstm.CellState(interpreter), 1e-6f);
        }

        [Theory]
        [InlineData(TensorType.INT8)]
        [InlineData(TensorType.INT16)]
        public void Integer_paths_stay_within_TFLMs_tolerances(TensorType type)
        {
            var lstm = new LstmModel { Type = type, Quantization = type == TensorType.INT8 ? TflmLstmTestData.Int8 : TflmLstmTestData.Int16 };
            var interpreter = lstm.Build();
            var q = lstm.Quantization;
            // TFLM's test checks the first sequence's outputs; every output is checked here.
            Near(TflmLstmTestData.ExpectedOutput, lstm.Run(interpreter, TflmLstmTestData.Input), q.HiddenTolerance);
            Near(TflmLstmTestData.ExpectedHiddenState, lstm.HiddenState(interpreter), q.HiddenTolerance);
            Near(TflmLstmTestData.ExpectedCellState, lstm.CellState(interpreter), q.CellTolerance);
        }

        [Fact]
        public void Cell_clip_holds_the_cell_state_within_plus_minus_the_clip()
        {
            // One step from zero state on (0.2, 0.3): cell = input gate · tanh(0.5) = sigmoid(4)·0.462 = 0.454
            // and sigmoid(8)·0.462 = 0.462 (the forget gate multiplies a zero cell); a clip of 0.25 holds both.
            var lstm = new LstmModel { Batches = 1, Steps = 1, CellClip = 0.25f };
            var interpreter = lstm.Build();
            lstm.Run(interpreter, new[] { 0.2f, 0.3f });
            Assert.Equal(new[] { 0.25f, 0.25f }, lstm.CellState(interpreter));
        }

        [Theory]
        [InlineData(TensorType.FLOAT32)]
        [InlineData(TensorType.INT8)]
        [InlineData(TensorType.INT16)]
        public void Time_major_input_gives_the_batch_major_results_transposed(TensorType type)
        {
            var quantization = type == TensorType.INT16 ? TflmLstmTestData.Int16 : TflmLstmTestData.Int8;
            var batchMajor = new LstmModel { Type = type, Quantization = quantization };
            var timeMajor = new LstmModel { Type = type, Quantization = quantization, TimeMajor = true };
            var expected = batchMajor.Run(batchMajor.Build(), TflmLstmTestData.Input);
            var transposedInput = Transpose(TflmLstmTestData.Input, TflmLstmTestData.Batches, TflmLstmTestData.Steps, TflmLstmTestData.InputSize);
            var actual = timeMajor.Run(timeMajor.Build(), transposedInput);
            Assert.Equal(expected, Transpose(actual, TflmLstmTestData.Steps, TflmLstmTestData.Batches, TflmLstmTestData.Cells));
        }

        private static float[] Transpose(float[] values, int outer, int inner, int width)
        {
            var result = new float[values.Length];
            for (int a = 0; a < outer; a++)
                for (int b = 0; b < inner; b++)
                    Array.Copy(values, (a * inner + b) * width, result, (b * outer + a) * width, width);
            return result;
        }

        [Theory]
        [InlineData(TensorType.FLOAT32)]
        [InlineData(TensorType.INT8)]
        public void State_carries_a_sequence_across_invocations_until_reset(TensorType type)
        {
            // One sequence of six steps in one invocation equals two invocations of three steps each.
            var whole = new LstmModel { Type = type, Batches = 1, Steps = 6 };
            var input = TflmLstmTestData.Input; // read as one sequence of six steps
            var expected = whole.Run(whole.Build(), input);

            var halves = new LstmModel { Type = type, Batches = 1, Steps = 3 };
            var interpreter = halves.Build();
            var first = halves.Run(interpreter, input.Take(6).ToArray());
            var second = halves.Run(interpreter, input.Skip(6).ToArray());
            Assert.Equal(expected, first.Concat(second).ToArray());

            interpreter.ResetVariableTensors();
            Assert.Equal(first, halves.Run(interpreter, input.Take(6).ToArray()));
        }

        [Fact]
        public void Int8_states_start_at_their_zero_point_as_TFLM_resets_them()
        {
            var lstm = new LstmModel { Type = TensorType.INT8 };
            var interpreter = lstm.Build();
            Assert.All(interpreter.Tensor(LstmModel.HiddenTensor).As<sbyte>().ToArray(), v => Assert.Equal(-21, v));
            lstm.Run(interpreter, TflmLstmTestData.Input);
            interpreter.ResetVariableTensors();
            Assert.All(interpreter.Tensor(LstmModel.HiddenTensor).As<sbyte>().ToArray(), v => Assert.Equal(-21, v));
            Assert.All(interpreter.Tensor(LstmModel.CellTensor).As<short>().ToArray(), v => Assert.Equal(0, v));
        }

        [Theory]
        [InlineData(9, "peephole")]
        [InlineData(16, "projection")]
        [InlineData(21, "layer normalisation")]
        public void Variants_TFLM_refuses_are_coded_errors(int operand, string variant)
        {
            var e = Assert.Throws<McuAiException>(() => new LstmModel { ExtraOperands = new[] { operand } }.Build());
            Assert.Equal(DiagnosticCodes.InterpreterUnsupportedOption, e.Code);
            Assert.Contains(variant, e.Message);
        }

        [Fact]
        public void Coupled_input_forget_gate_is_refused()
        {
            var e = Assert.Throws<McuAiException>(() => new LstmModel { MissingOperands = new[] { 1, 5, 12 } }.Build());
            Assert.Equal(DiagnosticCodes.InterpreterUnsupportedOption, e.Code);
            Assert.Contains("CIFG", e.Message);
        }

        [Fact]
        public void Other_cell_activations_and_per_channel_weights_are_refused()
        {
            var relu = Assert.Throws<McuAiException>(() => new LstmModel { Activation = ActivationFunctionType.RELU }.Build());
            Assert.Equal(DiagnosticCodes.InterpreterUnsupportedOption, relu.Code);
            var perChannel = Assert.Throws<McuAiException>(() => new LstmModel { Type = TensorType.INT8, PerChannelWeights = true }.Build());
            Assert.Equal(DiagnosticCodes.InterpreterUnsupportedOption, perChannel.Code);
            Assert.Contains("per channel", perChannel.Message);
        }

        [Fact]
        public void States_must_be_variable_tensors()
        {
            var e = Assert.Throws<McuAiException>(() => new LstmModel { VariableStates = false }.Build());
            Assert.Equal(DiagnosticCodes.InvalidOperator, e.Code);
            Assert.Contains("variable", e.Message);
        }
    }
}
