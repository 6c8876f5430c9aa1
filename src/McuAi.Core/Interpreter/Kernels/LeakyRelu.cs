using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// LEAKY_RELU: x for x ≥ 0, alpha·x below. Float32; int8 and int16 bit-exact with TFLM: the
    /// zero-point-free input is rescaled by one of two multipliers (identity or alpha, both computed in
    /// float as TFLM does), a negative alpha by its magnitude with the sign applied after.
    /// </summary>
    [KernelFor(BuiltinOperator.LEAKY_RELU)]
    public sealed class LeakyReluKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (input.Type != output.Type) throw context.UnsupportedType(output);
            context.RequireSameElementCount(input, output);
            float alpha = context.RequireOptions().GetFloat("alpha");
            return input.Type switch
            {
                TensorType.FLOAT32 => new FloatLeakyRelu(input, output, alpha),
                TensorType.INT8 or TensorType.INT16 => new QuantizedLeakyRelu(context, alpha),
                _ => throw context.UnsupportedType(input),
            };
        }

        private sealed class FloatLeakyRelu : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;
            private readonly float _alpha;

            public FloatLeakyRelu(RuntimeTensor input, RuntimeTensor output, float alpha) => (_input, _output, _alpha) = (input, output, alpha);

            public override void Eval()
            {
                var x = _input.As<float>();
                var y = _output.As<float>();
                for (int i = 0; i < y.Length; i++) y[i] = x[i] > 0 ? x[i] : x[i] * _alpha;
            }
        }

        internal sealed class QuantizedLeakyRelu : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;
            private readonly int _inputZeroPoint, _outputZeroPoint;
            private readonly int _identityMultiplier, _identityShift, _alphaMultiplier, _alphaShift;
            private readonly bool _alphaNegative;
            private readonly int _min, _max;

            // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
            internal (int Input, int Output) ZeroPoints => (_inputZeroPoint, _outputZeroPoint);
            internal (int Multiplier, int Shift) Identity => (_identityMultiplier, _identityShift);
            internal (int Multiplier, int Shift) Alpha => (_alphaMultiplier, _alphaShift);
            internal bool AlphaNegative => _alphaNegative;
            internal (int Min, int Max) Range => (_min, _max);

            public QuantizedLeakyRelu(PrepareContext context, float alpha)
            {
                _input = context.Input(0);
                _output = context.Output(0);
                QuantizedMultipliers.RequireQuantized(_input, context);
                QuantizedMultipliers.RequireQuantized(_output, context);
                _inputZeroPoint = _input.ZeroPoint;
                _outputZeroPoint = _output.ZeroPoint;
                (_alphaMultiplier, _alphaShift) = FixedPoint.QuantizeMultiplier(_input.Scale * alpha / _output.Scale);
                (_identityMultiplier, _identityShift) = FixedPoint.QuantizeMultiplier(_input.Scale / _output.Scale);
                _alphaNegative = _alphaMultiplier < 0;
                if (_alphaNegative) _alphaMultiplier = -_alphaMultiplier;
                (_min, _max) = FusedActivation.TypeRange(_output.Type);
            }

            private int Compute(int value)
            {
                int x = value - _inputZeroPoint;
                int result = _outputZeroPoint;
                if (x >= 0) result += FixedPoint.MultiplyByQuantizedMultiplier(x, _identityMultiplier, _identityShift);
                else
                {
                    int scaled = FixedPoint.MultiplyByQuantizedMultiplier(x, _alphaMultiplier, _alphaShift);
                    result += _alphaNegative ? -scaled : scaled;
                }
                return FixedPoint.Clamp(result, _min, _max);
            }

            public override void Eval()
            {
                if (_output.Type == TensorType.INT16)
                {
                    var x = _input.As<short>();
                    var y = _output.As<short>();
                    for (int i = 0; i < y.Length; i++) y[i] = (short)Compute(x[i]);
                }
                else
                {
                    var x = _input.As<sbyte>();
                    var y = _output.As<sbyte>();
                    for (int i = 0; i < y.Length; i++) y[i] = (sbyte)Compute(x[i]);
                }
            }
        }
    }
}
