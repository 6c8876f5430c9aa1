using System;
using System.Linq;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// UNIDIRECTIONAL_SEQUENCE_LSTM → <c>mcuai_lstm_s8</c> (int8 activations, int16 cell state) or <c>mcuai_lstm_f32</c>,
    /// with the interpreter's prepared figures: per gate the folded biases (the input and hidden offsets taken out
    /// through the weights' row sums) and the Q3.12 rescales, the inter-gate multipliers, the cell clip, the cell's tanh
    /// scaling and TFLite's int16 sigmoid table. The int8 weights are packed per cell (<see cref="PackPerCell"/>); the float
    /// weights are laid out gate after gate, one array each for the input and the recurrent side. The hidden and cell states are variable tensors:
    /// the memory plan keeps them in the state buffer (cleared by S_init) and the kernel gets them as writable arguments.
    /// The 16x8 LSTM (int16 activations, int64 bias) is not lowered yet: MCUAI6001.
    /// </summary>
    [Lowers(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM)]
    public sealed class LstmLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            switch (context.Prepared)
            {
                case LstmInteger lstm when context.Input(LstmOperands.InputIndex).Type == TensorType.INT8:
                    LowerInt8(context, lstm);
                    return true;
                case LstmFloat lstm:
                    LowerFloat(context, lstm);
                    return true;
                default:
                    return false;
            }
        }

        private static void LowerInt8(LoweringContext context, LstmInteger lstm)
        {
            var operands = new LstmOperands(context.Operator);
            var size = lstm.Size;
            var gates = new[] { lstm.ForgetGate, lstm.InputGate, lstm.CellGate, lstm.OutputGate };
            foreach (var gate in LstmOperands.Gates)
                foreach (var weights in new[] { operands.InputWeights(gate), operands.RecurrentWeights(gate) })
                    if (weights.ZeroPoint != 0)
                        throw context.Unsupported($"weights '{weights.Name}' with zero point {weights.ZeroPoint} (the integer LSTM's weights are symmetric)");
            var inputWeights = PackPerCell(LstmOperands.Gates.Select(g => operands.InputWeights(g).As<sbyte>().ToArray()).ToArray(), size.StateSize, size.InputSize);
            var recurrentWeights = PackPerCell(LstmOperands.Gates.Select(g => operands.RecurrentWeights(g).As<sbyte>().ToArray()).ToArray(), size.StateSize, size.StateSize);
            // int8 activations accumulate in wrapping int32 (as TFLM), so the folded biases are taken modulo 2^32.
            var inputBias = gates.SelectMany(g => g.InputBias).Select(b => unchecked((int)b)).ToArray();
            var recurrentBias = gates.SelectMany(g => g.RecurrentBias).Select(b => unchecked((int)b)).ToArray();
            var (cellMin, cellMax) = lstm.CellClip > 0 ? (-lstm.QuantizedCellClip, (int)lstm.QuantizedCellClip) : (short.MinValue, (int)short.MaxValue);
            var (tanhMultiplier, tanhShift) = Int16Sigmoid.Effective(lstm.CellTanhMultiplier, lstm.CellTanhShift);
            int rows = size.RowsPerStep;
            AddSizes(context.Call("mcuai_lstm_s8"), size)
                .Param("input_weights", context.Constant("input_weights", inputWeights, isModelData: true))
                .Param("recurrent_weights", context.Constant("recurrent_weights", recurrentWeights, isModelData: true))
                .Param("input_bias", context.Constant("input_bias", inputBias))
                .Param("recurrent_bias", context.Constant("recurrent_bias", recurrentBias))
                .Param("input_multiplier", gates.Select(g => g.InputMultiplier).ToArray())
                .Param("input_shift", gates.Select(g => g.InputShift).ToArray())
                .Param("recurrent_multiplier", gates.Select(g => g.RecurrentMultiplier).ToArray())
                .Param("recurrent_shift", gates.Select(g => g.RecurrentShift).ToArray())
                .Param("forget_cell_multiplier", lstm.ForgetCellMultiplier).Param("forget_cell_shift", lstm.ForgetCellShift)
                .Param("input_cell_multiplier", lstm.InputCellMultiplier).Param("input_cell_shift", lstm.InputCellShift)
                .Param("cell_min", cellMin).Param("cell_max", cellMax)
                .Param("cell_tanh_multiplier", tanhMultiplier).Param("cell_tanh_shift", tanhShift)
                .Param("hidden_multiplier", lstm.HiddenMultiplier).Param("hidden_shift", lstm.HiddenShift)
                .Param("hidden_zero_point", lstm.HiddenZeroPoint)
                .Param("sigmoid_table", context.Constant("sigmoid_table", SigmoidTable.Values.ToArray()))
                .Input(operands.Input).Output(operands.Output).Output(operands.HiddenState).Output(operands.CellState)
                // The step's input and previous hidden rows widened to int16 (the DSP path), and the previous hidden rows.
                .Scratch(checked(rows * (size.InputSize + size.StateSize) * sizeof(short) + rows * size.StateSize))
                .Add();
        }

        private static void LowerFloat(LoweringContext context, LstmFloat lstm)
        {
            var operands = new LstmOperands(context.Operator);
            var size = lstm.Size;
            AddSizes(context.Call("mcuai_lstm_f32"), size)
                .Param("input_weights", context.Constant("input_weights", Concat(lstm.InputWeights), isModelData: true))
                .Param("recurrent_weights", context.Constant("recurrent_weights", Concat(lstm.RecurrentWeights), isModelData: true))
                .Param("bias", context.Constant("bias", Concat(lstm.Biases), isModelData: true))
                .Param("cell_clip", lstm.CellClip > 0 ? lstm.CellClip : 0f)
                .Input(operands.Input).Output(operands.Output).Output(operands.HiddenState).Output(operands.CellState)
                .Scratch(checked(size.RowsPerStep * size.StateSize * sizeof(float))) // the previous hidden rows
                .Add();
        }

        private static LayerBuilder AddSizes(LayerBuilder call, LstmSize size) =>
            call.Param("steps", size.StepCount).Param("rows", size.RowsPerStep).Param("time_steps", size.TimeSteps)
                .Param("time_major", size.TimeMajor)
                .Param("input_size", size.InputSize).Param("cells", size.StateSize);

        /// <summary>
        /// The four gates' [cells, columns] int8 weights packed per cell, as <c>mcuai_lstm_s8</c> reads them: for each group of
        /// 4 columns (the last one padded with zeros), gate after gate, 4 bytes each, so one load of 4 activations serves the
        /// cell's four gates. The model's weight bytes, plus at most 3 padding bytes per gate row.
        /// </summary>
        private static sbyte[] PackPerCell(sbyte[][] gates, int cells, int columns)
        {
            int groups = (columns + 3) / 4;
            var packed = new sbyte[checked(cells * groups * 16)];
            for (int c = 0; c < cells; c++)
                for (int q = 0; q < groups; q++)
                    for (int g = 0; g < 4; g++)
                        for (int j = 0; j < 4; j++)
                        {
                            int column = q * 4 + j;
                            if (column < columns) packed[((c * groups + q) * 4 + g) * 4 + j] = gates[g][c * columns + column];
                        }
            return packed;
        }

        private static float[] Concat(float[][] perGate) => perGate.SelectMany(g => g).ToArray();
    }
}
