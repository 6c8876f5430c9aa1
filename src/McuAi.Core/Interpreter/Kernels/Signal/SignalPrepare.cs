using McuAi.Diagnostics;
using McuAi.FlatBuffers;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// Checks shared by the Prepare steps of TFLM's Signal ops: operand counts, types and ranks as TFLM
    /// checks them, and the custom options, which are a FlexBuffers map of named parameters.
    /// </summary>
    internal static class SignalPrepare
    {
        /// <summary>
        /// The custom options as a map; coded MCUAI0013 when absent or malformed. The reader has checked each
        /// parameter the op reads and its range (<see cref="TfLite.SignalOptionsValidator"/>, for every consumer);
        /// the kernels check what depends on the tensors.
        /// </summary>
        public static FlexMap Options(PrepareContext context)
        {
            var op = context.Operator;
            if (op.CustomOptions is not { } bytes || op.LargeCustomOptionsSize != 0)
                throw context.Fail(DiagnosticCodes.InvalidCustomOptions,
                    "the operator has no (inline) custom options, where TFLM reads the op's parameters; re-export the model with the TFLM signal library");
            var buffer = new FlexBuffer(bytes, context.FileName, $"operator {context.OperatorIndex} ({context.OpName}) custom options");
            return buffer.Root.AsMap();
        }

        public static void Operands(PrepareContext context, int inputs, int outputs)
        {
            if (context.Inputs.Length != inputs || context.Outputs.Length != outputs)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"has {context.Inputs.Length} inputs and {context.Outputs.Length} outputs; the op takes {inputs} and {outputs}");
        }

        /// <summary>Input <paramref name="i"/>, checked for type and (when given) rank.</summary>
        public static RuntimeTensor Input(PrepareContext context, int i, TensorType type, int rank = -1) =>
            Check(context, context.Input(i), type, rank);

        public static RuntimeTensor Output(PrepareContext context, int i, TensorType type, int rank = -1) =>
            Check(context, context.Output(i), type, rank);

        private static RuntimeTensor Check(PrepareContext context, RuntimeTensor tensor, TensorType type, int rank)
        {
            if (tensor.Type != type)
                throw context.Fail(DiagnosticCodes.UnsupportedType, $"tensor '{tensor.Name}' has type {tensor.Type}; the op needs {type}");
            if (rank >= 0 && tensor.Rank != rank)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"tensor '{tensor.Name}' has rank {tensor.Rank}; the op needs rank {rank}");
            return tensor;
        }

        /// <summary>
        /// A coded error for a parameter that does not fit the operator's tensors (a channel count beyond an
        /// output): the operator is inconsistent (MCUAI1011). A parameter wrong on its own was refused by the reader.
        /// </summary>
        public static McuAiException BadParameter(PrepareContext context, string name, long value, string requirement) =>
            context.Fail(DiagnosticCodes.InvalidOperator, $"parameter '{name}' is {value}; it must be {requirement}");
    }
}
