using System;
using System.Linq;
using System.Runtime.InteropServices;
using McuAi.Interpreter;
using McuAi.Tests.Interpreter.Kernels2;
using McuAi.TfLite;
using McuAi.Runtime.C.Bench;

namespace McuAi.Tests.Interpreter.Lstm
{
    /// <summary>
    /// Builds a one-operator UNIDIRECTIONAL_SEQUENCE_LSTM model from float gate parameters, in float,
    /// or quantized the way TFLM's tests quantize them (weights and biases symmetric, rounded half away
    /// from zero), and runs it on float inputs, returning dequantized outputs and states.
    /// </summary>
    public sealed class LstmModel
    {
        // Tensor indices as SingleOpModel numbers them: input 0, weights 1-8, biases 9-12, states 13-14, output 15.
        public const int HiddenTensor = 13, CellTensor = 14;

        public int Batches = TflmLstmTestData.Batches, Steps = TflmLstmTestData.Steps;
        public int InputSize = TflmLstmTestData.InputSize, Cells = TflmLstmTestData.Cells;
        public bool TimeMajor;
        public float CellClip = TflmLstmTestData.CellClip;
        public ActivationFunctionType Activation = ActivationFunctionType.TANH;
        public float[][] InputWeights = TflmLstmTestData.InputWeights;
        public float[][] RecurrentWeights = TflmLstmTestData.RecurrentWeights;
        public float[][] Biases = TflmLstmTestData.Biases;
        /// <summary>FLOAT32, INT8 or INT16 activations.</summary>
        public TensorType Type = TensorType.FLOAT32;
        public TflmLstmTestData.Quantization Quantization = TflmLstmTestData.Int8;
        /// <summary>Operand indices given a tensor although TFLM's kernel refuses them (peephole, projection, layer norm).</summary>
        public int[] ExtraOperands = Array.Empty<int>();
        /// <summary>Operand indices left out (for instance the input gate's: CIFG).</summary>
        public int[] MissingOperands = Array.Empty<int>();
        public bool PerChannelWeights;
        public bool VariableStates = true;

        // TFLM's operand order of each gate's weights and bias (lstm_shared.h): forget is 2/6/13, input 1/5/12 …
        private static readonly int[] s_gateOfInputWeight = { -1, 1, 0, 2, 3 };

        private int[] InputShape => TimeMajor ? new[] { Steps, Batches, InputSize } : new[] { Batches, Steps, InputSize };
        private int[] OutputShape => TimeMajor ? new[] { Steps, Batches, Cells } : new[] { Batches, Steps, Cells };
        private bool Quantized => Type != TensorType.FLOAT32;

        public ModelInterpreter Build() => new(BuildModel(), fileName: "single-op");

        /// <summary>The one-operator model itself (for code generation from it).</summary>
        public Model BuildModel()
        {
            var q = Quantization;
            var m = new SingleOpModel(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, "UnidirectionalSequenceLSTMOptions",
                ("fused_activation_function", Activation), ("cell_clip", CellClip), ("time_major", TimeMajor));
            m.Input(Type, InputShape, Quantized ? q.InputScale : 0, Quantized ? q.InputZeroPoint : 0);
            for (int k = 1; k < 24; k++)
            {
                if (MissingOperands.Contains(k)) { m.Absent(); continue; }
                if (k <= 8) Weights(m, k);
                else if (k >= 12 && k <= 15) Bias(m, s_gateOfInputWeight[k - 11]);
                else if (k == 18) State(m, Type, Quantized ? q.HiddenScale : 0, Quantized ? q.HiddenZeroPoint : 0);
                else if (k == 19) State(m, Quantized ? TensorType.INT16 : TensorType.FLOAT32, Quantized ? q.CellScale : 0, 0);
                else if (ExtraOperands.Contains(k)) m.Constant(TensorType.FLOAT32, new[] { Cells }, new float[Cells]);
                else m.Absent();
            }
            m.Output(Type, OutputShape, Quantized ? q.HiddenScale : 0, Quantized ? q.HiddenZeroPoint : 0);
            return m.BuildModel();
        }

