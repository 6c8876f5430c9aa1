using System;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// ADD with broadcasting. float32; int32 (no rescaling); int8 bit-exact with TFLM: both inputs are
    /// shifted left by 20 bits and rescaled to a common scale (twice the larger input scale), summed,
    /// then rescaled to the output. int16 is another kernel's (an <see cref="ISpecializedKernel"/>).
    /// </summary>
    [KernelFor(BuiltinOperator.ADD)]
    public sealed class AddKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context) =>
            BinaryArithmetic.Prepare(context, "ADD", (x, y) => x + y, (x, y) => unchecked(x + y), (c, broadcast, range) => new AddInt8(c, broadcast, range));
    }

    /// <summary>The int8 path of ADD.</summary>
    public sealed class AddInt8 : PreparedOp
    {
        private const int LeftShift = 20;
        private readonly RuntimeTensor _a;
        private readonly RuntimeTensor _b;
        private readonly RuntimeTensor _output;
        private readonly Broadcast _broadcast;
        private readonly int _offsetA, _offsetB, _outputOffset;
        private readonly int _multiplierA, _shiftA, _multiplierB, _shiftB, _outputMultiplier, _outputShift;
        private readonly int _min, _max;

        // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
        internal int LeftShiftBits => LeftShift;
        internal (int A, int B, int Output) Offsets => (_offsetA, _offsetB, _outputOffset);
        internal (int Multiplier, int Shift) RescaleA => (_multiplierA, _shiftA);
        internal (int Multiplier, int Shift) RescaleB => (_multiplierB, _shiftB);
        internal (int Multiplier, int Shift) RescaleOutput => (_outputMultiplier, _outputShift);
        internal (int Min, int Max) Range => (_min, _max);

        public AddInt8(PrepareContext context, Broadcast broadcast, (int Min, int Max) range)
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
            double twiceMaxInputScale = 2 * (double)Math.Max(_a.Scale, _b.Scale);
            (_multiplierA, _shiftA) = FixedPoint.QuantizeMultiplier(_a.Scale / twiceMaxInputScale);
            (_multiplierB, _shiftB) = FixedPoint.QuantizeMultiplier(_b.Scale / twiceMaxInputScale);
            (_outputMultiplier, _outputShift) = FixedPoint.QuantizeMultiplier(twiceMaxInputScale / ((1 << LeftShift) * (double)_output.Scale));
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
                int x = (a[indexA is null ? i : indexA[i]] + _offsetA) << LeftShift;
                int y = (b[indexB is null ? i : indexB[i]] + _offsetB) << LeftShift;
                int sum = FixedPoint.MultiplyByQuantizedMultiplier(x, _multiplierA, _shiftA)
                          + FixedPoint.MultiplyByQuantizedMultiplier(y, _multiplierB, _shiftB);
                int result = FixedPoint.MultiplyByQuantizedMultiplier(sum, _outputMultiplier, _outputShift) + _outputOffset;
                output[i] = (sbyte)FixedPoint.Clamp(result, _min, _max);
            }
        }
    }
}
