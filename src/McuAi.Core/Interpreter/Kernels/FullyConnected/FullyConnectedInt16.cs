using System;
using McuAi.Interpreter.Simd;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>FULLY_CONNECTED with int16 activations and int8 weights (16x8 quantization): <see cref="FullyConnectedInt16"/>.</summary>
    [KernelFor(BuiltinOperator.FULLY_CONNECTED)]
    public sealed class FullyConnectedInt16Kernel : ISpecializedKernel
    {
        public bool Accepts(PrepareContext context) => context.Inputs.Length > 0 && context.Inputs[0] is { Type: TensorType.INT16 };

        public PreparedOp Prepare(PrepareContext context) => new FullyConnectedInt16(context);
    }

    /// <summary>
    /// TFLM's 16x8 FULLY_CONNECTED: int16 input and output, int8 weights (per tensor or per channel) and
    /// an int64 bias accumulated in int64 with the single-rounding rescale; an int32 bias (or none with
    /// quantized_bias_type INT32) makes TFLM accumulate in wrapping int32 and rescale with double
    /// rounding, and so does this kernel.
    /// </summary>
    public sealed class FullyConnectedInt16 : PreparedOp
    {
        private readonly RuntimeTensor _input, _output;

        public FullyConnectedInt16(PrepareContext context)
        {
            Shape = FullyConnectedShape.Of(context);
            _input = context.Input(0);
            _output = context.Output(0);
            var weights = context.Input(1);
            var bias = context.OptionalInput(2);
            if (weights.Type != TensorType.INT8) throw context.UnsupportedType(weights);
            if (_output.Type != TensorType.INT16) throw context.UnsupportedType(_output);
            QuantizedMultipliers.RequireConstant(weights, context);
            int outputs = Shape.Outputs;
            bool perChannel = weights.Scales.Length > 1;
            if (perChannel) (Multipliers, Shifts) = QuantizedMultipliers.PerChannel(_input, weights, _output, outputs, context);
            else
            {
                var (m, s) = QuantizedMultipliers.PerTensor(_input, weights, _output, context);
                (Multipliers, Shifts) = (Fill(outputs, m), Fill(outputs, s));
            }
            var options = context.Options;
            Int64Accumulator = bias is null
                ? !(options is { Schema: not null } && (TensorType)options.GetInt32("quantized_bias_type") == TensorType.INT32)
                : bias.Type != TensorType.INT32;
            // TFLM applies the weights' zero point only for per-tensor weights (per-channel ones are symmetric).
            int weightOffset = perChannel ? 0 : -weights.ZeroPoint;
            Weights = context.Shared("weights-int16", () => Widen.ToInt16(weights.As<sbyte>(), weightOffset));
            Bias = Int16RowDot.FoldInputOffset(Int64Bias.Read(bias, outputs, context), Weights, Shape.Depth, -_input.ZeroPoint);
            OutputOffset = _output.ZeroPoint;
            (Min, Max) = FusedActivation.QuantizedRange(FusedActivation.Of(context), _output, context);
        }

        public FullyConnectedShape Shape { get; }
        /// <summary>Weights [outputs, depth] plus their offset, as int16.</summary>
        public short[] Weights { get; }
        /// <summary>Per output: bias + input_offset · Σ weights.</summary>
        public long[] Bias { get; }
        public int[] Multipliers { get; }
        public int[] Shifts { get; }
        public bool Int64Accumulator { get; }
        public int OutputOffset { get; }
        public int Min { get; }
        public int Max { get; }

        private static int[] Fill(int n, int value)
        {
            var a = new int[n];
            for (int i = 0; i < n; i++) a[i] = value;
            return a;
        }

        public override void Eval()
        {
            var input = _input.As<short>();
            var output = _output.As<short>();
            int depth = Shape.Depth, outputs = Shape.Outputs;
            for (int b = 0; b < Shape.Batches; b++)
            {
                var row = input.Slice(b * depth, depth);
                for (int o = 0; o < outputs; o++)
                {
                    int scaled = Int16RowDot.Scaled(row, Weights.AsSpan(o * depth, depth), Bias[o], Multipliers[o], Shifts[o], Int64Accumulator);
                    output[b * outputs + o] = (short)FixedPoint.Clamp(scaled + OutputOffset, Min, Max);
                }
            }
        }
    }
}
