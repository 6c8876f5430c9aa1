using System;
using System.Collections.Concurrent;
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
        /// <summary><c>CONV_2D</c>, or <c>CUSTOM:&lt;name&gt;</c>, as <see cref="OperatorCode.ShownName"/> shows it (escaped, capped).</summary>
        public string OpName { get; }
        /// <summary>Input tensors in operator order; null where the model has -1 (optional input absent).</summary>
        public RuntimeTensor?[] Inputs { get; }
        public RuntimeTensor[] Outputs { get; }
        public string? FileName { get; }
        public OperatorOptions? Options => Operator.Options;
        /// <summary>The operator code's version.</summary>
        public int Version => Model.CodeOf(Operator).Version;

        /// <summary>The interpreter's options (for instance whether hybrid models may run).</summary>
        public InterpreterOptions InterpreterOptions { get; internal set; } = new InterpreterOptions();

        /// <summary>Set when a kernel ran float activations with dequantized int8 weights (a hybrid operator).</summary>
        public bool UsesHybridWeights { get; private set; }

        /// <summary>Shared between an interpreter and its clones, so repacked weights exist once.</summary>
        internal ConcurrentDictionary<string, object> SharedData { get; set; } = new ConcurrentDictionary<string, object>(StringComparer.Ordinal);

        /// <summary>
        /// Data derived from constant tensors only (repacked or dequantized weights, per-channel sums):
        /// created once per model and shared by every clone of the interpreter, which prepares its
        /// operators again but must not repeat this work. <paramref name="key"/> is per operator.
        /// </summary>
        public T Shared<T>(string key, Func<T> create) where T : class =>
            (T)SharedData.GetOrAdd($"{OperatorIndex}:{key}", _ => create());

        /// <summary>
        /// The float values of int8 weights feeding float activations (a hybrid operator), when the
        /// options allow hybrid models; otherwise the coded error that TFLM cannot run the model.
        /// </summary>
        public float[] DequantizedHybridWeights(RuntimeTensor weights)
        {
            if (!InterpreterOptions.AllowHybrid)
                throw Fail(DiagnosticCodes.HybridModel,
                    $"'{weights.Name}' holds {weights.Type} weights for float activations (a hybrid model), which TFLM does not run; " +
                    "quantize the model fully to int8, or allow hybrid models (mcuai run --allow-hybrid; InterpreterOptions.AllowHybrid) to run it in float with dequantized weights");
            if (weights.Type != TensorType.INT8 || !weights.IsQuantized || !weights.IsConstant) throw UnsupportedType(weights);
            UsesHybridWeights = true;
            return Shared("hybrid:" + weights.Index, () => Dequantize(weights));
        }

        private static float[] Dequantize(RuntimeTensor weights)
        {
            var data = weights.As<sbyte>();
            var result = new float[data.Length];
            int channels = weights.Scales.Length;
            // Per-channel scales run along the quantized dimension; the elements after it form the inner stride.
            int inner = 1;
            for (int d = weights.QuantizedDimension + 1; d < weights.Rank; d++) inner *= weights.Shape[d];
            for (int i = 0; i < data.Length; i++)
            {
                int c = channels == 1 ? 0 : i / inner % channels;
                long zeroPoint = c < weights.ZeroPoints.Length ? weights.ZeroPoints[c] : 0;
                result[i] = (data[i] - zeroPoint) * weights.Scales[c];
            }
            return result;
        }

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
            Fail(DiagnosticCodes.UnsupportedType, $"tensor '{MessageText.Quote(tensor.Name)}' has type {tensor.Type}, which this kernel does not support");

        /// <summary>
        /// For element-wise ops: the output has as many elements as the input. TFLM's kernels assume it and
        /// would run past the smaller buffer; here a model whose shapes disagree is a coded error.
        /// </summary>
        public void RequireSameElementCount(RuntimeTensor input, RuntimeTensor output)
        {
            if (input.ElementCount != output.ElementCount)
                throw Fail(DiagnosticCodes.InvalidOperator,
                    $"input '{MessageText.Quote(input.Name)}' has {input.ElementCount} elements but output '{MessageText.Quote(output.Name)}' has {output.ElementCount}; the op maps element to element");
        }
    }
}