        private void State(SingleOpModel m, TensorType type, float scale, int zeroPoint)
        {
            if (VariableStates) m.Variable(type, new[] { Batches, Cells }, scale, zeroPoint);
            else m.Input(type, new[] { Batches, Cells }, scale, zeroPoint);
        }

        private void Weights(SingleOpModel m, int k)
        {
            bool recurrent = k >= 5;
            int gate = s_gateOfInputWeight[recurrent ? k - 4 : k];
            var values = (recurrent ? RecurrentWeights : InputWeights)[gate];
            int[] shape = { Cells, recurrent ? Cells : InputSize };
            if (!Quantized)
            {
                m.Constant(TensorType.FLOAT32, shape, values);
                return;
            }
            float scale = (recurrent ? Quantization.RecurrentWeightScales : Quantization.InputWeightScales)[gate];
            m.Constant(TensorType.INT8, shape, values.Select(v => (sbyte)Symmetric(v / scale, 127)).ToArray(), scale);
            if (PerChannelWeights) m.PerChannel(Enumerable.Repeat(scale, Cells).ToArray());
        }

        private void Bias(SingleOpModel m, int gate)
        {
            var values = Biases[gate];
            if (!Quantized) m.Constant(TensorType.FLOAT32, new[] { Cells }, values);
            else if (Type == TensorType.INT8)
                m.Constant(TensorType.INT32, new[] { Cells }, values.Select(v => (int)Symmetric(v / Quantization.BiasScales[gate], int.MaxValue)).ToArray());
            else
                m.Constant(TensorType.INT64, new[] { Cells }, values.Select(v => (long)Symmetric(v / Quantization.BiasScales[gate], int.MaxValue)).ToArray());
        }

        /// <summary>TFLM's FloatToSymmetricQuantizedType: round half away from zero, clamp to ±max.</summary>
        private static double Symmetric(double value, double max) =>
            Math.Max(-max, Math.Min(max, Math.Round(value, MidpointRounding.AwayFromZero)));

        /// <summary>Runs once on float inputs ([batch, time, input] or time-major) and returns the dequantized output.</summary>
        public float[] Run(ModelInterpreter interpreter, float[] input)
        {
            var q = Quantization;
            byte[] bytes = Type switch
            {
                TensorType.FLOAT32 => MemoryMarshal.AsBytes(input.AsSpan()).ToArray(),
                TensorType.INT8 => input.Select(v => (byte)(sbyte)Quantize(v, q.InputScale, q.InputZeroPoint, sbyte.MinValue, sbyte.MaxValue)).ToArray(),
                _ => MemoryMarshal.AsBytes(input.Select(v => (short)Quantize(v, q.InputScale, q.InputZeroPoint, short.MinValue, short.MaxValue)).ToArray().AsSpan()).ToArray(),
            };
            interpreter.SetInputs(bytes);
            interpreter.Invoke();
            return Dequantize(interpreter.Output(0), q.HiddenScale, q.HiddenZeroPoint);
        }

        public float[] HiddenState(ModelInterpreter interpreter) => Dequantize(interpreter.Tensor(HiddenTensor), Quantization.HiddenScale, Quantization.HiddenZeroPoint);
        public float[] CellState(ModelInterpreter interpreter) => Dequantize(interpreter.Tensor(CellTensor), Quantization.CellScale, 0);

        private static int Quantize(float v, float scale, int zeroPoint, int min, int max) =>
            (int)Math.Max(min, Math.Min(max, Math.Round(v / scale, MidpointRounding.AwayFromZero) + zeroPoint));

        private static float[] Dequantize(RuntimeTensor t, float scale, int zeroPoint) => t.Type switch
        {
            TensorType.FLOAT32 => t.As<float>().ToArray(),
            TensorType.INT8 => t.As<sbyte>().ToArray().Select(v => (v - zeroPoint) * scale).ToArray(),
            _ => t.As<short>().ToArray().Select(v => (v - zeroPoint) * scale).ToArray(),
        };
    }
}
