using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// QUANTIZE: float32 → int8, uint8 or int16 (round(x / scale) + zero point, clamped), and
    /// int8/uint8 → int8/uint8 requantization (rescale by input_scale / output_scale), as TFLM.
    /// Requantization from or to int16/int32 is another kernel's (an <see cref="ISpecializedKernel"/>).
    /// </summary>
    [KernelFor(BuiltinOperator.QUANTIZE)]
    public sealed class QuantizeKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (output.Type is not (TensorType.INT8 or TensorType.UINT8 or TensorType.INT16)) throw context.UnsupportedType(output);
            QuantizedMultipliers.RequireQuantized(output, context);
            if (input.ElementCount != output.ElementCount)
                throw context.Fail(McuAi.Diagnostics.DiagnosticCodes.InvalidOperator, $"input has {input.ElementCount} elements, output {output.ElementCount}");
            if (input.Type == TensorType.FLOAT32) return new FromFloat(input, output);
            if (input.Type is TensorType.INT8 or TensorType.UINT8 && output.Type is TensorType.INT8 or TensorType.UINT8)
            {
                QuantizedMultipliers.RequireQuantized(input, context);
                return new Requantize8(input, output);
            }
            throw context.UnsupportedType(input);
        }

        internal sealed class FromFloat : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;
            private readonly float _scale;
            private readonly int _zeroPoint, _min, _max;

            internal float Scale => _scale;
            internal int ZeroPoint => _zeroPoint;
            internal (int Min, int Max) Range => (_min, _max);

            public FromFloat(RuntimeTensor input, RuntimeTensor output)
            {
                _input = input;
                _output = output;
                _scale = output.Scale;
                _zeroPoint = output.ZeroPoint;
                (_min, _max) = FusedActivation.TypeRange(output.Type);
            }

            public override void Eval()
            {
                var input = _input.As<float>();
                for (int i = 0; i < input.Length; i++)
                {
                    float rounded = FixedPoint.RoundAwayFromZero(input[i] / _scale);
                    int value = FixedPoint.Clamp(SaturatingToInt32(rounded) + _zeroPoint, _min, _max);
                    Store.Integer(_output, i, value);
                }
            }

            // C's float → int32 conversion is undefined out of range; x86 gives int.MinValue, which then clamps low.
            private static int SaturatingToInt32(float x) => x >= 2147483648f || x < -2147483648f || float.IsNaN(x) ? int.MinValue : (int)x;
        }

        private sealed class Requantize8 : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;
            private readonly int _multiplier, _shift, _inputZeroPoint, _outputZeroPoint, _min, _max;

            public Requantize8(RuntimeTensor input, RuntimeTensor output)
            {
                _input = input;
                _output = output;
                (_multiplier, _shift) = FixedPoint.QuantizeMultiplier((double)input.Scale / output.Scale);
                _inputZeroPoint = input.ZeroPoint;
                _outputZeroPoint = output.ZeroPoint;
                (_min, _max) = FusedActivation.TypeRange(output.Type);
            }

            public override void Eval()
            {
                int count = (int)_input.ElementCount;
                for (int i = 0; i < count; i++)
                {
                    int value = FixedPoint.MultiplyByQuantizedMultiplier(Load.Integer(_input, i) - _inputZeroPoint, _multiplier, _shift) + _outputZeroPoint;
                    Store.Integer(_output, i, FixedPoint.Clamp(value, _min, _max));
                }
            }
        }
    }
}
