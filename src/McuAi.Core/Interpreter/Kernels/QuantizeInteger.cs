using System;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// QUANTIZE between integer types with int16 or int32 on either side, as TFLM runs them: one
    /// multiplier of input_scale / output_scale (in double) and the 32-bit double-rounding multiply,
    /// zero points removed and added, clamped to the output type. Float input is the general QUANTIZE
    /// kernel's.
    /// </summary>
    [KernelFor(BuiltinOperator.QUANTIZE)]
    public sealed class QuantizeIntegerKernel : ISpecializedKernel
    {
        public bool Accepts(PrepareContext context)
        {
            if (context.Inputs.Length != 1 || context.Inputs[0] is null || context.Outputs.Length != 1) return false;
            var inType = context.Inputs[0]!.Type;
            var outType = context.Outputs[0].Type;
            bool wide(TensorType t) => t is TensorType.INT16 or TensorType.INT32;
            bool integer(TensorType t) => t is TensorType.INT8 or TensorType.INT16 or TensorType.INT32;
            return integer(inType) && integer(outType) && (wide(inType) || wide(outType));
        }

        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            QuantizedMultipliers.RequireQuantized(output, context);
            if (output.Scales.Length != 1)
                throw context.Fail(Diagnostics.DiagnosticCodes.InvalidOperator, $"output '{output.Name}' must be quantized per tensor");
            QuantizedMultipliers.RequireQuantized(input, context);
            if (input.ElementCount != output.ElementCount)
                throw context.Fail(Diagnostics.DiagnosticCodes.InvalidOperator, $"input has {input.ElementCount} elements, output {output.ElementCount}");
            return new Requantize(input, output);
        }

        internal sealed class Requantize : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;
            private readonly int _multiplier, _shift, _inputZeroPoint, _outputZeroPoint, _min, _max;
            private readonly int[] _values;

            // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
            internal (int Multiplier, int Shift) Rescale => (_multiplier, _shift);
            internal (int Input, int Output) ZeroPoints => (_inputZeroPoint, _outputZeroPoint);
            internal (int Min, int Max) Range => (_min, _max);

            public Requantize(RuntimeTensor input, RuntimeTensor output)
            {
                (_input, _output) = (input, output);
                (_multiplier, _shift) = FixedPoint.QuantizeMultiplier((double)input.Scale / output.Scale);
                _inputZeroPoint = input.ZeroPoint;
                _outputZeroPoint = output.ZeroPoint;
                (_min, _max) = FusedActivation.TypeRange(output.Type);
                _values = new int[output.ElementCount];
            }

            public override void Eval()
            {
                var values = _values.AsSpan();
                int n = values.Length;
                switch (_input.Type)
                {
                    case TensorType.INT8: { var x = _input.As<sbyte>(); for (int i = 0; i < n; i++) values[i] = x[i]; break; }
                    case TensorType.INT16: { var x = _input.As<short>(); for (int i = 0; i < n; i++) values[i] = x[i]; break; }
                    default: _input.As<int>().Slice(0, n).CopyTo(values); break;
                }
                for (int i = 0; i < n; i++)
                {
                    int scaled = FixedPoint.MultiplyByQuantizedMultiplier(unchecked(values[i] - _inputZeroPoint), _multiplier, _shift) + _outputZeroPoint;
                    values[i] = FixedPoint.Clamp(scaled, _min, _max);
                }
                switch (_output.Type)
                {
                    case TensorType.INT8: { var y = _output.As<sbyte>(); for (int i = 0; i < n; i++) y[i] = (sbyte)values[i]; break; }
                    case TensorType.INT16: { var y = _output.As<short>(); for (int i = 0; i < n; i++) y[i] = (short)values[i]; break; }
                    default: values.CopyTo(_output.As<int>()); break;
                }
            }
        }
    }
}
