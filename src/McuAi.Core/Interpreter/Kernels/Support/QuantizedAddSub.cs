using System;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The rescaling of TFLM's quantized ADD and SUB (int8 and int16, the general path): both inputs are
    /// shifted left (20 bits for int8, 15 for int16), brought to a common scale of twice the larger input
    /// scale, added or subtracted, and rescaled to the output, each step with the 32-bit double-rounding
    /// multiply. TFLM computes ADD's real multipliers in double but SUB's in float (then widened), so the
    /// caller says which.
    /// </summary>
    public sealed class QuantizedAddSub
    {
        private readonly int _input1Offset, _input2Offset, _outputOffset, _leftShift;
        private readonly int _input1Multiplier, _input1Shift, _input2Multiplier, _input2Shift;
        private readonly int _outputMultiplier, _outputShift;
        private readonly int _min, _max;
        private readonly bool _subtract;

        // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
        internal bool Subtract => _subtract;
        internal int LeftShift => _leftShift;
        internal (int A, int B, int Output) Offsets => (_input1Offset, _input2Offset, _outputOffset);
        internal (int Multiplier, int Shift) RescaleA => (_input1Multiplier, _input1Shift);
        internal (int Multiplier, int Shift) RescaleB => (_input2Multiplier, _input2Shift);
        internal (int Multiplier, int Shift) RescaleOutput => (_outputMultiplier, _outputShift);
        internal (int Min, int Max) Range => (_min, _max);

        public QuantizedAddSub(PrepareContext context, bool subtract, bool multipliersInFloat)
        {
            var input1 = context.Input(0);
            var input2 = context.Input(1);
            var output = context.Output(0);
            QuantizedMultipliers.RequireQuantized(input1, context);
            QuantizedMultipliers.RequireQuantized(input2, context);
            QuantizedMultipliers.RequireQuantized(output, context);
            _subtract = subtract;
            _input1Offset = -input1.ZeroPoint;
            _input2Offset = -input2.ZeroPoint;
            _outputOffset = output.ZeroPoint;
            _leftShift = output.Type == TensorType.INT16 ? 15 : 20;
            double real1, real2, realOut;
            if (multipliersInFloat)
            {
                float twiceMax = 2 * Math.Max(input1.Scale, input2.Scale);
                real1 = input1.Scale / twiceMax;
                real2 = input2.Scale / twiceMax;
                realOut = twiceMax / ((1 << _leftShift) * output.Scale);
            }
            else
            {
                double twiceMax = 2 * (double)Math.Max(input1.Scale, input2.Scale);
                real1 = input1.Scale / twiceMax;
                real2 = input2.Scale / twiceMax;
                realOut = twiceMax / ((1 << _leftShift) * (double)output.Scale);
            }
            (_input1Multiplier, _input1Shift) = FixedPoint.QuantizeMultiplier(real1);
            (_input2Multiplier, _input2Shift) = FixedPoint.QuantizeMultiplier(real2);
            (_outputMultiplier, _outputShift) = FixedPoint.QuantizeMultiplier(realOut);
            (_min, _max) = FusedActivation.QuantizedRange(FusedActivation.Of(context), output, context);
        }

        /// <summary>The output value for quantized inputs <paramref name="a"/> and <paramref name="b"/>.</summary>
        public int Compute(int a, int b)
        {
            int scaled1 = FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp(
                (a + _input1Offset) * (1 << _leftShift), _input1Multiplier, _input1Shift);
            int scaled2 = FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp(
                (b + _input2Offset) * (1 << _leftShift), _input2Multiplier, _input2Shift);
            int raw = _subtract ? scaled1 - scaled2 : scaled1 + scaled2;
            int result = FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp(raw, _outputMultiplier, _outputShift) + _outputOffset;
            return FixedPoint.Clamp(result, _min, _max);
        }
    }
}
