using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.TfLite;
using static McuAi.TfLite.TensorType;

namespace McuAi.Analysis
{
    /// <summary>What TFLM (at <see cref="TflmOps.TflmCommit"/>) offers for one op.</summary>
    /// <param name="OpName">BuiltinOperator name, or CUSTOM:&lt;name&gt; for the custom ops TFLM ships (Signal ops and a few others).</param>
    /// <param name="ResolverMethod">The MicroMutableOpResolver method that registers it, e.g. <c>AddFullyConnected</c>.</param>
    /// <param name="MaxVersion">The newest op version TFLM's kernel accepts.</param>
    /// <param name="Types">Tensor types the kernel accepts for its main input.</param>
    /// <param name="MainInput">Which operator input is the "main" one whose type <paramref name="Types"/> lists
    /// (0 for almost every op; TRANSPOSE_CONV's first input is the output shape, so its data input is 2).</param>
    public sealed record TflmOpInfo(string OpName, string ResolverMethod, int MaxVersion, IReadOnlyList<TensorType> Types, int MainInput = 0)
    {
        /// <summary>True for ops registered with <c>AddCustom</c> under a name (the Signal ops, CIRCULAR_BUFFER, ...).</summary>
        public bool IsCustom => OpName.StartsWith("CUSTOM:", StringComparison.Ordinal);
    }

    /// <summary>
    /// The ops that TFLM can run, with the <c>tflite::MicroMutableOpResolver</c> method that registers each.
    /// Code generation renders the resolver from this table, so method names are exactly TFLM's.
    /// <para>
    /// Sources (read, not copied): the method names come from tensorflow/tflite-micro
    /// <c>tensorflow/lite/micro/micro_mutable_op_resolver.h</c> as stored by the search index (the 2025 revision that
    /// already has AddBatchMatMul, AddSelectV2, AddReduceMin, AddReverseV2 and the Signal ops; the index does not
    /// hold the file at 90b983c2 itself, so ops added to the header after that revision are missing here and are reported
    /// as unsupported). TFLM itself does not compare op versions when it resolves an op; the maximum versions are TFLite's
    /// op versions (tensorflow/lite/tools/versioning) whose features TFLM's kernels implement. Versions that only add
    /// hybrid execution (float activations, int8 weights) are inside the range because hybrid models are reported
    /// separately (MCUAI1001).
    /// </para>
    /// </summary>
    public static class TflmOps
    {
        /// <summary>The TFLM version the table describes (tensorflow/tflite-micro commit).</summary>
        public const string TflmCommit = "90b983c2";

        private static readonly TensorType[] Float = { FLOAT32 };
        private static readonly TensorType[] FloatInt8 = { FLOAT32, INT8 };
        private static readonly TensorType[] FloatInt8Int16 = { FLOAT32, INT8, INT16 };
        private static readonly TensorType[] Numeric = { FLOAT32, INT8, INT16, INT32, INT64 };
        private static readonly TensorType[] Any = { FLOAT32, INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64, BOOL };
        private static readonly TensorType[] Comparable = { FLOAT32, INT8, INT16, INT32, INT64, BOOL };

