using System;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// TFLM's integer UNIDIRECTIONAL_SEQUENCE_LSTM (lstm_eval.h): int8 activations with int8 weights and
    /// int32 bias, or int16 activations with int8 weights and int64 bias (16x8); the cell state is int16
    /// with a power-of-two scale. Per step: forget, input and cell gates (sigmoid, sigmoid, tanh)
    /// in Q0.15; cell = forget·cell + input·cell_gate (saturating, clipped); output gate;
    /// hidden = tanh(cell)·output_gate requantized to the hidden state; the hidden rows are the step's output.
    /// </summary>
    public sealed class LstmInteger : PreparedOp
    {
        /// <summary>Scale of the gates' sigmoid/tanh outputs: Q0.15.</summary>
        public const float GateOutputScale = 1f / 32768f;

        private readonly RuntimeTensor _input, _output, _hidden, _cell;
        private readonly bool _int16;
        private readonly short[] _inputRows, _hiddenRows;
        private readonly short[] _forget, _inputGate, _cellGate, _outputGate, _product;

        public LstmInteger(PrepareContext context, LstmOperands t, LstmSize size)
        {
            Size = size;
            (_input, _output, _hidden, _cell) = (t.Input, t.Output, t.HiddenState, t.CellState);
            _int16 = _input.Type == TensorType.INT16;
            if (_int16 && (_input.ZeroPoint != 0 || _hidden.ZeroPoint != 0))
                throw context.Fail(Diagnostics.DiagnosticCodes.InvalidOperator, "16x8 LSTM activations must be symmetric (zero point 0), as the 16x8 quantization spec requires");
            ForgetGate = Gate(context, "forget", t, LstmGateIndex.Forget, size);
            InputGate = Gate(context, "input", t, LstmGateIndex.Input, size);
            CellGate = Gate(context, "cell", t, LstmGateIndex.Cell, size);
            OutputGate = Gate(context, "output", t, LstmGateIndex.Output, size);

            QuantizedMultipliers.RequireQuantized(_cell, context);
            float cellScale = _cell.Scale;
            Int16SigmoidScaling.CheckedLog2(cellScale, out int cellScalePower);
            CellScalePower = cellScalePower;
            (ForgetCellMultiplier, ForgetCellShift) = MulParams(GateOutputScale, cellScale, cellScale);
            (InputCellMultiplier, InputCellShift) = MulParams(GateOutputScale, GateOutputScale, cellScale);
            QuantizedMultipliers.RequireQuantized(_hidden, context);
            (HiddenMultiplier, HiddenShift) = MulParams(GateOutputScale, GateOutputScale, _hidden.Scale);
            HiddenZeroPoint = _hidden.ZeroPoint;
            (HiddenMin, HiddenMax) = FusedActivation.TypeRange(_hidden.Type);
            CellClip = t.CellClip;
            QuantizedCellClip = (short)Math.Min(Math.Max((double)t.CellClip / cellScale, -32768.0), 32767.0);
            // TFLM's tanh of the cell state: input left shift (15 + power) − 3, negative meaning multiplier 3.
            int tanhShift = 15 + CellScalePower - 3;
            (CellTanhMultiplier, CellTanhShift) = tanhShift < 0 ? (3, -tanhShift) : (0, tanhShift);

            int rowsLength = size.StepStateLength;
            _inputRows = new short[size.RowsPerStep * size.InputSize];
            _hiddenRows = new short[rowsLength];
            _forget = new short[rowsLength];
            _inputGate = new short[rowsLength];
            _cellGate = new short[rowsLength];
            _outputGate = new short[rowsLength];
            _product = new short[rowsLength];
        }

        public LstmSize Size { get; }
        public LstmIntegerGate ForgetGate { get; }
        public LstmIntegerGate InputGate { get; }
        public LstmIntegerGate CellGate { get; }
        public LstmIntegerGate OutputGate { get; }
        /// <summary>log2 of the cell state's scale (−12 for Q3.12), from TFLM's CheckedLog2.</summary>
        public int CellScalePower { get; }
        public int ForgetCellMultiplier { get; }
        public int ForgetCellShift { get; }
        public int InputCellMultiplier { get; }
        public int InputCellShift { get; }
        public int HiddenMultiplier { get; }
        public int HiddenShift { get; }
        public int HiddenZeroPoint { get; }
        public int HiddenMin { get; }
        public int HiddenMax { get; }
        public float CellClip { get; }
        public short QuantizedCellClip { get; }
        public int CellTanhMultiplier { get; }
        public int CellTanhShift { get; }

        private static LstmIntegerGate Gate(PrepareContext context, string name, LstmOperands t, LstmGateIndex gate, LstmSize size) =>
            new(context, name, t.Input, t.InputWeights(gate), t.Bias(gate), t.HiddenState, t.RecurrentWeights(gate), size);

        /// <summary>TFLM's CreateInterGateMulParams: the scale product in double, divided by the output scale.</summary>
        private static (int, int) MulParams(float scale1, float scale2, float outputScale) =>
            FixedPoint.QuantizeMultiplier((double)scale1 * scale2 / outputScale);

        public override void Eval()
        {
            var size = Size;
            int cells = size.StateSize;
            int rows = size.RowsPerStep;
            int length = size.StepStateLength;
            for (int step = 0; step < size.StepCount; step++)
            {
                int stateOffset = size.StateOffset(step);
                LoadRows(size.InputOffset(step), stateOffset);
                ReadOnlySpan<short> x = _inputRows, h = _hiddenRows;
                ForgetGate.Compute(x, h, _forget, _int16, rows, size.InputSize, cells);
                Int16Sigmoid.Logistic(_forget, _forget, 0, 0);
                InputGate.Compute(x, h, _inputGate, _int16, rows, size.InputSize, cells);
                Int16Sigmoid.Logistic(_inputGate, _inputGate, 0, 0);
                CellGate.Compute(x, h, _cellGate, _int16, rows, size.InputSize, cells);
                Int16Sigmoid.Tanh(_cellGate, _cellGate, 0, 0); // the gate input is Q3.12: shift 0, multiplier 3

                var cell = _cell.As<short>().Slice(stateOffset, length);
                Multiply(_forget, cell, cell, ForgetCellMultiplier, ForgetCellShift, 0, short.MinValue, short.MaxValue);
                Multiply(_inputGate, _cellGate, _product, InputCellMultiplier, InputCellShift, 0, short.MinValue, short.MaxValue);
                for (int i = 0; i < length; i++)
                {
                    int sum = FixedPoint.Clamp(cell[i] + _product[i], short.MinValue, short.MaxValue);
                    if (CellClip > 0) sum = FixedPoint.Clamp(sum, -QuantizedCellClip, QuantizedCellClip);
                    cell[i] = (short)sum;
                }

                OutputGate.Compute(x, h, _outputGate, _int16, rows, size.InputSize, cells);
                Int16Sigmoid.Logistic(_outputGate, _outputGate, 0, 0);
                Int16Sigmoid.Tanh(cell, _product, CellTanhMultiplier, CellTanhShift);
                StoreHidden(stateOffset, size.OutputOffset(step), length);
            }
        }

        /// <summary>The step's input rows and hidden-state rows as int16 values.</summary>
        private void LoadRows(int inputOffset, int stateOffset)
        {
            int inputLength = _inputRows.Length;
            if (_int16)
            {
                _input.As<short>().Slice(inputOffset, inputLength).CopyTo(_inputRows);
                _hidden.As<short>().Slice(stateOffset, _hiddenRows.Length).CopyTo(_hiddenRows);
                return;
            }
            var input = _input.As<sbyte>().Slice(inputOffset, inputLength);
            for (int i = 0; i < inputLength; i++) _inputRows[i] = input[i];
            var hidden = _hidden.As<sbyte>().Slice(stateOffset, _hiddenRows.Length);
            for (int i = 0; i < hidden.Length; i++) _hiddenRows[i] = hidden[i];
        }

        /// <summary>hidden = tanh(cell) · output gate, requantized; copied to the step's output rows.</summary>
        private void StoreHidden(int stateOffset, int outputOffset, int length)
        {
            if (_int16)
            {
                var hidden = _hidden.As<short>().Slice(stateOffset, length);
                Multiply(_product, _outputGate, hidden, HiddenMultiplier, HiddenShift, HiddenZeroPoint, HiddenMin, HiddenMax);
                hidden.CopyTo(_output.As<short>().Slice(outputOffset, length));
                return;
            }
            var hidden8 = _hidden.As<sbyte>().Slice(stateOffset, length);
            var output8 = _output.As<sbyte>().Slice(outputOffset, length);
            for (int i = 0; i < length; i++)
            {
                int value = Requantize(_product[i] * _outputGate[i], HiddenMultiplier, HiddenShift, HiddenZeroPoint, HiddenMin, HiddenMax);
                hidden8[i] = (sbyte)value;
                output8[i] = (sbyte)value;
            }
        }

        /// <summary>TFLite's MulElementwise for symmetric int16 inputs: product rescaled, offset, clamped.</summary>
        private static void Multiply(ReadOnlySpan<short> a, ReadOnlySpan<short> b, Span<short> output, int multiplier, int shift, int offset, int min, int max)
        {
            for (int i = 0; i < output.Length; i++)
                output[i] = (short)Requantize(a[i] * b[i], multiplier, shift, offset, min, max);
        }

        private static int Requantize(int product, int multiplier, int shift, int offset, int min, int max) =>
            FixedPoint.Clamp(offset + FixedPoint.MultiplyByQuantizedMultiplier(product, multiplier, shift), min, max);
    }
}
