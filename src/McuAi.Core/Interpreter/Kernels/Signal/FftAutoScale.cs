using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// SignalFftAutoScale: shifts an int16 frame left as far as its largest magnitude allows, so the
    /// fixed-point FFT keeps the most precision, and outputs the shift (int32 scalar) for later ops to undo.
    /// </summary>
    [KernelFor("SignalFftAutoScale")]
    public sealed class FftAutoScaleKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            SignalPrepare.Operands(context, 1, 2);
            var input = SignalPrepare.Input(context, 0, TensorType.INT16, rank: 1);
            var output = SignalPrepare.Output(context, 0, TensorType.INT16, rank: 1);
            var scaleBits = SignalPrepare.Output(context, 1, TensorType.INT32, rank: 0);
            if (output.ElementCount > input.ElementCount)
                throw context.Fail(Diagnostics.DiagnosticCodes.InvalidOperator, $"output '{output.Name}' is longer than input '{input.Name}'");
            return new FftAutoScaleOp(input, output, scaleBits);
        }

        internal sealed class FftAutoScaleOp : PreparedOp
        {
            private readonly RuntimeTensor _input, _output, _scaleBits;

            // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
            internal int Count => (int)_output.ElementCount;

            public FftAutoScaleOp(RuntimeTensor input, RuntimeTensor output, RuntimeTensor scaleBits) =>
                (_input, _output, _scaleBits) = (input, output, scaleBits);

            public override void Eval()
            {
                // TFLM scales as many samples as the output holds.
                var output = _output.As<short>();
                var input = _input.As<short>().Slice(0, output.Length);
                int scale = ScaleBits(MaxAbs(input));
                for (int i = 0; i < input.Length; i++) output[i] = unchecked((short)(input[i] * (1 << scale)));
                _scaleBits.As<int>()[0] = scale;
            }

            /// <summary>
            /// The largest magnitude as TFLM's MaxAbs16 finds it, running maximum kept in int16: -32768 negates
            /// to itself, so after it the running maximum is -32768 and the next sample replaces it.
            /// </summary>
            internal static short MaxAbs(System.ReadOnlySpan<short> input)
            {
                short max = 0;
                foreach (short value in input)
                {
                    if (value > max) max = value;
                    else if (-value > max) max = unchecked((short)-value);
                }
                return max;
            }

            /// <summary>
            /// 15 − the position of the top bit; a negative maximum (the -32768 case) is an unsigned value
            /// of 32 bits, so no shift, as for 0 (whose top bit TFLM's GCC build reports as 32).
            /// </summary>
            internal static int ScaleBits(short max) =>
                System.Math.Max(0, 16 - (int)SignalMath.MostSignificantBit32(unchecked((uint)max)) - 1);
        }
    }
}
