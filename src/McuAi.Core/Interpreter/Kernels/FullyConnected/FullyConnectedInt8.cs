using System;
using McuAi.Interpreter.Simd;

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
        private readonly int _inputOffset;
        private readonly Int8OutputStage _outputStage;
        private readonly short[] _row;

        // What the C backend's lowering reads (the weights themselves come from the model).
        internal FullyConnectedShape Shape => _shape;
        internal int InputOffset => _inputOffset;
        internal int WeightOffset { get; }
        internal bool PerChannel { get; }
        internal Int8OutputStage OutputStage => _outputStage;

        public FullyConnectedInt8(PrepareContext context, FullyConnectedShape shape)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            var weights = context.Input(1);
            _shape = shape;
            bool perChannel = PerChannel = weights.Scales.Length > 1;
            _outputStage = perChannel ? Int8OutputStage.PerChannel(context, shape.Outputs) : Int8OutputStage.PerTensor(context, shape.Outputs);
            // TFLM applies the weights' zero point only for per-tensor weights (per-channel ones are symmetric).
            int weightOffset = WeightOffset = perChannel ? 0 : -weights.ZeroPoint;
            _weights = context.Shared("weights-int16", () => Widen.ToInt16(FilterValues.Int8(context, weights), weightOffset));
            _inputOffset = -_input.ZeroPoint;
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
                    output[b * _shape.Outputs + o] = _outputStage.Apply(Dot.Int16(_row, _weights.AsSpan(o * depth, depth)), o);
            }
        }
    }
}
