using System.Runtime.CompilerServices;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The output stage shared by TFLM's int8 weighted ops (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED):
    /// an int32 accumulator plus the channel's bias, rescaled by the channel's multiplier, plus the output
    /// zero point, clamped to the fused activation's range. Sealed and inlined: it runs once per output value.
    /// </summary>
    internal sealed class Int8OutputStage
    {
        private readonly int[] _bias;
        private readonly int[] _multipliers;
        private readonly int[] _shifts;
        private readonly int _outputOffset;
        private readonly int _min;
        private readonly int _max;

        private Int8OutputStage(PrepareContext context, (int[] Multipliers, int[] Shifts) rescale, int channels)
        {
            var output = context.Output(0);
            (_multipliers, _shifts) = rescale;
            _bias = QuantizedMultipliers.Bias(context.OptionalInput(2), channels, context);
            _outputOffset = output.ZeroPoint;
            (_min, _max) = FusedActivation.QuantizedRange(FusedActivation.Of(context), output, context);
        }

        /// <summary>One multiplier per output channel from the filter's (per-channel or broadcast) scales.</summary>
        public static Int8OutputStage PerChannel(PrepareContext context, int channels) =>
            new Int8OutputStage(context, QuantizedMultipliers.PerChannel(context.Input(0), context.Input(1), context.Output(0), channels, context), channels);

        /// <summary>One multiplier for every channel, rounded the way TFLM's per-tensor layers round it.</summary>
        public static Int8OutputStage PerTensor(PrepareContext context, int channels)
        {
            var (m, s) = QuantizedMultipliers.PerTensor(context.Input(0), context.Input(1), context.Output(0), context);
            return new Int8OutputStage(context, (Fill(channels, m), Fill(channels, s)), channels);
        }

        // The prepared figures, read by the C backend's lowering (McuAi.Compiler) so that it emits exactly these.
        internal int[] Bias => _bias;
        internal int[] Multipliers => _multipliers;
        internal int[] Shifts => _shifts;
        internal int OutputOffset => _outputOffset;
        internal int Min => _min;
        internal int Max => _max;

        /// <summary>The int8 output value of <paramref name="channel"/> for accumulator <paramref name="acc"/> (bias not yet added).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public sbyte Apply(int acc, int channel)
        {
            int value = FixedPoint.MultiplyByQuantizedMultiplier(unchecked(acc + _bias[channel]), _multipliers[channel], _shifts[channel]) + _outputOffset;
            return (sbyte)FixedPoint.Clamp(value, _min, _max);
        }

        private static int[] Fill(int count, int value)
        {
            var result = new int[count];
            for (int i = 0; i < count; i++) result[i] = value;
            return result;
        }
    }
}