        private static readonly TflmOpInfo[] s_builtins =
        {
            B(BuiltinOperator.ABS, "AddAbs", 4, FloatInt8Int16),
            B(BuiltinOperator.ADD, "AddAdd", 5, Numeric),
            B(BuiltinOperator.ADD_N, "AddAddN", 1, FloatInt8),
            B(BuiltinOperator.ARG_MAX, "AddArgMax", 3, FloatInt8),
            B(BuiltinOperator.ARG_MIN, "AddArgMin", 3, FloatInt8),
            B(BuiltinOperator.ASSIGN_VARIABLE, "AddAssignVariable", 1, Any),
            B(BuiltinOperator.AVERAGE_POOL_2D, "AddAveragePool2D", 3, FloatInt8Int16),
            B(BuiltinOperator.BATCH_MATMUL, "AddBatchMatMul", 4, FloatInt8Int16),
            B(BuiltinOperator.BATCH_TO_SPACE_ND, "AddBatchToSpaceNd", 3, FloatInt8Int16),
            B(BuiltinOperator.BROADCAST_ARGS, "AddBroadcastArgs", 1, new[] { INT32, INT64 }),
            B(BuiltinOperator.BROADCAST_TO, "AddBroadcastTo", 3, Any),
            B(BuiltinOperator.CALL_ONCE, "AddCallOnce", 1, Any),
            B(BuiltinOperator.CAST, "AddCast", 5, Any),
            B(BuiltinOperator.CEIL, "AddCeil", 1, Float),
            B(BuiltinOperator.CONCATENATION, "AddConcatenation", 3, Any),
            // v4 = 16x8, v5 = hybrid per channel, v6 = grouped convolution, v7 = int4 weights, v8 = explicit bias type.
            B(BuiltinOperator.CONV_2D, "AddConv2D", 8, FloatInt8Int16),
            B(BuiltinOperator.COS, "AddCos", 1, Float),
            B(BuiltinOperator.CUMSUM, "AddCumSum", 1, FloatInt8),
            B(BuiltinOperator.DEPTH_TO_SPACE, "AddDepthToSpace", 2, FloatInt8),
            B(BuiltinOperator.DEPTHWISE_CONV_2D, "AddDepthwiseConv2D", 7, FloatInt8Int16),
            B(BuiltinOperator.DEQUANTIZE, "AddDequantize", 5, new[] { INT8, UINT8, INT16 }),
            B(BuiltinOperator.DIV, "AddDiv", 2, new[] { FLOAT32, INT8, INT32 }),
            B(BuiltinOperator.ELU, "AddElu", 2, FloatInt8),
            B(BuiltinOperator.EMBEDDING_LOOKUP, "AddEmbeddingLookup", 3, new[] { INT32 }),
            B(BuiltinOperator.EQUAL, "AddEqual", 3, Comparable),
            B(BuiltinOperator.EXP, "AddExp", 1, Float),
            B(BuiltinOperator.EXPAND_DIMS, "AddExpandDims", 1, Numeric),
            B(BuiltinOperator.FILL, "AddFill", 3, new[] { INT32, INT64 }),
            B(BuiltinOperator.FLOOR, "AddFloor", 1, Float),
            B(BuiltinOperator.FLOOR_DIV, "AddFloorDiv", 2, new[] { FLOAT32, INT32 }),
            B(BuiltinOperator.FLOOR_MOD, "AddFloorMod", 1, new[] { FLOAT32, INT32 }),
            // v4 = int8, v5 = keep_num_dims, v6 = no bias, v7 = int16, v9 = hybrid asymmetric, v10 = int4 weights,
            // v11 = explicit bias type, v12 = per-channel int8 weights.
            B(BuiltinOperator.FULLY_CONNECTED, "AddFullyConnected", 12, FloatInt8Int16),
            B(BuiltinOperator.GATHER, "AddGather", 5, Any),
            B(BuiltinOperator.GATHER_ND, "AddGatherNd", 3, Any),
            B(BuiltinOperator.GREATER, "AddGreater", 2, Comparable),
            B(BuiltinOperator.GREATER_EQUAL, "AddGreaterEqual", 2, Comparable),
            B(BuiltinOperator.HARD_SWISH, "AddHardSwish", 1, FloatInt8),
            B(BuiltinOperator.IF, "AddIf", 1, Any),
            B(BuiltinOperator.L2_NORMALIZATION, "AddL2Normalization", 2, FloatInt8),
            B(BuiltinOperator.L2_POOL_2D, "AddL2Pool2D", 1, Float),
            B(BuiltinOperator.LEAKY_RELU, "AddLeakyRelu", 2, FloatInt8Int16),
            B(BuiltinOperator.LESS, "AddLess", 2, Comparable),
            B(BuiltinOperator.LESS_EQUAL, "AddLessEqual", 2, Comparable),
            B(BuiltinOperator.LOG, "AddLog", 1, Float),
            B(BuiltinOperator.LOGICAL_AND, "AddLogicalAnd", 1, new[] { BOOL }),
            B(BuiltinOperator.LOGICAL_NOT, "AddLogicalNot", 1, new[] { BOOL }),
            B(BuiltinOperator.LOGICAL_OR, "AddLogicalOr", 1, new[] { BOOL }),
            B(BuiltinOperator.LOGISTIC, "AddLogistic", 3, FloatInt8Int16),
            B(BuiltinOperator.LOG_SOFTMAX, "AddLogSoftmax", 2, FloatInt8),
            B(BuiltinOperator.MAXIMUM, "AddMaximum", 4, Numeric),
            B(BuiltinOperator.MAX_POOL_2D, "AddMaxPool2D", 3, FloatInt8Int16),
            B(BuiltinOperator.MIRROR_PAD, "AddMirrorPad", 3, FloatInt8Int16),
            B(BuiltinOperator.MEAN, "AddMean", 3, FloatInt8Int16),
            B(BuiltinOperator.MINIMUM, "AddMinimum", 4, Numeric),
            B(BuiltinOperator.MUL, "AddMul", 6, Numeric),
            B(BuiltinOperator.NEG, "AddNeg", 1, new[] { FLOAT32, INT32 }),
            B(BuiltinOperator.NOT_EQUAL, "AddNotEqual", 3, Comparable),
            B(BuiltinOperator.PACK, "AddPack", 3, Numeric),
            B(BuiltinOperator.PAD, "AddPad", 4, Numeric),
            B(BuiltinOperator.PADV2, "AddPadV2", 4, Numeric),
            B(BuiltinOperator.PRELU, "AddPrelu", 1, FloatInt8),
            B(BuiltinOperator.QUANTIZE, "AddQuantize", 3, new[] { FLOAT32, INT8, UINT8, INT16, INT32 }),
            B(BuiltinOperator.READ_VARIABLE, "AddReadVariable", 1, Any),
            B(BuiltinOperator.REDUCE_MAX, "AddReduceMax", 3, FloatInt8Int16),
            B(BuiltinOperator.REDUCE_MIN, "AddReduceMin", 3, FloatInt8Int16),
            B(BuiltinOperator.RELU, "AddRelu", 3, FloatInt8Int16),
            B(BuiltinOperator.RELU6, "AddRelu6", 3, FloatInt8Int16),
            B(BuiltinOperator.RESHAPE, "AddReshape", 1, Any),
            B(BuiltinOperator.RESIZE_BILINEAR, "AddResizeBilinear", 4, FloatInt8Int16),
            B(BuiltinOperator.RESIZE_NEAREST_NEIGHBOR, "AddResizeNearestNeighbor", 4, FloatInt8Int16),
            B(BuiltinOperator.REVERSE_V2, "AddReverseV2", 3, Numeric),
            B(BuiltinOperator.ROUND, "AddRound", 1, Float),
            B(BuiltinOperator.RSQRT, "AddRsqrt", 2, FloatInt8),
            B(BuiltinOperator.SELECT_V2, "AddSelectV2", 1, new[] { BOOL }),
            B(BuiltinOperator.SHAPE, "AddShape", 1, Any),
            B(BuiltinOperator.SIN, "AddSin", 1, Float),
            B(BuiltinOperator.SLICE, "AddSlice", 5, Numeric),
            B(BuiltinOperator.SOFTMAX, "AddSoftmax", 3, FloatInt8Int16),
            B(BuiltinOperator.SPACE_TO_BATCH_ND, "AddSpaceToBatchNd", 3, FloatInt8Int16),
            B(BuiltinOperator.SPACE_TO_DEPTH, "AddSpaceToDepth", 2, FloatInt8),
            B(BuiltinOperator.SPLIT, "AddSplit", 4, Numeric),
            B(BuiltinOperator.SPLIT_V, "AddSplitV", 2, Numeric),
            B(BuiltinOperator.SQUEEZE, "AddSqueeze", 2, Any),
            B(BuiltinOperator.SQRT, "AddSqrt", 1, Float),
            B(BuiltinOperator.SQUARE, "AddSquare", 1, Float),
            B(BuiltinOperator.SQUARED_DIFFERENCE, "AddSquaredDifference", 2, new[] { FLOAT32, INT8, INT32 }),
            B(BuiltinOperator.STRIDED_SLICE, "AddStridedSlice", 6, Any),
            B(BuiltinOperator.SUB, "AddSub", 5, Numeric),
            B(BuiltinOperator.SUM, "AddSum", 2, FloatInt8Int16),
            B(BuiltinOperator.SVDF, "AddSvdf", 4, FloatInt8Int16),
            B(BuiltinOperator.TANH, "AddTanh", 3, FloatInt8Int16),
            // The first input is the output shape; the data input is input 2.
            new TflmOpInfo(nameof(BuiltinOperator.TRANSPOSE_CONV), "AddTransposeConv", 4, FloatInt8Int16, MainInput: 2),
            B(BuiltinOperator.TRANSPOSE, "AddTranspose", 6, Numeric),
            B(BuiltinOperator.UNPACK, "AddUnpack", 4, Numeric),
            B(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, "AddUnidirectionalSequenceLSTM", 4, FloatInt8Int16),
            B(BuiltinOperator.VAR_HANDLE, "AddVarHandle", 1, Any),
            B(BuiltinOperator.WHILE, "AddWhile", 1, Any),
            B(BuiltinOperator.ZEROS_LIKE, "AddZerosLike", 1, Numeric),
        };

