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
        public PreparedOp Prepare(PrepareContext context) =>
            BinaryArithmetic.Prepare(context, "MUL", (x, y) => x * y, (x, y) => unchecked(x * y), (c, broadcast, range) => new MulInt8(c, broadcast, range));
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

        // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
        internal (int A, int B, int Output) Offsets => (_offsetA, _offsetB, _outputOffset);
        internal (int Multiplier, int Shift) Rescale => (_multiplier, _shift);
        internal (int Min, int Max) Range => (_min, _max);

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
