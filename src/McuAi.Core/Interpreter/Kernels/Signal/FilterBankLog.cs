using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// SignalFilterBankLog: ln of each uint32 channel, after shifting it left by 'input_correction_bits',
    /// scaled by 'output_scale' and saturated to int16; channels of 0 or 1 give 0.
    /// </summary>
    [KernelFor("SignalFilterBankLog")]
    public sealed class FilterBankLogKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            SignalPrepare.Operands(context, 1, 1);
            var input = SignalPrepare.Input(context, 0, TensorType.UINT32, rank: 1);
            var output = SignalPrepare.Output(context, 0, TensorType.INT16, rank: 1);
            var options = SignalPrepare.Options(context);
            int correctionBits = options["input_correction_bits"].AsInt32();
            int outputScale = options["output_scale"].AsInt32();
            if (output.ElementCount < input.ElementCount)
                throw context.Fail(Diagnostics.DiagnosticCodes.InvalidOperator, $"output '{output.Name}' has fewer elements than input '{input.Name}'");
            return new FilterBankLogOp(input, output, correctionBits, unchecked((uint)outputScale));
        }

        internal sealed class FilterBankLogOp : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;
            private readonly int _correctionBits;
            private readonly uint _outputScale;

            // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
            internal int CorrectionBits => _correctionBits;
            internal uint OutputScale => _outputScale;

            public FilterBankLogOp(RuntimeTensor input, RuntimeTensor output, int correctionBits, uint outputScale) =>
                (_input, _output, _correctionBits, _outputScale) = (input, output, correctionBits, outputScale);

            public override void Eval()
            {
                var input = _input.As<uint>();
                var output = _output.As<short>();
                for (int i = 0; i < input.Length; i++)
                {
                    uint scaled = input[i] << _correctionBits;
                    output[i] = scaled > 1 ? (short)System.Math.Min(IntegerLog.Log32(scaled, _outputScale), (uint)short.MaxValue) : (short)0;
                }
            }
        }
    }
}
