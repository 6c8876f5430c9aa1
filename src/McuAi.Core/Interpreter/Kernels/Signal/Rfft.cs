using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// SignalRfft for int16: each frame (the last dimension) is zero-padded to 'fft_length' samples and
    /// transformed by TFLM's fixed-point kissfft (<see cref="KissFftInt16"/>) into fft_length / 2 + 1
    /// complex bins, stored as interleaved int16 (real, imaginary) pairs. The float and int32 variants
    /// of the op (parameter 'T') are not implemented.
    /// </summary>
    [KernelFor("SignalRfft")]
    public sealed class RfftKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            SignalPrepare.Operands(context, 1, 1);
            var options = SignalPrepare.Options(context);
            var type = (TensorType)options["T"].AsInt32();
            if (type != TensorType.INT16)
                throw context.Fail(DiagnosticCodes.UnsupportedType, $"the op computes in {type} (parameter 'T'); the interpreter implements the int16 FFT only");
            int fftLength = options["fft_length"].AsInt32();
            var input = SignalPrepare.Input(context, 0, TensorType.INT16);
            var output = SignalPrepare.Output(context, 0, TensorType.INT16, rank: input.Rank);
            if (input.Rank < 1) throw context.Fail(DiagnosticCodes.InvalidOperator, "the input must have at least one dimension");
            int frame = input.Dim(-1);
            int bins = output.Dim(-1) / 2;
            long frames = frame == 0 ? 0 : input.ElementCount / frame;
            if (frame > fftLength)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"frames of {frame} samples do not fit the FFT length {fftLength}");
            if (bins != fftLength / 2 + 1 || output.ElementCount != frames * 2 * bins)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"output '{output.Name}' [{string.Join(",", output.Shape)}] must hold {fftLength / 2 + 1} complex bins (int16 pairs) per frame for the FFT length {fftLength}");
            return new RfftOp(input, output, frame, (int)frames, new KissFftInt16(fftLength));
        }

        internal sealed class RfftOp : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;
            private readonly int _frame, _frames;
            private readonly KissFftInt16 _fft;
            private readonly short[] _padded;

            // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
            internal int Frame => _frame;
            internal int Frames => _frames;
            internal KissFftInt16 Fft => _fft;

            public RfftOp(RuntimeTensor input, RuntimeTensor output, int frame, int frames, KissFftInt16 fft)
            {
                (_input, _output, _frame, _frames, _fft) = (input, output, frame, frames, fft);
                _padded = new short[fft.FftLength];
            }

            public override void Eval()
            {
                var input = _input.As<short>();
                var output = _output.As<short>();
                int binValues = 2 * _fft.Bins;
                for (int f = 0; f < _frames; f++)
                {
                    // The tail of _padded past the frame stays zero: the zero padding to the FFT length.
                    input.Slice(f * _frame, _frame).CopyTo(_padded);
                    _fft.Transform(_padded, output.Slice(f * binValues, binValues));
                }
            }
        }
    }
}
