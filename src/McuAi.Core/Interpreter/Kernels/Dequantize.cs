using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>DEQUANTIZE: int8, uint8 or int16 → float32 as (float)(scale × (q − zero point)) in double, as TFLM.</summary>
    [KernelFor(BuiltinOperator.DEQUANTIZE)]
    public sealed class DequantizeKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (output.Type != TensorType.FLOAT32) throw context.UnsupportedType(output);
            if (input.Type is not (TensorType.INT8 or TensorType.UINT8 or TensorType.INT16)) throw context.UnsupportedType(input);
            QuantizedMultipliers.RequireQuantized(input, context);
            if (input.ElementCount != output.ElementCount)
                throw context.Fail(McuAi.Diagnostics.DiagnosticCodes.InvalidOperator, $"input has {input.ElementCount} elements, output {output.ElementCount}");
            return new Op(input, output);
        }

        private sealed class Op : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;
            private readonly double _scale;
            private readonly int _zeroPoint;

            public Op(RuntimeTensor input, RuntimeTensor output)
            {
                _input = input;
                _output = output;
                _scale = input.Scale;
                _zeroPoint = input.ZeroPoint;
            }

            public override void Eval()
            {
                var output = _output.As<float>();
                for (int i = 0; i < output.Length; i++) output[i] = (float)(_scale * (Load.Integer(_input, i) - _zeroPoint));
            }
        }
    }
}
