using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// SignalPCAN (per-channel amplitude normalisation): each uint32 channel is multiplied by a gain
    /// that falls with the channel's noise estimate (a piecewise-quadratic "wide dynamic" function read
    /// from an int16 table), then compressed by a shrink function: x²/4 below 2, x − 1 above, in the
    /// fixed-point formats of TFLM's pcan_argc_fixed.cc (SNR with 12 fraction bits, output with 6).
    /// </summary>
    [KernelFor("SignalPCAN")]
    public sealed class PcanKernel : IKernel
    {
        /// <summary>The table holds 3 coefficients for each of 32 bit positions from index 4·2 − 6, plus entries 0-2: 125 values.</summary>
        private const int GainTableLength = 4 * 32 - 6 + 3;
        private const int SnrBits = 12;
        private const int OutputBits = 6;

        public PreparedOp Prepare(PrepareContext context)
        {
            SignalPrepare.Operands(context, 3, 1);
            var input = SignalPrepare.Input(context, 0, TensorType.UINT32, rank: 1);
            var noise = SignalPrepare.Input(context, 1, TensorType.UINT32, rank: 1);
            var gains = SignalPrepare.Input(context, 2, TensorType.INT16, rank: 1);
            var output = SignalPrepare.Output(context, 0, TensorType.UINT32, rank: 1);
            if (input.ElementCount == 0 || noise.ElementCount != input.ElementCount || output.ElementCount != input.ElementCount)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"input '{input.Name}', noise estimate '{noise.Name}' and output '{output.Name}' must have the same, non-zero number of channels");
            if (gains.ElementCount < GainTableLength)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"gain table '{gains.Name}' has {gains.ElementCount} entries; the op reads up to {GainTableLength}");
            int snrShift = SignalPrepare.Options(context)["snr_shift"].AsInt32();
            return new PcanOp(input, noise, gains, output, snrShift);
        }

        /// <summary>The gain for a noise estimate: table interpolation on the bits below the top bit.</summary>
        public static short WideDynamicGain(uint x, System.ReadOnlySpan<short> table)
        {
            if (x <= 2) return table[(int)x];
            int interval = (int)SignalMath.MostSignificantBit32(x);
            var lut = table.Slice(4 * interval - 6);
            // The 10 bits after the top bit, as a fraction of the interval.
            int fraction = (int)((interval < 11 ? x << (11 - interval) : x >> (interval - 11)) & 0x3FF);
            int result = lut[2] * fraction >> 5;
            result = unchecked(result + (int)((uint)lut[1] << 5));
            result = unchecked(result * fraction);
            result = unchecked(result + (1 << 14)) >> 15;
            result += lut[0];
            return unchecked((short)result);
        }

        /// <summary>Shrink(x) = x²/4 for x &lt; 2, x − 1 otherwise; x has 12 fraction bits, the result 6.</summary>
        public static uint Shrink(uint x) =>
            x < 2u << SnrBits
                ? x * x >> (2 + 2 * SnrBits - OutputBits)
                : unchecked((x >> (SnrBits - OutputBits)) - (1u << OutputBits));

        internal sealed class PcanOp : PreparedOp
        {
            private readonly RuntimeTensor _input, _noise, _gains, _output;
            private readonly int _snrShift;

            // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
            internal int SnrShift => _snrShift;

            public PcanOp(RuntimeTensor input, RuntimeTensor noise, RuntimeTensor gains, RuntimeTensor output, int snrShift) =>
                (_input, _noise, _gains, _output, _snrShift) = (input, noise, gains, output, snrShift);

            public override void Eval()
            {
                var input = _input.As<uint>();
                var noise = _noise.As<uint>();
                var gains = _gains.As<short>();
                var output = _output.As<uint>();
                for (int i = 0; i < input.Length; i++)
                {
                    // The int16 gain widens to uint32 as in C (a negative gain sign-extends).
                    uint gain = unchecked((uint)WideDynamicGain(noise[i], gains));
                    uint snr = unchecked((uint)((ulong)input[i] * gain >> _snrShift));
                    output[i] = Shrink(snr);
                }
            }
        }
    }
}
