using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// MUL with broadcasting. float32; int32 (no rescaling); int8 bit-exact with TFLM: the product of
    /// the offset inputs is rescaled by input1_scale × input2_scale / output_scale.
    /// int16 is another kernel's (an <see cref="ISpecializedKernel"/>).
    /// </summary>
    [KernelFor(BuiltinOperator.MUL)]
    public sealed class MulKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var a = context.Input(0);
            var b = context.Input(1);
            var output = context.Output(0);
            if (a.Type != output.Type || b.Type != output.Type)
                throw context.Fail(DiagnosticCodes.UnsupportedType, $"inputs are {a.Type} and {b.Type} but the output is {output.Type}; MUL needs one type");
            var broadcast = Broadcast.Create(context, a, b, output);
            var activation = FusedActivation.Of(context);
            return output.Type switch
            {
                TensorType.FLOAT32 => new BinaryFloat(a, b, output, broadcast, FusedActivation.FloatRange(activation), (x, y) => x * y),
                TensorType.INT32 => new BinaryInt32(a, b, output, broadcast, IntegerActivation.Range(activation), (x, y) => unchecked(x * y)),
                TensorType.INT8 => new MulInt8(context, broadcast, FusedActivation.QuantizedRange(activation, output, context)),
                _ => throw context.UnsupportedType(output),
            };
        }
    }

    /// <summary>The int8 path of MUL.</summary>
    public sealed class MulInt8 : PreparedOp
    {
        private readonly RuntimeTensor _a;
        private readonly RuntimeTensor _b;
        private readonly RuntimeTensor _output;
        private readonly Broadcast _broadcast;
        private readonly int _offsetA, _offsetB, _outputOffset;
        private readonly int _multiplier, _shift;
        private readonly int _min, _max;

        public MulInt8(PrepareContext context, Broadcast broadcast, (int Min, int Max) range)
        {
            _a = context.Input(0);
            _b = context.Input(1);
            _output = context.Output(0);
            QuantizedMultipliers.RequireQuantized(_a, context);
            QuantizedMultipliers.RequireQuantized(_b, context);
            QuantizedMultipliers.RequireQuantized(_output, context);
            _broadcast = broadcast;
            _offsetA = -_a.ZeroPoint;
            _offsetB = -_b.ZeroPoint;
            _outputOffset = _output.ZeroPoint;
            (_multiplier, _shift) = FixedPoint.QuantizeMultiplier((double)_a.Scale * _b.Scale / _output.Scale);
            (_min, _max) = range;
        }

        public override void Eval()
        {
            var a = _a.As<sbyte>();
            var b = _b.As<sbyte>();
            var output = _output.As<sbyte>();
            var indexA = _broadcast.IndexA;
            var indexB = _broadcast.IndexB;
            for (int i = 0; i < _broadcast.Count; i++)
            {
                int x = a[indexA is null ? i : indexA[i]] + _offsetA;
                int y = b[indexB is null ? i : indexB[i]] + _offsetB;
                int result = FixedPoint.MultiplyByQuantizedMultiplier(x * y, _multiplier, _shift) + _outputOffset;
                output[i] = (sbyte)FixedPoint.Clamp(result, _min, _max);
            }
        }
    }
}
