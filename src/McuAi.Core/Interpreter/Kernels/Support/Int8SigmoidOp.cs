namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The Q0.31 result of a gemmlowp sigmoid-shaped curve (logistic, tanh) as an int8 output value, before
    /// clamping. A struct, so <see cref="Int8SigmoidOp{TCurve}"/>'s loop calls it without indirection.
    /// </summary>
    internal interface ISigmoidCurve
    {
        int ToOutput(int q4Input);
    }

    /// <summary>
    /// int8 LOGISTIC and TANH as TFLM computes them: inputs beyond the curve's saturation radius give the
    /// type's extremes, the rest go through a Q4.27 fixed-point curve.
    /// </summary>
    internal sealed class Int8SigmoidOp<TCurve> : PreparedOp where TCurve : struct, ISigmoidCurve
    {
        private readonly RuntimeTensor _input, _output;
        private readonly SigmoidInputScaling _scaling;
        private readonly int _inputZeroPoint;

        public Int8SigmoidOp(RuntimeTensor input, RuntimeTensor output)
        {
            (_input, _output) = (input, output);
            _scaling = new SigmoidInputScaling(input.Scale);
            _inputZeroPoint = input.ZeroPoint;
        }

        public override void Eval()
        {
            var x = _input.As<sbyte>();
            var y = _output.As<sbyte>();
            var curve = default(TCurve);
            for (int i = 0; i < y.Length; i++)
            {
                int input = x[i] - _inputZeroPoint;
                if (input <= -_scaling.Radius) y[i] = sbyte.MinValue;
                else if (input >= _scaling.Radius) y[i] = sbyte.MaxValue;
                else y[i] = (sbyte)FixedPoint.Clamp(curve.ToOutput(_scaling.ToQ4(input)), sbyte.MinValue, sbyte.MaxValue);
            }
        }
    }
}
