using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// SUB: output = input1 − input2 with broadcasting and the fused activation. Types: float32, int32
    /// (unquantized), int8 and int16 (TFLM's general quantized path, multipliers computed in float).
    /// </summary>
    [KernelFor(BuiltinOperator.SUB)]
    public sealed class SubKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var output = context.Output(0);
            return output.Type switch
            {
                TensorType.FLOAT32 => new FloatSub(context),
                TensorType.INT32 => new Int32Sub(context),
                TensorType.INT8 or TensorType.INT16 => new QuantizedAddSubOp(context, subtract: true, multipliersInFloat: true),
                _ => throw context.UnsupportedType(output),
            };
        }

        private sealed class FloatSub : PreparedOp
        {
            private readonly RuntimeTensor _a, _b, _output;
            private readonly int[]? _mapA, _mapB;
            private readonly float _min, _max;

            public FloatSub(PrepareContext context)
            {
                (_a, _b, _output) = (context.Input(0), context.Input(1), context.Output(0));
                if (_a.Type != TensorType.FLOAT32) throw context.UnsupportedType(_a);
                if (_b.Type != TensorType.FLOAT32) throw context.UnsupportedType(_b);
                _mapA = BroadcastIndex.Map(_a, _output, context);
                _mapB = BroadcastIndex.Map(_b, _output, context);
                (_min, _max) = FusedActivation.FloatRange(FusedActivation.Of(context));
            }

            public override void Eval()
            {
                var a = _a.As<float>();
                var b = _b.As<float>();
                var o = _output.As<float>();
                for (int i = 0; i < o.Length; i++)
                    o[i] = FixedPoint.Clamp(a[BroadcastIndex.At(_mapA, i)] - b[BroadcastIndex.At(_mapB, i)], _min, _max);
            }
        }

        internal sealed class Int32Sub : PreparedOp
        {
            private readonly RuntimeTensor _a, _b, _output;
            private readonly int[]? _mapA, _mapB;
            private readonly int _min, _max;

            // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
            internal (int Min, int Max) Range => (_min, _max);

            public Int32Sub(PrepareContext context)
            {
                (_a, _b, _output) = (context.Input(0), context.Input(1), context.Output(0));
                if (_a.Type != TensorType.INT32) throw context.UnsupportedType(_a);
                if (_b.Type != TensorType.INT32) throw context.UnsupportedType(_b);
                _mapA = BroadcastIndex.Map(_a, _output, context);
                _mapB = BroadcastIndex.Map(_b, _output, context);
                // TFLM clamps int32 results to the activation's bounds taken as integers.
                var (min, max) = FusedActivation.FloatRange(FusedActivation.Of(context));
                _min = min <= int.MinValue ? int.MinValue : (int)min;
                _max = max >= int.MaxValue ? int.MaxValue : (int)max;
            }

            public override void Eval()
            {
                var a = _a.As<int>();
                var b = _b.As<int>();
                var o = _output.As<int>();
                for (int i = 0; i < o.Length; i++)
                    o[i] = FixedPoint.Clamp(unchecked(a[BroadcastIndex.At(_mapA, i)] - b[BroadcastIndex.At(_mapB, i)]), _min, _max);
            }
        }
    }
}
