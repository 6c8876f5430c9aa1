using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// UNIDIRECTIONAL_SEQUENCE_LSTM as TFLM runs it: float32 (<see cref="LstmFloat"/>), int8 activations
    /// with an int16 cell state and int16 activations with int8 weights (<see cref="LstmInteger"/>);
    /// time-major or batch-major input; the hidden and cell states are variable tensors that persist
    /// across invocations until <see cref="ModelInterpreter.ResetVariableTensors"/>. The operands are
    /// checked by <see cref="LstmOperands"/>, which refuses the variants TFLM's kernel refuses.
    /// </summary>
    [KernelFor(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM)]
    public sealed class UnidirectionalSequenceLstmKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var operands = new LstmOperands(context);
            return operands.Input.Type == TensorType.FLOAT32
                ? new LstmFloat(context, operands, operands.Size)
                : new LstmInteger(context, operands, operands.Size);
        }
    }
}