        /// <summary>
        /// Custom ops that TFLM ships and registers by name: the audio front-end Signal ops and two others.
        /// (AddEthosU is left out: it only exists in firmware built for an Arm Ethos-U NPU.)
        /// </summary>
        private static readonly TflmOpInfo[] s_customs =
        {
            C("SignalDelay", "AddDelay", new[] { INT16 }),
            C("SignalEnergy", "AddEnergy", new[] { INT16 }),
            C("SignalFftAutoScale", "AddFftAutoScale", new[] { INT16 }),
            C("SignalFilterBank", "AddFilterBank", new[] { UINT32 }),
            C("SignalFilterBankLog", "AddFilterBankLog", new[] { UINT32 }),
            C("SignalFilterBankSquareRoot", "AddFilterBankSquareRoot", new[] { UINT64 }),
            C("SignalFilterBankSpectralSubtraction", "AddFilterBankSpectralSubtraction", new[] { UINT32 }),
            C("SignalFramer", "AddFramer", new[] { INT16 }),
            C("SignalIrfft", "AddIrfft", new[] { INT16, INT32, FLOAT32 }),
            C("SignalOverlapAdd", "AddOverlapAdd", new[] { INT16, FLOAT32 }),
            C("SignalPCAN", "AddPCAN", new[] { UINT32 }),
            C("SignalRfft", "AddRfft", new[] { INT16, INT32, FLOAT32 }),
            C("SignalStacker", "AddStacker", new[] { INT16 }),
            C("SignalWindow", "AddWindow", new[] { INT16 }),
            C("CIRCULAR_BUFFER", "AddCircularBuffer", new[] { INT8 }),
            C("TFLite_Detection_PostProcess", "AddDetectionPostprocess", new[] { FLOAT32 }),
        };

