using System;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// An unquantized binary op (float32 or int32) with broadcasting and a fused activation clamp (ADD, MUL, …).
    /// The clamp is passed in because netstandard2.0 has no generic arithmetic.
    /// </summary>
    public sealed class BinaryUnquantized<T> : PreparedOp where T : unmanaged
    {
        private readonly RuntimeTensor _a, _b, _output;
        private readonly Broadcast _broadcast;
        private readonly T _min, _max;
        private readonly Func<T, T, T> _op;
        private readonly Func<T, T, T, T> _clamp;

        // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
        internal (T Min, T Max) Range => (_min, _max);

        public BinaryUnquantized(RuntimeTensor a, RuntimeTensor b, RuntimeTensor output, Broadcast broadcast, (T Min, T Max) range,
            Func<T, T, T> op, Func<T, T, T, T> clamp)
        {
            _a = a;
            _b = b;
            _output = output;
            _broadcast = broadcast;
            (_min, _max) = range;
            _op = op;
            _clamp = clamp;
        }

        public override void Eval()
        {
            var a = _a.As<T>();
            var b = _b.As<T>();
            var output = _output.As<T>();
            var indexA = _broadcast.IndexA;
            var indexB = _broadcast.IndexB;
            for (int i = 0; i < _broadcast.Count; i++)
                output[i] = _clamp(_op(a[indexA is null ? i : indexA[i]], b[indexB is null ? i : indexB[i]]), _min, _max);
        }
    }

    /// <summary>Activation bounds for unquantized integer outputs (TFLite's CalculateActivationRange for int32).</summary>
    public static class IntegerActivation
    {
        public static (int Min, int Max) Range(ActivationFunctionType activation) => activation switch
        {
            ActivationFunctionType.RELU => (0, int.MaxValue),
            ActivationFunctionType.RELU6 => (0, 6),
            ActivationFunctionType.RELU_N1_TO_1 => (-1, 1),
            _ => (int.MinValue, int.MaxValue),
        };
    }
}
