using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>
    /// What a kernel's Prepare step sees: the operator, its options, and its input and output tensors.
    /// Errors go through <see cref="Fail"/>, which names the operator index and op name.
    /// </summary>
    public sealed class PrepareContext
    {
        public PrepareContext(Model model, Operator op, int operatorIndex, string opName, RuntimeTensor?[] inputs, RuntimeTensor[] outputs, string? fileName)
        {
            Model = model;
            Operator = op;
            OperatorIndex = operatorIndex;
            OpName = opName;
            Inputs = inputs;
            Outputs = outputs;
            FileName = fileName;
        }

        public Model Model { get; }
        public Operator Operator { get; }
        public int OperatorIndex { get; }
        /// <summary><c>CONV_2D</c>, or <c>CUSTOM:&lt;name&gt;</c>.</summary>
        public string OpName { get; }
        /// <summary>Input tensors in operator order; null where the model has -1 (optional input absent).</summary>
        public RuntimeTensor?[] Inputs { get; }
        public RuntimeTensor[] Outputs { get; }
        public string? FileName { get; }
        public OperatorOptions? Options => Operator.Options;
        /// <summary>The operator code's version.</summary>
        public int Version => Model.CodeOf(Operator).Version;

        /// <summary>Input <paramref name="i"/>, or a coded error if it is absent.</summary>
        public RuntimeTensor Input(int i)
        {
            if (i >= Inputs.Length || Inputs[i] is null)
                throw Fail(DiagnosticCodes.InvalidOperator, $"input {i} is missing");
            return Inputs[i]!;
        }

        /// <summary>Optional input <paramref name="i"/>, or null.</summary>
        public RuntimeTensor? OptionalInput(int i) => i < Inputs.Length ? Inputs[i] : null;

        public RuntimeTensor Output(int i)
        {
            if (i >= Outputs.Length) throw Fail(DiagnosticCodes.InvalidOperator, $"output {i} is missing");
            return Outputs[i];
        }

        /// <summary>Options of the operator, or a coded error if the model has none.</summary>
        public OperatorOptions RequireOptions() =>
            Options ?? throw Fail(DiagnosticCodes.InvalidOperator, "the operator has no builtin options");

        /// <summary>A coded error that names this operator; throw the result.</summary>
        public McuAiException Fail(string code, string message) =>
            new(code, FileName, $"operator {OperatorIndex} ({OpName}): {message}");

        /// <summary>A coded error for a tensor type the kernel does not handle.</summary>
        public McuAiException UnsupportedType(RuntimeTensor tensor) =>
            Fail(DiagnosticCodes.UnsupportedType, $"tensor '{tensor.Name}' has type {tensor.Type}, which this kernel does not support");
    }
}
