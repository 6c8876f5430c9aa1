using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>Evaluates a quantized ADD or SUB (int8 or int16) element by element, with broadcasting.</summary>
    public sealed class QuantizedAddSubOp : PreparedOp
    {
        private readonly RuntimeTensor _input1, _input2, _output;
        private readonly int[]? _map1, _map2;
        private readonly QuantizedAddSub _arithmetic;

        /// <summary>The prepared arithmetic (read by the C backend's lowering).</summary>
        internal QuantizedAddSub Arithmetic => _arithmetic;

        public QuantizedAddSubOp(PrepareContext context, bool subtract, bool multipliersInFloat)
        {
            _input1 = context.Input(0);
            _input2 = context.Input(1);
            _output = context.Output(0);
            if (_input1.Type != _output.Type) throw context.UnsupportedType(_input1);
            if (_input2.Type != _output.Type) throw context.UnsupportedType(_input2);
            _map1 = BroadcastIndex.Map(_input1, _output, context);
            _map2 = BroadcastIndex.Map(_input2, _output, context);
            _arithmetic = new QuantizedAddSub(context, subtract, multipliersInFloat);
        }

        public override void Eval()
        {
            if (_output.Type == TensorType.INT16)
            {
                var a = _input1.As<short>();
                var b = _input2.As<short>();
                var o = _output.As<short>();
                for (int i = 0; i < o.Length; i++)
                    o[i] = (short)_arithmetic.Compute(a[BroadcastIndex.At(_map1, i)], b[BroadcastIndex.At(_map2, i)]);
            }
            else
            {
                var a = _input1.As<sbyte>();
                var b = _input2.As<sbyte>();
                var o = _output.As<sbyte>();
                for (int i = 0; i < o.Length; i++)
                    o[i] = (sbyte)_arithmetic.Compute(a[BroadcastIndex.At(_map1, i)], b[BroadcastIndex.At(_map2, i)]);
            }
        }
    }
}
