using System;
using McuAi.Interpreter.Simd;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>FULLY_CONNECTED in float (also hybrid models, with weights dequantized in Prepare).</summary>
    public sealed class FullyConnectedFloat : PreparedOp
    {
        private readonly RuntimeTensor _input;
        private readonly RuntimeTensor _output;
        private readonly FullyConnectedShape _shape;
        private readonly float[] _weights;
        private readonly float[] _bias;
        private readonly float _min;
        private readonly float _max;

        // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
        internal FullyConnectedShape Shape => _shape;
        internal (float Min, float Max) Range => (_min, _max);

        public FullyConnectedFloat(PrepareContext context, FullyConnectedShape shape, float[] weights)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            _shape = shape;
            _weights = weights;
            _bias = QuantizedMultipliers.FloatBias(context.OptionalInput(2), shape.Outputs, context);
            (_min, _max) = FusedActivation.FloatRange(FusedActivation.Of(context));
        }

        public override void Eval()
        {
            var input = _input.As<float>();
            var output = _output.As<float>();
            int depth = _shape.Depth;
            for (int b = 0; b < _shape.Batches; b++)
            {
                var row = input.Slice(b * depth, depth);
                for (int o = 0; o < _shape.Outputs; o++)
                {
                    float total = Dot.Float(row, _weights.AsSpan(o * depth, depth));
                    output[b * _shape.Outputs + o] = FixedPoint.Clamp(total + _bias[o], _min, _max);
                }
            }
        }
    }
}
