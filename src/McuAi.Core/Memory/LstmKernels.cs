using McuAi.TfLite;

namespace McuAi.Memory
{
    /// <summary>
    /// What TFLM's UNIDIRECTIONAL_SEQUENCE_LSTM kernel takes from the arena, read from
    /// kernels/unidirectional_sequence_lstm.cc, lstm_eval.cc, lstm_eval_common.cc and lstm_shared.h
    /// (reference) and kernels/cmsis_nn/unidirectional_sequence_lstm.cc with CMSIS-NN's arm_nn_types.h:
    /// <list type="bullet">
    /// <item>the parsed TfLiteUnidirectionalSequenceLSTMParams;</item>
    /// <item>Init: OpDataLSTM (size info, cell-state info, four gates' FullyConnectedParams pairs, three
    /// ArithmeticParams, four scratch indices); CMSIS-NN adds a cmsis_nn_lstm_params behind it;</item>
    /// <item>Prepare: its 24 inputs (the absent optional ones cost nothing) and the output as temporary
    /// tensors, held for the whole Prepare; for an int16 cell state, per-channel multiplier and shift
    /// arrays for any per-channel gate weights (eight fully-connected set-ups, forget/input/cell/output,
    /// input then recurrent); CMSIS-NN's integer paths then keep eight precomputed kernel sums (effective
    /// biases, one per gate and input/recurrent side) of hidden-size int32 (int8 activations) or int64
    /// (int16 activations);</item>
    /// <item>scratch buffers of batch × state elements of the cell-state type: four, or three on
    /// CMSIS-NN's integer paths.</item>
    /// </list>
    /// The two state tensors are variable tensors, which the planner already places in the tail.
    /// </summary>
    internal static class LstmKernels
    {
        private const int InputTensor = 0, FirstWeight = 1, HiddenState = 18, CellState = 19, InputCount = 24;

        /// <summary>Gate order of PrepareGateParametersInteger: forget, input, cell, output; each an
        /// input-side and a recurrent-side weight (operand indices from lstm_shared.h).</summary>
        private static readonly (int Input, int Recurrent)[] GateWeights = { (2, 6), (1, 5), (3, 7), (4, 8) };

        public static void Describe(SubGraph graph, Operator op, TflmStructLayout layout, KernelSet kernels, KernelFootprint f)
        {
            bool cmsis = kernels == KernelSet.CmsisNn;
            Tensor? T(int k) => k < op.Inputs.Length && op.Inputs[k] >= 0 && op.Inputs[k] < graph.Tensors.Count ? graph.Tensors[op.Inputs[k]] : null;

            // TfLiteUnidirectionalSequenceLSTMParams: activation enum, cell_clip, proj_clip, three bools.
            var options = new CStruct().Field(layout.EnumSize, layout.EnumSize).Fields(2, 4, 4).Fields(3, 1, 1);
            f.BuiltinDataSize = options.Size;
            f.BuiltinDataAlignment = options.Alignment;

            var input = T(InputTensor);
            var cell = T(CellState);
            var hidden = T(HiddenState);
            bool integerCell = cell?.Type == TensorType.INT16;
            bool cmsisInteger = cmsis && integerCell && input?.Type is TensorType.INT8 or TensorType.INT16;
            f.InitPersistent.Add(new KernelBuffer(
                cmsis ? new CStruct().Field(OpDataLstmSize(layout), 8).Field(CmsisLstmParamsSize(layout), layout.PointerSize).Size : OpDataLstmSize(layout),
                cmsis ? "cmsis_nn LSTM OpData (OpDataLSTM + cmsis_nn_lstm_params)" : "OpDataLSTM"));

            for (int k = 0; k < InputCount && k < op.Inputs.Length; k++)
                if (T(k) is not null) f.TempTensors.Add(op.Inputs[k]);
            if (op.Outputs.Length > 0 && op.Outputs[0] >= 0) f.TempTensors.Add(op.Outputs[0]);

            if (integerCell)
                foreach (var (i, r) in GateWeights)
                    foreach (int w in new[] { i, r })
                        if (T(w)?.Quantization is { Scale.Length: > 1 } q)
                        {
                            f.PreparePersistent.Add(new KernelBuffer(4L * q.Scale.Length, $"LSTM gate per-channel multipliers ({q.Scale.Length})"));
                            f.PreparePersistent.Add(new KernelBuffer(4L * q.Scale.Length, $"LSTM gate per-channel shifts ({q.Scale.Length})"));
                        }

            bool timeMajor = op.Options?.GetBool("time_major") ?? false;
            int batch = input is null ? 1 : TflmKernels.Dim(input, timeMajor ? 1 : 0);
            int state = hidden is null ? 0 : TflmKernels.Dim(hidden, 1);
            if (cmsisInteger)
            {
                int sumBytes = input!.Type == TensorType.INT8 ? 4 : 8;
                foreach (string gate in new[] { "input", "forget", "cell", "output" })
                    f.PreparePersistent.Add(new KernelBuffer((long)state * sumBytes, $"LSTM {gate} gate input kernel sums"));
                foreach (string gate in new[] { "input", "forget", "cell", "output" })
                    f.PreparePersistent.Add(new KernelBuffer((long)state * sumBytes, $"LSTM {gate} gate recurrent kernel sums"));
            }
            int buffers = cmsisInteger ? 3 : 4;
            long bytes = (long)batch * state * (cell is null ? 4 : cell.Type.ElementSize());
            for (int b = 0; b < buffers; b++)
                f.Scratch.Add(new KernelBuffer(bytes, $"LSTM gate buffer {b}"));
        }

