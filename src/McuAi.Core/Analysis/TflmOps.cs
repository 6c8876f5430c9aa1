using System;
using System.Collections.Generic;
using McuAi.TfLite;

namespace McuAi.Analysis
{
    /// <summary>What TFLM (at <see cref="TflmOps.TflmCommit"/>) offers for one op.</summary>
    /// <param name="OpName">BuiltinOperator name, or CUSTOM:&lt;name&gt; for the Signal ops.</param>
    /// <param name="ResolverMethod">The MicroMutableOpResolver method that registers it, e.g. <c>AddFullyConnected</c>.</param>
    /// <param name="MaxVersion">The newest op version TFLM's kernel accepts.</param>
    /// <param name="Types">Tensor types the kernel accepts for its main input.</param>
    public sealed record TflmOpInfo(string OpName, string ResolverMethod, int MaxVersion, IReadOnlyList<TensorType> Types);

    /// <summary>
    /// The table of ops that TFLM can run, with their resolver methods.
    /// TEMPORARY (codegen branch): only the ops of the shared models, so that code generation can be
    /// tested before the analysis work lands; the analysis helper's complete table replaces this file.
    /// </summary>
    public static class TflmOps
    {
        /// <summary>The TFLM version the table describes (tensorflow/tflite-micro commit).</summary>
        public const string TflmCommit = "90b983c2";

        private static readonly TensorType[] s_common = { TensorType.FLOAT32, TensorType.INT8, TensorType.INT16 };

        private static readonly Dictionary<BuiltinOperator, TflmOpInfo> s_builtins = new()
        {
            [BuiltinOperator.ADD] = Builtin(BuiltinOperator.ADD, "AddAdd", 5),
            [BuiltinOperator.AVERAGE_POOL_2D] = Builtin(BuiltinOperator.AVERAGE_POOL_2D, "AddAveragePool2D", 3),
            [BuiltinOperator.CAST] = Builtin(BuiltinOperator.CAST, "AddCast", 6),
            [BuiltinOperator.CONCATENATION] = Builtin(BuiltinOperator.CONCATENATION, "AddConcatenation", 4),
            [BuiltinOperator.CONV_2D] = Builtin(BuiltinOperator.CONV_2D, "AddConv2D", 8),
            [BuiltinOperator.DEPTHWISE_CONV_2D] = Builtin(BuiltinOperator.DEPTHWISE_CONV_2D, "AddDepthwiseConv2D", 7),
            [BuiltinOperator.DIV] = Builtin(BuiltinOperator.DIV, "AddDiv", 2),
            [BuiltinOperator.FULLY_CONNECTED] = Builtin(BuiltinOperator.FULLY_CONNECTED, "AddFullyConnected", 12),
            [BuiltinOperator.LEAKY_RELU] = Builtin(BuiltinOperator.LEAKY_RELU, "AddLeakyRelu", 2),
            [BuiltinOperator.MAXIMUM] = Builtin(BuiltinOperator.MAXIMUM, "AddMaximum", 4),
            [BuiltinOperator.MINIMUM] = Builtin(BuiltinOperator.MINIMUM, "AddMinimum", 4),
            [BuiltinOperator.MUL] = Builtin(BuiltinOperator.MUL, "AddMul", 7),
            [BuiltinOperator.PAD] = Builtin(BuiltinOperator.PAD, "AddPad", 4),
            [BuiltinOperator.QUANTIZE] = Builtin(BuiltinOperator.QUANTIZE, "AddQuantize", 3),
            [BuiltinOperator.RESHAPE] = Builtin(BuiltinOperator.RESHAPE, "AddReshape", 1),
            [BuiltinOperator.SOFTMAX] = Builtin(BuiltinOperator.SOFTMAX, "AddSoftmax", 3),
            [BuiltinOperator.STRIDED_SLICE] = Builtin(BuiltinOperator.STRIDED_SLICE, "AddStridedSlice", 8),
            [BuiltinOperator.SUB] = Builtin(BuiltinOperator.SUB, "AddSub", 5),
            [BuiltinOperator.SVDF] = Builtin(BuiltinOperator.SVDF, "AddSvdf", 4),
            [BuiltinOperator.TRANSPOSE_CONV] = Builtin(BuiltinOperator.TRANSPOSE_CONV, "AddTransposeConv", 5),
        };

        private static readonly Dictionary<string, TflmOpInfo> s_signal = new(StringComparer.Ordinal)
        {
            ["SignalEnergy"] = Signal("SignalEnergy", "AddEnergy"),
            ["SignalFftAutoScale"] = Signal("SignalFftAutoScale", "AddFftAutoScale"),
            ["SignalFilterBank"] = Signal("SignalFilterBank", "AddFilterBank"),
            ["SignalFilterBankLog"] = Signal("SignalFilterBankLog", "AddFilterBankLog"),
            ["SignalFilterBankSpectralSubtraction"] = Signal("SignalFilterBankSpectralSubtraction", "AddFilterBankSpectralSubtraction"),
            ["SignalFilterBankSquareRoot"] = Signal("SignalFilterBankSquareRoot", "AddFilterBankSquareRoot"),
            ["SignalPCAN"] = Signal("SignalPCAN", "AddPCAN"),
            ["SignalRfft"] = Signal("SignalRfft", "AddRfft"),
            ["SignalWindow"] = Signal("SignalWindow", "AddWindow"),
        };

        /// <summary>The TFLM facts for an operator code, or null when TFLM cannot run it.</summary>
        public static TflmOpInfo? Find(OperatorCode code)
        {
            if (code.IsCustom)
                return code.CustomCode is not null && s_signal.TryGetValue(code.CustomCode, out var signal) ? signal : null;
            return s_builtins.TryGetValue(code.Op, out var info) ? info : null;
        }

        private static TflmOpInfo Builtin(BuiltinOperator op, string method, int maxVersion) => new(op.ToString(), method, maxVersion, s_common);

        private static TflmOpInfo Signal(string name, string method) => new("CUSTOM:" + name, method, 1, new[] { TensorType.INT16, TensorType.INT32 });
    }
}
