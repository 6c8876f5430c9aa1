using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// SignalFilterBankSquareRoot: the rounded square root of each uint64 channel energy, shifted right by
    /// the scale bits that SignalFftAutoScale applied to the samples (int32 scalar input), giving uint32
    /// channel amplitudes back on the input's scale.
    /// </summary>
    [KernelFor("SignalFilterBankSquareRoot")]
    public sealed class FilterBankSquareRootKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            SignalPrepare.Operands(context, 2, 1);
            var input = SignalPrepare.Input(context, 0, TensorType.UINT64, rank: 1);
            var scaleBits = SignalPrepare.Input(context, 1, TensorType.INT32, rank: 0);
            var output = SignalPrepare.Output(context, 0, TensorType.UINT32, rank: 1);
            if (output.ElementCount < input.ElementCount)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"output '{output.Name}' has fewer elements than input '{input.Name}'");
            return new SquareRootOp(input, scaleBits, output);
        }

        internal sealed class SquareRootOp : PreparedOp
        {
            private readonly RuntimeTensor _input, _scaleBits, _output;

            // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
            internal int Count => (int)_input.ElementCount;

            public SquareRootOp(RuntimeTensor input, RuntimeTensor scaleBits, RuntimeTensor output) =>
                (_input, _scaleBits, _output) = (input, scaleBits, output);

            public override void Eval()
            {
                var input = _input.As<ulong>();
                var output = _output.As<uint>();
                // A shift of 32 or more is undefined in C; x86 (and C#) use the low five bits of the count.
                int shift = _scaleBits.As<int>()[0];
                for (int i = 0; i < input.Length; i++) output[i] = SignalMath.Sqrt64(input[i]) >> shift;
            }
        }
    }
}
