using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// RELU: max(x, 0). Float32; int8 and int16 as TFLM: the input (minus its zero point) is rescaled to
    /// the output's scale with the 32-bit multiply, the output zero point added, then clamped below at the
    /// quantized zero (int16 needs zero points of 0, as in TFLM).
    /// </summary>
    [KernelFor(BuiltinOperator.RELU)]
    public sealed class ReluKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (input.Type != output.Type) throw context.UnsupportedType(output);
            context.RequireSameElementCount(input, output);
            return input.Type switch
            {
                TensorType.FLOAT32 => new FloatClampOp(input, output, 0f, float.PositiveInfinity),
                TensorType.INT8 or TensorType.INT16 => new RescaleClampOp(context, lowerBound: 0f),
                _ => throw context.UnsupportedType(input),
            };
        }
    }

    /// <summary>Float clamp to [min, max] (NaN passes through, as TFLM's comparisons let it).</summary>
    public sealed class FloatClampOp : PreparedOp
    {
        private readonly RuntimeTensor _input, _output;
        private readonly float _min, _max;

        public FloatClampOp(RuntimeTensor input, RuntimeTensor output, float min, float max) => (_input, _output, _min, _max) = (input, output, min, max);

        public override void Eval()
        {
            var x = _input.As<float>();
            var y = _output.As<float>();
            for (int i = 0; i < y.Length; i++)
            {
                float v = x[i];
                y[i] = v > _max ? _max : v < _min ? _min : v;
            }
        }
    }

    /// <summary>
    /// TFLM's quantized RELU family: rescale input to output, then clamp to the quantized lower bound
    /// (and the type's maximum).
    /// </summary>
    public sealed class RescaleClampOp : PreparedOp
    {
        private readonly RuntimeTensor _input, _output;
        private readonly int _multiplier, _shift, _inputZeroPoint, _outputZeroPoint, _min, _max;

        public RescaleClampOp(PrepareContext context, float lowerBound)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            QuantizedMultipliers.RequireQuantized(_input, context);
            QuantizedMultipliers.RequireQuantized(_output, context);
            if (_input.Type == TensorType.INT16 && (_input.ZeroPoint != 0 || _output.ZeroPoint != 0))
                throw context.Fail(Diagnostics.DiagnosticCodes.InvalidOperator, "int16 RELU needs zero points of 0");
            (_multiplier, _shift) = FixedPoint.QuantizeMultiplier((double)_input.Scale / _output.Scale);
            _inputZeroPoint = _input.ZeroPoint;
            _outputZeroPoint = _output.ZeroPoint;
            var (qmin, qmax) = FusedActivation.TypeRange(_output.Type);
            _min = System.Math.Max(qmin, _outputZeroPoint + (int)FixedPoint.RoundAwayFromZero(lowerBound / _output.Scale));
            _max = qmax;
        }

        private int Compute(int x) =>
            FixedPoint.Clamp(_outputZeroPoint + FixedPoint.MultiplyByQuantizedMultiplier(x - _inputZeroPoint, _multiplier, _shift), _min, _max);

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
