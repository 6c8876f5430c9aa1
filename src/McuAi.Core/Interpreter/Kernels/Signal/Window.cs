using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// SignalWindow: multiplies each frame of int16 samples by an int16 window (for instance a Hann
    /// window in Q14), shifts right by the 'shift' parameter and saturates to int16. The input holds one
    /// or more frames of the window's length, back to back.
    /// </summary>
    [KernelFor("SignalWindow")]
    public sealed class WindowKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            SignalPrepare.Operands(context, 2, 1);
            var input = SignalPrepare.Input(context, 0, TensorType.INT16);
            var window = SignalPrepare.Input(context, 1, TensorType.INT16, rank: 1);
            var output = SignalPrepare.Output(context, 0, TensorType.INT16, rank: input.Rank);
            if (input.Rank < 1) throw context.Fail(DiagnosticCodes.InvalidOperator, "the input must have at least one dimension");
            int shift = SignalPrepare.Options(context)["shift"].AsInt32();
            int frame = window.Dim(0);
            if (frame == 0 || input.ElementCount % frame != 0 || output.ElementCount != input.ElementCount)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"input '{input.Name}' has {input.ElementCount} samples and output '{output.Name}' {output.ElementCount}; both must be whole frames of the window's {frame}");
            return new WindowOp(input, window, output, shift);
        }

        internal sealed class WindowOp : PreparedOp
        {
            private readonly RuntimeTensor _input, _window, _output;
            private readonly int _shift;

            // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
            internal int Shift => _shift;
            internal int Frame => _window.Dim(0);

            public WindowOp(RuntimeTensor input, RuntimeTensor window, RuntimeTensor output, int shift) =>
                (_input, _window, _output, _shift) = (input, window, output, shift);

            public override void Eval()
            {
                var input = _input.As<short>();
                var window = _window.As<short>();
                var output = _output.As<short>();
                int frame = window.Length;
                for (int i = 0; i < input.Length; i++)
                {
                    int raw = input[i] * window[i % frame] >> _shift;
                    output[i] = (short)(raw < short.MinValue ? short.MinValue : raw > short.MaxValue ? short.MaxValue : raw);
                }
            }
        }
    }
}