        /// <summary>OpDataLSTM (lstm_shared.h): LstmSizeInfo (bool + 4 ints), CellStateInfo (float,
        /// int16, int32), the cell-gate activation enum, four GateParameters (two FullyConnectedParams
        /// each), InterGateParameters (three ArithmeticParams) and int buffer_indices[4].</summary>
        internal static int OpDataLstmSize(TflmStructLayout layout)
        {
            var sizeInfo = new CStruct().Field(1, 1).Fields(4, 4, 4);
            var cellInfo = new CStruct().Field(4, 4).Field(2, 2).Field(4, 4);
            var gate = new CStruct().Field(FullyConnectedParamsSize, 4).Field(FullyConnectedParamsSize, 4);
            var interGate = new CStruct().Fields(3, ArithmeticParamsSize, 8);
            return new CStruct()
                .Field(sizeInfo.Size, sizeInfo.Alignment)
                .Field(cellInfo.Size, cellInfo.Alignment)
                .Field(layout.EnumSize, layout.EnumSize)
                .Fields(4, gate.Size, gate.Alignment)
                .Field(interGate.Size, interGate.Alignment)
                .Fields(4, 4, 4)
                .Size;
        }

        /// <summary>FullyConnectedParams (kernels/internal/types.h): nine int32/float fields, two bools
        /// and a uint8_t weights-format enum.</summary>
        private static int FullyConnectedParamsSize => new CStruct().Fields(9, 4, 4).Fields(3, 1, 1).Size;

        /// <summary>ArithmeticParams (kernels/internal/types.h): a uint8_t broadcast category, twelve
        /// int32 fields, two floats, two int64 bounds, two int16 bounds and int broadcast_shape[5].
        /// int64 is 8-aligned on x86-64 and on AAPCS alike.</summary>
        private static int ArithmeticParamsSize =>
            new CStruct().Field(1, 1).Fields(12, 4, 4).Fields(2, 4, 4).Fields(2, 8, 8).Fields(2, 2, 2).Fields(5, 4, 4).Size;

        /// <summary>cmsis_nn_lstm_params (CMSIS-NN arm_nn_types.h): fifteen int32 fields and four
        /// cmsis_nn_lstm_gate (two int32, two pointers, two int32, three pointers, an activation enum).</summary>
        private static int CmsisLstmParamsSize(TflmStructLayout layout)
        {
            int p = layout.PointerSize;
            var gate = new CStruct().Fields(2, 4, 4).Fields(2, p, p).Fields(2, 4, 4).Fields(3, p, p).Field(layout.EnumSize, layout.EnumSize);
            return new CStruct().Fields(15, 4, 4).Fields(4, gate.Size, gate.Alignment).Size;
        }
    }
}
