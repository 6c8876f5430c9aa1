using System;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>A float binary op with broadcasting and a fused activation clamp (ADD, MUL, …).</summary>
    public sealed class BinaryFloat : PreparedOp
    {
        private readonly RuntimeTensor _a, _b, _output;
        private readonly Broadcast _broadcast;
        private readonly float _min, _max;
        private readonly Func<float, float, float> _op;

        public BinaryFloat(RuntimeTensor a, RuntimeTensor b, RuntimeTensor output, Broadcast broadcast, (float Min, float Max) range, Func<float, float, float> op)
        {
            _a = a;
            _b = b;
            _output = output;
            _broadcast = broadcast;
            (_min, _max) = range;
            _op = op;
        }

        public override void Eval()
        {
            var a = _a.As<float>();
            var b = _b.As<float>();
            var output = _output.As<float>();
            var indexA = _broadcast.IndexA;
            var indexB = _broadcast.IndexB;
            for (int i = 0; i < _broadcast.Count; i++)
                output[i] = FixedPoint.Clamp(_op(a[indexA is null ? i : indexA[i]], b[indexB is null ? i : indexB[i]]), _min, _max);
        }
    }

    /// <summary>An int32 binary op with broadcasting and a fused activation clamp (no quantization).</summary>
    public sealed class BinaryInt32 : PreparedOp
    {
        private readonly RuntimeTensor _a, _b, _output;
        private readonly Broadcast _broadcast;
        private readonly int _min, _max;
        private readonly Func<int, int, int> _op;

        public BinaryInt32(RuntimeTensor a, RuntimeTensor b, RuntimeTensor output, Broadcast broadcast, (int Min, int Max) range, Func<int, int, int> op)
        {
            _a = a;
            _b = b;
            _output = output;
            _broadcast = broadcast;
            (_min, _max) = range;
            _op = op;
        }

        public override void Eval()
        {
            var a = _a.As<int>();
            var b = _b.As<int>();
            var output = _output.As<int>();
            var indexA = _broadcast.IndexA;
            var indexB = _broadcast.IndexB;
            for (int i = 0; i < _broadcast.Count; i++)
                output[i] = FixedPoint.Clamp(_op(a[indexA is null ? i : indexA[i]], b[indexB is null ? i : indexB[i]]), _min, _max);
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
