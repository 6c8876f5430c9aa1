using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// int16 LOGISTIC or TANH, as TFLM: Q0.15 output from the interpolated sigmoid table
    /// (<see cref="Int16Sigmoid"/>), the input rescaled as <see cref="Int16SigmoidScaling"/> prepares it.
    /// </summary>
    public sealed class Int16SigmoidOp : PreparedOp
    {
        private readonly RuntimeTensor _input, _output;

        public Int16SigmoidOp(PrepareContext context, bool tanh)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            if (_output.Type != TensorType.INT16) throw context.UnsupportedType(_output);
            IsTanh = tanh;
            // TFLM keeps the table's own input scaling for an input scale of 2^-12 (and 2^-11 for tanh).
            Scaling = new Int16SigmoidScaling(context, _input, _output, largestPowerOfTwoShift: tanh ? 1 : 0);
        }

        public bool IsTanh { get; }
        public Int16SigmoidScaling Scaling { get; }

        public override void Eval()
        {
            if (IsTanh) Int16Sigmoid.Tanh(_input.As<short>(), _output.As<short>(), Scaling.Multiplier, Scaling.LeftShift);
            else Int16Sigmoid.Logistic(_input.As<short>(), _output.As<short>(), Scaling.Multiplier, Scaling.LeftShift);
        }
    }
}
