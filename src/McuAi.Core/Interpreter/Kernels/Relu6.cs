using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// RELU6: min(max(x, 0), 6). Float32; int8 and int16 as TFLM: a clamp of the raw values between the
    /// input's zero point and round(6 / scale) + zero point, without rescaling (TFLM assumes the output
    /// shares the input's quantization).
    /// </summary>
    [KernelFor(BuiltinOperator.RELU6)]
    public sealed class Relu6Kernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (input.Type != output.Type) throw context.UnsupportedType(output);
            context.RequireSameElementCount(input, output);
            switch (input.Type)
            {
                case TensorType.FLOAT32:
                    return new FloatClampOp(input, output, 0f, 6f);
                case TensorType.INT8:
                case TensorType.INT16:
                    QuantizedMultipliers.RequireQuantized(input, context);
                    var (qmin, qmax) = FusedActivation.TypeRange(input.Type);
                    int six = FixedPoint.Clamp(input.ZeroPoint + (int)FixedPoint.RoundAwayFromZero(6f / input.Scale), qmin, qmax);
                    return new IntegerClampOp(input, output, input.ZeroPoint, six);
                default:
                    throw context.UnsupportedType(input);
            }
        }
    }

    /// <summary>Clamp of raw int8 or int16 values to [min, max].</summary>
    public sealed class IntegerClampOp : PreparedOp
    {
        private readonly RuntimeTensor _input, _output;
        private readonly int _min, _max;

        public IntegerClampOp(RuntimeTensor input, RuntimeTensor output, int min, int max) => (_input, _output, _min, _max) = (input, output, min, max);

        public override void Eval()
        {
            if (_output.Type == TensorType.INT16)
            {
                var x = _input.As<short>();
                var y = _output.As<short>();
                for (int i = 0; i < y.Length; i++) y[i] = (short)FixedPoint.Clamp(x[i], _min, _max);
            }
            else
            {
                var x = _input.As<sbyte>();
                var y = _output.As<sbyte>();
                for (int i = 0; i < y.Length; i++) y[i] = (sbyte)FixedPoint.Clamp(x[i], _min, _max);
            }
        }
    }
}
