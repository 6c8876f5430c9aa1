namespace McuAi.Tests.Interpreter.Lstm
{
    /// <summary>
    /// TFLM's own hand-checked LSTM case, as data: tensorflow/tflite-micro @ 90b983c2,
    /// tensorflow/lite/micro/kernels/testdata/lstm_test_data.cc (Create2x3x2X2FloatNodeContents,
    /// Get2X2LstmEvalCheckData, Get2X2Int8LstmQuantizationSettings, Get2X2Int16LstmQuantizationSettings),
    /// used by kernels/unidirectional_sequence_lstm_test.cc. Two sequences (batch-major) of three steps
    /// of two inputs, two cells, cell clip 6, tanh cell gate; the states start at zero.
    /// Gates: forget weights −10/−20 (it forgets), input weights +10/+20 (it remembers), cell and output
    /// weights all one; the expected values are TFLM's float results.
    /// </summary>
    public static class TflmLstmTestData
    {
        public const int Batches = 2, Steps = 3, InputSize = 2, Cells = 2;
        public const float CellClip = 6;

        /// <summary>Per gate in TFLM's evaluation order: forget, input, cell, output.</summary>
        public static readonly float[][] InputWeights =
        {
            new float[] { -10, -10, -20, -20 },
            new float[] { 10, 10, 20, 20 },
            new float[] { 1, 1, 1, 1 },
            new float[] { 1, 1, 1, 1 },
        };

        public static readonly float[][] RecurrentWeights = InputWeights;

        public static readonly float[][] Biases =
        {
            new float[] { 1, 2 },
            new float[] { -1, -2 },
            new float[] { 0, 0 },
            new float[] { 0, 0 },
        };

        /// <summary>[batch, time, input].</summary>
        public static readonly float[] Input = { 0.2f, 0.3f, 0.2f, 0.3f, 0.2f, 0.3f, -0.98f, 0.62f, 0.01f, 0.99f, 0.49f, -0.32f };

        /// <summary>[batch, time, cell]: the hidden state after every step.</summary>
        public static readonly float[] ExpectedOutput =
        {
            0.26455893f, 0.26870455f, 0.47935803f, 0.47937014f, 0.58013272f, 0.58013278f,
            -1.41184672e-3f, -1.43329117e-5f, 0.46887168f, 0.46891281f, 0.50054074f, 0.50054148f,
        };

        public static readonly float[] ExpectedHiddenState = { 0.58013272f, 0.58013278f, 0.50054074f, 0.50054148f };
        public static readonly float[] ExpectedCellState = { 0.89740515f, 0.8974053f, 0.80327607f, 0.80327785f };

        /// <summary>Quantization of one case: scales and zero points of the activations and of each gate's tensors.</summary>
        public sealed record Quantization(
            float InputScale, int InputZeroPoint, float HiddenScale, int HiddenZeroPoint, float CellScale,
            float[] InputWeightScales, float[] RecurrentWeightScales, double[] BiasScales,
            float HiddenTolerance, float CellTolerance);

        /// <summary>int8 activations, int16 cell state, int32 bias (TFLM's tolerance 1e-2).</summary>
        public static readonly Quantization Int8 = new(
            0.00784313725490196f, 0, 0.004705882165580988f, -21, 0.00024414062f,
            new[] { 0.15748031496062992f, 0.15748031496062992f, 0.007874015748031496f, 0.007874015748031496f },
            new[] { 0.15748031496062992f, 0.15748031496062992f, 0.007874015748031496f, 0.007874015748031496f },
            new[] { 0.0012351397251814111, 0.0012351397251814111, 6.175698625907056e-5, 6.175698625907056e-5 },
            1e-2f, 1e-2f);

        /// <summary>int16 activations, int8 weights, int64 bias (16x8; TFLM's tolerances 1e-3 and 1e-2).</summary>
        public static readonly Quantization Int16 = new(
            3.0518044e-5f, 0, 2.1362956633198035e-05f, 0, 0.00024414062f,
            new[] { 0.15748031496062992f, 0.15748031496062992f, 0.007874015748031496f, 0.007874015748031496f },
            new[] { 0.15748031496062992f, 0.15748031496062992f, 0.007874015748031496f, 0.007874015748031496f },
            new[] { 4.8059911474468205e-06, 4.8059911474468205e-06, 2.40299557372341e-07, 2.40299557372341e-07 },
            1e-3f, 1e-2f);
    }
}
