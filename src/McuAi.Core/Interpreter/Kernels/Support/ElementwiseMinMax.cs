using System;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// MINIMUM and MAXIMUM: the smaller or larger of two values, with broadcasting, on the raw values
    /// (quantized inputs share the output's quantization in TFLM). float32, int8, int16, int32, int64.
    /// </summary>
    public sealed class ElementwiseMinMax : PreparedOp
    {
        private readonly RuntimeTensor _a, _b, _output;
        private readonly int[]? _mapA, _mapB;
        private readonly bool _maximum;

        /// <summary>True for MAXIMUM, false for MINIMUM (read by the C backend's lowering).</summary>
        internal bool Maximum => _maximum;

        public ElementwiseMinMax(PrepareContext context, bool maximum)
        {
            (_a, _b, _output) = (context.Input(0), context.Input(1), context.Output(0));
            if (_output.Type is not (TensorType.FLOAT32 or TensorType.INT8 or TensorType.INT16 or TensorType.INT32 or TensorType.INT64))
                throw context.UnsupportedType(_output);
            if (_a.Type != _output.Type) throw context.UnsupportedType(_a);
            if (_b.Type != _output.Type) throw context.UnsupportedType(_b);
            _mapA = BroadcastIndex.Map(_a, _output, context);
            _mapB = BroadcastIndex.Map(_b, _output, context);
            _maximum = maximum;
        }

        public override void Eval()
        {
            switch (_output.Type)
            {
                case TensorType.FLOAT32: RunFloat(); break;
                case TensorType.INT8: Run<sbyte>(); break;
                case TensorType.INT16: Run<short>(); break;
                case TensorType.INT32: Run<int>(); break;
                default: Run<long>(); break;
            }
        }

        /// <summary>Float with C's comparisons, so a NaN second operand wins as in TFLM (CompareTo orders NaN first).</summary>
        private void RunFloat()
        {
            var a = _a.As<float>();
            var b = _b.As<float>();
            var o = _output.As<float>();
            for (int i = 0; i < o.Length; i++)
            {
                float x = a[BroadcastIndex.At(_mapA, i)], y = b[BroadcastIndex.At(_mapB, i)];
                o[i] = (_maximum ? x > y : x < y) ? x : y;
            }
        }

        private void Run<T>() where T : struct, IComparable<T>
        {
            var a = _a.As<T>();
            var b = _b.As<T>();
            var o = _output.As<T>();
            for (int i = 0; i < o.Length; i++)
            {
                T x = a[BroadcastIndex.At(_mapA, i)], y = b[BroadcastIndex.At(_mapB, i)];
                // TFLM's comparisons: max is (x > y ? x : y), min is (x < y ? x : y).
                bool takeX = _maximum ? x.CompareTo(y) > 0 : x.CompareTo(y) < 0;
                o[i] = takeX ? x : y;
            }
        }
    }
}
