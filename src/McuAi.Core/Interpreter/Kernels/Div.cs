using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// DIV with broadcasting and the fused activation. Float32; int32 (C's truncating division; a zero
    /// divisor is a coded error where TFLM would trap); int8 bit-exact with TFLM: the divisor's fixed-point
    /// reciprocal times the dividend normalised by its headroom, then one rescale by
    /// input1_scale / (input2_scale × output_scale) computed in float.
    /// </summary>
    [KernelFor(BuiltinOperator.DIV)]
    public sealed class DivKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var a = context.Input(0);
            var b = context.Input(1);
            var output = context.Output(0);
            if (a.Type != output.Type) throw context.UnsupportedType(a);
            if (b.Type != output.Type) throw context.UnsupportedType(b);
            return output.Type switch
            {
                TensorType.FLOAT32 or TensorType.INT32 => new PlainDiv(context),
                TensorType.INT8 => new Int8Div(context),
                _ => throw context.UnsupportedType(output),
            };
        }

        internal sealed class PlainDiv : PreparedOp
        {
            private readonly RuntimeTensor _a, _b, _output;
            private readonly int[]? _mapA, _mapB;
            private readonly float _min, _max;
            private readonly string? _fileName;
            private readonly string _where;

            /// <summary>The activation bounds of the int32 path (read by the C backend's lowering too).</summary>
            internal (int Min, int Max) IntegerRange => (_min <= int.MinValue ? int.MinValue : (int)_min, _max >= int.MaxValue ? int.MaxValue : (int)_max);

            public PlainDiv(PrepareContext context)
            {
                (_a, _b, _output) = (context.Input(0), context.Input(1), context.Output(0));
                _mapA = BroadcastIndex.Map(_a, _output, context);
                _mapB = BroadcastIndex.Map(_b, _output, context);
                (_min, _max) = FusedActivation.FloatRange(FusedActivation.Of(context));
                _fileName = context.FileName;
                _where = $"operator {context.OperatorIndex} ({context.OpName})";
            }

            public override void Eval()
            {
                if (_output.Type == TensorType.FLOAT32)
                {
                    var a = _a.As<float>();
                    var b = _b.As<float>();
                    var o = _output.As<float>();
                    for (int i = 0; i < o.Length; i++)
                        o[i] = FixedPoint.Clamp(a[BroadcastIndex.At(_mapA, i)] / b[BroadcastIndex.At(_mapB, i)], _min, _max);
                    return;
                }
                var x = _a.As<int>();
                var y = _b.As<int>();
                var r = _output.As<int>();
                var (min, max) = IntegerRange;
                for (int i = 0; i < r.Length; i++)
                {
                    int divisor = y[BroadcastIndex.At(_mapB, i)];
                    int dividend = x[BroadcastIndex.At(_mapA, i)];
                    if (divisor == 0)
                        throw new McuAiException(DiagnosticCodes.InterpreterArithmeticError, _fileName, $"{_where}: integer division by zero at output element {i}");
                    // int.MinValue / −1 overflows in C as well; wrap instead of trapping.
                    r[i] = FixedPoint.Clamp(divisor == -1 ? unchecked(-dividend) : dividend / divisor, min, max);
                }
            }
        }

        private sealed class Int8Div : PreparedOp
        {
            private readonly RuntimeTensor _a, _b, _output;
            private readonly int[]? _mapA, _mapB;
            private readonly int _offsetA, _offsetB, _outputOffset, _multiplier, _shift, _min, _max;
            private readonly string? _fileName;
            private readonly string _where;

            public Int8Div(PrepareContext context)
            {
                (_a, _b, _output) = (context.Input(0), context.Input(1), context.Output(0));
                foreach (var t in new[] { _a, _b, _output }) QuantizedMultipliers.RequireQuantized(t, context);
                _mapA = BroadcastIndex.Map(_a, _output, context);
                _mapB = BroadcastIndex.Map(_b, _output, context);
                (_multiplier, _shift) = FixedPoint.QuantizeMultiplier(_a.Scale / (_b.Scale * _output.Scale));
                _offsetA = -_a.ZeroPoint;
                _offsetB = -_b.ZeroPoint;
                _outputOffset = _output.ZeroPoint;
                (_min, _max) = FusedActivation.QuantizedRange(FusedActivation.Of(context), _output, context);
                _fileName = context.FileName;
                _where = $"operator {context.OperatorIndex} ({context.OpName})";
            }

            public override void Eval()
            {
                var a = _a.As<sbyte>();
                var b = _b.As<sbyte>();
                var o = _output.As<sbyte>();
                for (int i = 0; i < o.Length; i++)
                {
                    int dividend = a[BroadcastIndex.At(_mapA, i)] + _offsetA;
                    int divisor = b[BroadcastIndex.At(_mapB, i)] + _offsetB;
                    if (divisor == 0)
                        throw new McuAiException(DiagnosticCodes.InterpreterArithmeticError, _fileName, $"{_where}: the divisor at output element {i} is its zero point (a real 0)");
                    if (divisor < 0)
                    {
                        dividend = -dividend;
                        divisor = -divisor;
                    }
                    int reciprocal = GemmlowpMath.GetReciprocal(divisor, 31, out int reciprocalShift);
                    int headroom = CountLeadingSignBits(dividend);
                    int quotient = FixedPoint.MultiplyByQuantizedMultiplierGreaterThanOne(dividend, reciprocal, headroom);
                    int totalShift = _shift - reciprocalShift - headroom;
                    int value = _outputOffset + FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp(quotient, _multiplier, totalShift);
                    o[i] = (sbyte)FixedPoint.Clamp(value, _min, _max);
                }
            }

            /// <summary>Redundant sign bits of a 32-bit value (GCC's __builtin_clrsb; 31 for 0 and −1).</summary>
            private static int CountLeadingSignBits(int x) => GemmlowpMath.CountLeadingZeros((uint)(x ^ (x >> 31))) - 1;
        }
    }
}
