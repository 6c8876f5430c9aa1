using System;
using McuAi.Interpreter.Simd;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// FULLY_CONNECTED with int8 input, weights and output and int32 bias, bit-exact with TFLM:
    /// acc = Σ (w + weight_offset)(x + input_offset) + bias, rescaled per tensor or per channel.
    /// Prepare widens the offset weights to int16; Eval widens each input row once.
    /// </summary>
    public sealed class FullyConnectedInt8 : PreparedOp
    {
        private readonly RuntimeTensor _input;
        private readonly RuntimeTensor _output;
        private readonly FullyConnectedShape _shape;
        private readonly short[] _weights;
        private readonly int[] _bias;
        private readonly int[] _multipliers;
        private readonly int[] _shifts;
        private readonly int _inputOffset;
        private readonly int _outputOffset;
        private readonly int _min;
        private readonly int _max;
        private readonly short[] _row;

        public FullyConnectedInt8(PrepareContext context, FullyConnectedShape shape)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            var weights = context.Input(1);
            _shape = shape;
            bool perChannel = weights.Scales.Length > 1;
            if (perChannel)
                (_multipliers, _shifts) = QuantizedMultipliers.PerChannel(_input, weights, _output, shape.Outputs, context);
            else
            {
                var (m, s) = QuantizedMultipliers.PerTensor(_input, weights, _output, context);
                _multipliers = Fill(shape.Outputs, m);
                _shifts = Fill(shape.Outputs, s);
            }
            // TFLM applies the weights' zero point only for per-tensor weights (per-channel ones are symmetric).
            int weightOffset = perChannel ? 0 : -weights.ZeroPoint;
            _weights = context.Shared("weights-int16", () => Widen.ToInt16(weights.As<sbyte>(), weightOffset));
            _bias = QuantizedMultipliers.Bias(context.OptionalInput(2), shape.Outputs, context);
            _inputOffset = -_input.ZeroPoint;
            _outputOffset = _output.ZeroPoint;
            (_min, _max) = FusedActivation.QuantizedRange(FusedActivation.Of(context), _output, context);
            _row = new short[shape.Depth];
        }

        public override void Eval()
        {
            var input = _input.As<sbyte>();
            var output = _output.As<sbyte>();
            int depth = _shape.Depth;
            for (int b = 0; b < _shape.Batches; b++)
            {
                var source = input.Slice(b * depth, depth);
                Widen.Int8ToInt16(source, _row, _inputOffset);
                for (int o = 0; o < _shape.Outputs; o++)
                {
                    int acc = unchecked(Dot.Int16(_row, _weights.AsSpan(o * depth, depth)) + _bias[o]);
                    acc = FixedPoint.MultiplyByQuantizedMultiplier(acc, _multipliers[o], _shifts[o]) + _outputOffset;
                    output[b * _shape.Outputs + o] = (sbyte)FixedPoint.Clamp(acc, _min, _max);
                }
            }
        }

        private static int[] Fill(int count, int value)
        {
            var result = new int[count];
            for (int i = 0; i < count; i++) result[i] = value;
            return result;
        }
    }
}