        private static readonly Dictionary<BuiltinOperator, TflmOpInfo> s_byBuiltin =
            s_builtins.ToDictionary(i => (BuiltinOperator)Enum.Parse(typeof(BuiltinOperator), i.OpName));

        private static readonly OpNameTable<TflmOpInfo> s_byCustomName =
            new(s_customs.ToDictionary(i => i.OpName.Substring("CUSTOM:".Length), StringComparer.Ordinal));

        /// <summary>Every op TFLM can run: builtins first (alphabetical by resolver method), then the named custom ops.</summary>
        public static IReadOnlyList<TflmOpInfo> All { get; } = s_builtins.Concat(s_customs).ToArray();

        /// <summary>The TFLM facts for an operator code, or null when TFLM cannot run it.</summary>
        public static TflmOpInfo? Find(OperatorCode code) =>
            code.IsCustom ? FindCustom(code.CustomCode ?? "") : Find(code.Op);

        /// <summary>The TFLM facts for a builtin op, or null when TFLM has no kernel for it.</summary>
        public static TflmOpInfo? Find(BuiltinOperator op) =>
            op != BuiltinOperator.CUSTOM && s_byBuiltin.TryGetValue(op, out var info) ? info : null;

        /// <summary>The TFLM facts for a custom op name (e.g. <c>SignalWindow</c>), or null when TFLM does not ship it.</summary>
        public static TflmOpInfo? FindCustom(string customName) =>
            s_byCustomName.TryGetValue(customName, out var info) ? info : null;

        private static TflmOpInfo B(BuiltinOperator op, string method, int maxVersion, TensorType[] types) =>
            new(op.ToString(), method, maxVersion, types);

        // The Signal ops and the other named customs have only ever had version 1.
        private static TflmOpInfo C(string name, string method, TensorType[] types) =>
            new("CUSTOM:" + name, method, 1, types);
    }
}
