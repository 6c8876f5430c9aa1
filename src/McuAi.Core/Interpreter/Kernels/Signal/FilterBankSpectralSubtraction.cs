using System;
using McuAi.Diagnostics;
using McuAi.FlatBuffers;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// SignalFilterBankSpectralSubtraction: noise reduction on uint32 filter-bank channels. Each channel
    /// keeps a running noise estimate (a first-order low-pass of the signal, with its own coefficient on
    /// odd channels when 'alternate_smoothing' is set) and outputs the signal minus that estimate, but
    /// never below 'min_signal_remaining' × signal. The estimates are state: they persist across
    /// invocations, start at zero and return to zero on <see cref="PreparedOp.ResetState"/> (TFLM's Reset).
    /// The second output is a copy of the estimates (PCAN reads it).
    /// </summary>
    [KernelFor("SignalFilterBankSpectralSubtraction")]
    public sealed class FilterBankSpectralSubtractionKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            SignalPrepare.Operands(context, 1, 2);
            var input = SignalPrepare.Input(context, 0, TensorType.UINT32, rank: 1);
            var output = SignalPrepare.Output(context, 0, TensorType.UINT32, rank: 1);
            var noise = SignalPrepare.Output(context, 1, TensorType.UINT32, rank: 1);
            var parameters = Parameters.Read(context, SignalPrepare.Options(context));
            if (input.ElementCount < parameters.Channels || output.ElementCount < parameters.Channels || noise.ElementCount < parameters.Channels)
                throw SignalPrepare.BadParameter(context, "num_channels", parameters.Channels,
                    $"at most the elements of input '{input.Name}', output '{output.Name}' and noise estimate '{noise.Name}'");
            return new SpectralSubtractionOp(input, output, noise, parameters);
        }

        internal sealed class Parameters
        {
            public int Channels;
            public uint Smoothing, OneMinusSmoothing, AlternateSmoothing, AlternateOneMinusSmoothing, MinSignalRemaining;
            public int SmoothingBits, SpectralSubtractionBits;
            public bool Clamping;

            public static Parameters Read(PrepareContext context, FlexMap options)
            {
                var p = new Parameters
                {
                    Channels = options["num_channels"].AsInt32(),
                    // TFLM stores these int32 values in uint32 fields.
                    Smoothing = unchecked((uint)options["smoothing"].AsInt32()),
                    OneMinusSmoothing = unchecked((uint)options["one_minus_smoothing"].AsInt32()),
                    AlternateSmoothing = unchecked((uint)options["alternate_smoothing"].AsInt32()),
                    AlternateOneMinusSmoothing = unchecked((uint)options["alternate_one_minus_smoothing"].AsInt32()),
                    MinSignalRemaining = unchecked((uint)options["min_signal_remaining"].AsInt32()),
                    SmoothingBits = options["smoothing_bits"].AsInt32(),
                    SpectralSubtractionBits = options["spectral_subtraction_bits"].AsInt32(),
                    Clamping = options["clamping"].AsBool(),
                };
                return p;
            }
        }

        internal sealed class SpectralSubtractionOp : PreparedOp
        {
            private readonly RuntimeTensor _input, _output, _noiseOutput;
            private readonly Parameters _p;
            private readonly uint[] _noise;

            // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
            internal Parameters Settings => _p;

            public SpectralSubtractionOp(RuntimeTensor input, RuntimeTensor output, RuntimeTensor noiseOutput, Parameters parameters)
            {
                (_input, _output, _noiseOutput, _p) = (input, output, noiseOutput, parameters);
                _noise = new uint[parameters.Channels];
            }

            public override void ResetState() => Array.Clear(_noise, 0, _noise.Length);

            public override void Eval()
            {
                var input = _input.As<uint>();
                var output = _output.As<uint>();
                int bits = _p.SpectralSubtractionBits;
                for (int i = 0; i < _noise.Length; i++)
                {
                    bool odd = (i & 1) != 0;
                    ulong smoothing = odd ? _p.AlternateSmoothing : _p.Smoothing;
                    ulong oneMinusSmoothing = odd ? _p.AlternateOneMinusSmoothing : _p.OneMinusSmoothing;
                    // The signal gets smoothing_bits extra fraction bits for the filter (wrapping in 32 bits, as in TFLM).
                    uint signal = input[i] << _p.SmoothingBits;
                    _noise[i] = unchecked((uint)((signal * smoothing + _noise[i] * oneMinusSmoothing) >> bits));
                    uint estimate = _noise[i];
                    if (estimate > signal)
                    {
                        // The output must not go negative; with clamping the estimate itself follows the signal down.
                        estimate = signal;
                        if (_p.Clamping) _noise[i] = estimate;
                    }
                    uint floor = unchecked((uint)((ulong)input[i] * _p.MinSignalRemaining >> bits));
                    uint subtracted = (signal - estimate) >> _p.SmoothingBits;
                    output[i] = subtracted > floor ? subtracted : floor;
                }
                _noise.AsSpan().CopyTo(_noiseOutput.As<uint>());
            }
        }
    }
}
