using System;
using System.Collections.Generic;
using McuAi.Interpreter.Simd;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// TFLM's float UNIDIRECTIONAL_SEQUENCE_LSTM: per step, gate = act(W·x + b + R·h) for the forget,
    /// input, cell and output gates (sigmoid; tanh for the cell gate);
    /// cell = forget·cell + input·cell_gate, clipped to ±cell_clip when set; hidden = tanh(cell)·output,
    /// which is also the step's output. Within float rounding of TFLM (dot products are vectorised).
    /// </summary>
    public sealed class LstmFloat : PreparedOp, IStateRangeSource
    {
        private readonly RuntimeTensor _input, _output, _hidden, _cell;
        private readonly float[] _forget, _inputGate, _cellGate, _outputGate, _recurrent;
        private float _cellMin = float.PositiveInfinity, _cellMax = float.NegativeInfinity;

        public LstmFloat(PrepareContext context, LstmOperands t, LstmSize size)
        {
            Size = size;
            (_input, _output, _hidden, _cell) = (t.Input, t.Output, t.HiddenState, t.CellState);
            InputWeights = new float[4][];
            RecurrentWeights = new float[4][];
            Biases = new float[4][];
            foreach (var gate in LstmOperands.Gates)
            {
                int g = (int)gate;
                InputWeights[g] = context.Shared("lstm-weights:" + t.InputWeights(gate).Index, () => t.InputWeights(gate).As<float>().ToArray());
                RecurrentWeights[g] = context.Shared("lstm-weights:" + t.RecurrentWeights(gate).Index, () => t.RecurrentWeights(gate).As<float>().ToArray());
                Biases[g] = QuantizedMultipliers.FloatBias(t.Bias(gate), size.StateSize, context);
            }
            CellClip = t.CellClip;
            int length = size.StepStateLength;
            (_forget, _inputGate, _cellGate, _outputGate, _recurrent) = (new float[length], new float[length], new float[length], new float[length], new float[length]);
        }

        public LstmSize Size { get; }
        /// <summary>Per gate (<see cref="LstmGateIndex"/> order): [cells, input size] weights.</summary>
        public float[][] InputWeights { get; }
        /// <summary>Per gate: [cells, cells] recurrent weights.</summary>
        public float[][] RecurrentWeights { get; }
        /// <summary>Per gate: [cells] bias.</summary>
        public float[][] Biases { get; }
        public float CellClip { get; }

        /// <summary>The cell state's range over every step since the last reset (calibration picks its power-of-two int16 scale from it).</summary>
        public IEnumerable<(int TensorIndex, float Min, float Max)> StateRanges
        {
            get
            {
                if (_cellMin <= _cellMax) yield return (_cell.Index, _cellMin, _cellMax);
            }
        }

        public override void ResetState() => (_cellMin, _cellMax) = (float.PositiveInfinity, float.NegativeInfinity);

        public override void Eval()
        {
            var size = Size;
            int length = size.StepStateLength;
            var input = _input.As<float>();
            var output = _output.As<float>();
            for (int step = 0; step < size.StepCount; step++)
            {
                int stateOffset = size.StateOffset(step);
                var x = input.Slice(size.InputOffset(step), size.RowsPerStep * size.InputSize);
                var h = _hidden.As<float>().Slice(stateOffset, length);
                var cell = _cell.As<float>().Slice(stateOffset, length);
                Gate(LstmGateIndex.Forget, x, h, _forget, sigmoid: true);
                Gate(LstmGateIndex.Input, x, h, _inputGate, sigmoid: true);
                Gate(LstmGateIndex.Cell, x, h, _cellGate, sigmoid: false);
                for (int i = 0; i < length; i++)
                {
                    float c = _forget[i] * cell[i] + _inputGate[i] * _cellGate[i];
                    cell[i] = CellClip > 0 ? Math.Max(Math.Min(CellClip, c), -CellClip) : c;
                    if (cell[i] < _cellMin) _cellMin = cell[i];
                    if (cell[i] > _cellMax) _cellMax = cell[i];
                }
                Gate(LstmGateIndex.Output, x, h, _outputGate, sigmoid: true);
                var outputRows = output.Slice(size.OutputOffset(step), length);
                for (int i = 0; i < length; i++)
                {
                    h[i] = (float)Math.Tanh(cell[i]) * _outputGate[i];
                    outputRows[i] = h[i];
                }
            }
        }

        /// <summary>act(W·x + b + R·h) for every row of the step, as TFLM's CalculateLstmGate in float.</summary>
        private void Gate(LstmGateIndex gate, ReadOnlySpan<float> x, ReadOnlySpan<float> h, Span<float> result, bool sigmoid)
        {
            int cells = Size.StateSize, inputSize = Size.InputSize;
            var w = InputWeights[(int)gate];
            var r = RecurrentWeights[(int)gate];
            var b = Biases[(int)gate];
            for (int row = 0; row < Size.RowsPerStep; row++)
            {
                var xRow = x.Slice(row * inputSize, inputSize);
                var hRow = h.Slice(row * cells, cells);
                for (int c = 0; c < cells; c++)
                {
                    float fromInput = Dot.Float(xRow, w.AsSpan(c * inputSize, inputSize)) + b[c];
                    _recurrent[row * cells + c] = Dot.Float(hRow, r.AsSpan(c * cells, cells));
                    result[row * cells + c] = fromInput;
                }
            }
            for (int i = 0; i < result.Length; i++)
            {
                float v = result[i] + _recurrent[i];
                result[i] = sigmoid ? FloatSigmoid.Of(v) : (float)Math.Tanh(v);
            }
        }
    }
}
