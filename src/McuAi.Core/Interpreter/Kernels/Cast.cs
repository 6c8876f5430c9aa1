using System;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// CAST between float32, int8, uint8, int16, uint16, int32, uint32, int64 and bool with C++'s
    /// static_cast semantics: integers wrap to the narrower type, floats truncate toward zero (saturating
    /// where C leaves out-of-range values undefined), bool is value ≠ 0. Quantization is ignored, as in TFLM.
    /// </summary>
    [KernelFor(BuiltinOperator.CAST)]
    public sealed class CastKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (!Supported(input.Type)) throw context.UnsupportedType(input);
            if (!Supported(output.Type)) throw context.UnsupportedType(output);
            if (input.ElementCount != output.ElementCount)
                throw context.Fail(Diagnostics.DiagnosticCodes.InvalidOperator, $"input has {input.ElementCount} elements but output has {output.ElementCount}");
            return new CastOp(input, output);
        }

        private static bool Supported(TensorType type) => type is TensorType.FLOAT32 or TensorType.INT8 or TensorType.UINT8
            or TensorType.INT16 or TensorType.UINT16 or TensorType.INT32 or TensorType.UINT32 or TensorType.INT64 or TensorType.BOOL;

        private sealed class CastOp : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;

            public CastOp(RuntimeTensor input, RuntimeTensor output) => (_input, _output) = (input, output);

            public override void Eval()
            {
                int n = (int)_output.ElementCount;
                for (int i = 0; i < n; i++)
                {
                    if (_input.Type == TensorType.FLOAT32) WriteFloat(i, _input.As<float>()[i]);
                    else WriteInteger(i, ReadInteger(i));
                }
            }

            private long ReadInteger(int i) => _input.Type switch
            {
                TensorType.INT8 => _input.As<sbyte>()[i],
                TensorType.UINT8 => _input.As<byte>()[i],
                TensorType.INT16 => _input.As<short>()[i],
                TensorType.UINT16 => _input.As<ushort>()[i],
                TensorType.INT32 => _input.As<int>()[i],
                TensorType.UINT32 => _input.As<uint>()[i],
                TensorType.BOOL => _input.As<byte>()[i] != 0 ? 1 : 0,
                _ => _input.As<long>()[i],
            };

            private void WriteInteger(int i, long v)
            {
                if (_output.Type == TensorType.FLOAT32) _output.As<float>()[i] = v;
                else Store(i, v);
            }

            private void WriteFloat(int i, float v)
            {
                if (_output.Type == TensorType.FLOAT32) { _output.As<float>()[i] = v; return; }
                if (_output.Type == TensorType.BOOL) { _output.As<byte>()[i] = v != 0 ? (byte)1 : (byte)0; return; }
                double t = Math.Truncate((double)v);
                long whole = double.IsNaN(t) ? 0 : t >= long.MaxValue ? long.MaxValue : t <= long.MinValue ? long.MinValue : (long)t;
                Store(i, whole);
            }

            /// <summary>Stores the low bits of <paramref name="v"/> in the output type (two's complement wrap).</summary>
            private void Store(int i, long v)
            {
                unchecked
                {
                    switch (_output.Type)
                    {
                        case TensorType.INT8: _output.As<sbyte>()[i] = (sbyte)v; break;
                        case TensorType.UINT8: _output.As<byte>()[i] = (byte)v; break;
                        case TensorType.INT16: _output.As<short>()[i] = (short)v; break;
                        case TensorType.UINT16: _output.As<ushort>()[i] = (ushort)v; break;
                        case TensorType.INT32: _output.As<int>()[i] = (int)v; break;
                        case TensorType.UINT32: _output.As<uint>()[i] = (uint)v; break;
                        case TensorType.BOOL: _output.As<byte>()[i] = v != 0 ? (byte)1 : (byte)0; break;
                        default: _output.As<long>()[i] = v; break;
                    }
                }
            }
        }
    }
}
