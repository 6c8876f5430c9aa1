using System.Collections.Generic;
using McuAi.TfLite;

namespace McuAi.Quantization
{
    /// <summary>How an operator's output quantization parameters are chosen (TFLite's int8/16x8 spec).</summary>
    public enum OutputParamsRule
    {
        /// <summary>From the calibrated range of the output.</summary>
        Calibrated,
        /// <summary>Equal to the (first) data input's parameters: the op only moves or selects values.</summary>
        SameAsInput,
        /// <summary>Fixed by the spec (SOFTMAX, LOGISTIC, TANH).</summary>
        Fixed,
    }

    /// <summary>The quantization rule of one operator: which inputs are weights and bias, and how the output is parameterised.</summary>
    public sealed class OpQuantRule
    {
        public OpQuantRule(OutputParamsRule output, int weightInput = -1, int weightAxis = -1, int biasInput = -1, bool supportsInt16 = true)
        {
            Output = output;
            WeightInput = weightInput;
            WeightAxis = weightAxis;
            BiasInput = biasInput;
            SupportsInt16 = supportsInt16;
        }

        public OutputParamsRule Output { get; }
        /// <summary>Index of the weight input (symmetric int8), or -1.</summary>
        public int WeightInput { get; }
        /// <summary>Per-channel axis of the weights; -1 for per-tensor.</summary>
        public int WeightAxis { get; }
        /// <summary>Index of the bias input (int32 / int64 at scale input × weight), or -1.</summary>
        public int BiasInput { get; }
        /// <summary>Whether TFLM has an int16-activation kernel for the op (16x8 mode).</summary>
        public bool SupportsInt16 { get; }
        public bool HasWeights => WeightInput >= 0;
    }

    /// <summary>
    /// The operators the quantizer handles and their rules. An operator that is not listed here makes
    /// quantization fail with MCUAI3010 rather than produce a model TFLM cannot run.
    /// </summary>
    public static class OpQuantRules
    {
        private static readonly Dictionary<BuiltinOperator, OpQuantRule> s_rules = new()
        {
            // Weighted ops: per-channel along the output-channel axis of the filter.
            [BuiltinOperator.CONV_2D] = new(OutputParamsRule.Calibrated, weightInput: 1, weightAxis: 0, biasInput: 2),
            [BuiltinOperator.DEPTHWISE_CONV_2D] = new(OutputParamsRule.Calibrated, weightInput: 1, weightAxis: 3, biasInput: 2),
            [BuiltinOperator.FULLY_CONNECTED] = new(OutputParamsRule.Calibrated, weightInput: 1, weightAxis: 0, biasInput: 2),
            [BuiltinOperator.TRANSPOSE_CONV] = new(OutputParamsRule.Calibrated, weightInput: 1, weightAxis: 0, biasInput: 3),

            // Ops whose output has its own calibrated range.
            [BuiltinOperator.ADD] = new(OutputParamsRule.Calibrated),
            [BuiltinOperator.SUB] = new(OutputParamsRule.Calibrated),
            [BuiltinOperator.MUL] = new(OutputParamsRule.Calibrated),
            [BuiltinOperator.MEAN] = new(OutputParamsRule.Calibrated),
            [BuiltinOperator.SUM] = new(OutputParamsRule.Calibrated, supportsInt16: false),
            [BuiltinOperator.RELU] = new(OutputParamsRule.Calibrated),
            [BuiltinOperator.RELU6] = new(OutputParamsRule.Calibrated),
            [BuiltinOperator.LEAKY_RELU] = new(OutputParamsRule.Calibrated),
            [BuiltinOperator.HARD_SWISH] = new(OutputParamsRule.Calibrated, supportsInt16: false),
            [BuiltinOperator.PRELU] = new(OutputParamsRule.Calibrated, supportsInt16: false),
            [BuiltinOperator.SQUARED_DIFFERENCE] = new(OutputParamsRule.Calibrated, supportsInt16: false),
            [BuiltinOperator.RESIZE_BILINEAR] = new(OutputParamsRule.SameAsInput),

            // Ops that move or select values: the output keeps the input's parameters.
            [BuiltinOperator.RESHAPE] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.SQUEEZE] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.EXPAND_DIMS] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.MAX_POOL_2D] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.AVERAGE_POOL_2D] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.PAD] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.PADV2] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.TRANSPOSE] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.SLICE] = new(OutputParamsRule.SameAsInput, supportsInt16: false),
            [BuiltinOperator.STRIDED_SLICE] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.GATHER] = new(OutputParamsRule.SameAsInput, supportsInt16: false),
            [BuiltinOperator.SPLIT] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.SPLIT_V] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.UNPACK] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.DEPTH_TO_SPACE] = new(OutputParamsRule.SameAsInput, supportsInt16: false),
            [BuiltinOperator.SPACE_TO_DEPTH] = new(OutputParamsRule.SameAsInput, supportsInt16: false),
            [BuiltinOperator.RESIZE_NEAREST_NEIGHBOR] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.BATCH_TO_SPACE_ND] = new(OutputParamsRule.SameAsInput, supportsInt16: false),
            [BuiltinOperator.SPACE_TO_BATCH_ND] = new(OutputParamsRule.SameAsInput, supportsInt16: false),
            [BuiltinOperator.REDUCE_MAX] = new(OutputParamsRule.SameAsInput, supportsInt16: false),
            [BuiltinOperator.REDUCE_MIN] = new(OutputParamsRule.SameAsInput, supportsInt16: false),
            // Several data inputs: all get the output's parameters (a requantize is inserted where they differ).
            [BuiltinOperator.CONCATENATION] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.PACK] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.MAXIMUM] = new(OutputParamsRule.SameAsInput),
            [BuiltinOperator.MINIMUM] = new(OutputParamsRule.SameAsInput),

            // Recurrent ops with state tensors: their own recipes (ModelQuantizer.Lstm.cs, ModelQuantizer.Svdf.cs).
            [BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM] = new(OutputParamsRule.Calibrated),
            [BuiltinOperator.SVDF] = new(OutputParamsRule.Calibrated, supportsInt16: false),

            // Fixed output ranges.
            [BuiltinOperator.SOFTMAX] = new(OutputParamsRule.Fixed),
            [BuiltinOperator.LOGISTIC] = new(OutputParamsRule.Fixed),
            [BuiltinOperator.TANH] = new(OutputParamsRule.Fixed),
        };

        public static OpQuantRule? Find(BuiltinOperator op) => s_rules.TryGetValue(op, out var rule) ? rule : null;

        /// <summary>Ops whose data inputs must all share the output's parameters.</summary>
        public static bool UnifiesInputs(BuiltinOperator op) =>
            op is BuiltinOperator.CONCATENATION or BuiltinOperator.PACK or BuiltinOperator.MAXIMUM or BuiltinOperator.MINIMUM;

        /// <summary>The spec's fixed output parameters: 1/256 with zp -128 for [0,1) ops, 1/128 with zp 0 for TANH; 1/32768 with zp 0 in int16.</summary>
        public static (float Scale, int ZeroPoint) FixedOutput(BuiltinOperator op, bool int16)
        {
            if (int16) return (1f / 32768f, 0);
            return op == BuiltinOperator.TANH ? (1f / 128f, 0) : (1f / 256f, -128);
        }
    }
}
