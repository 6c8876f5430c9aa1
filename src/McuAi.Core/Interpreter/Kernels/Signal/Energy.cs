using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// SignalEnergy: the power real² + imaginary² (uint32) of the complex int16 bins from 'start_index'
    /// up to, not including, 'end_index'. TFLM leaves the other output elements unwritten (whatever the
    /// arena held); here they are zero, so results never depend on earlier operators' leftovers.
    /// </summary>
    [KernelFor("SignalEnergy")]
    public sealed class EnergyKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            SignalPrepare.Operands(context, 1, 1);
            var input = SignalPrepare.Input(context, 0, TensorType.INT16, rank: 1);
            var output = SignalPrepare.Output(context, 0, TensorType.UINT32, rank: 1);
            var options = SignalPrepare.Options(context);
            int start = options["start_index"].AsInt32();
            int end = options["end_index"].AsInt32();
            long bins = System.Math.Min(input.ElementCount / 2, output.ElementCount);
            if (end > bins) throw SignalPrepare.BadParameter(context, "end_index", end, $"at most {bins}, the bins of input '{input.Name}' and output '{output.Name}'");
            return new EnergyOp(input, output, start, end);
        }

        internal sealed class EnergyOp : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;
            private readonly int _start, _end;

            // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
            internal (int Start, int End) Bins => (_start, _end);

            public EnergyOp(RuntimeTensor input, RuntimeTensor output, int start, int end) =>
                (_input, _output, _start, _end) = (input, output, start, end);

            public override void Eval()
            {
                var spectrum = _input.As<short>();
                var energy = _output.As<uint>();
                energy.Clear();
                for (int i = _start; i < _end; i++)
                {
                    int re = spectrum[2 * i], im = spectrum[2 * i + 1];
                    // Computed in int32 as TFLM does: (-32768)² · 2 wraps to 2^31, which is right as uint32.
                    energy[i] = unchecked((uint)(re * re + im * im));
                }
            }
        }
    }
}
