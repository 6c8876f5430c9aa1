using System;

namespace McuAi.Compiler.Packing
{
    /// <summary>
    /// Weights of an int8 layer laid out for the C runtime, with the input offset folded into the bias.
    /// </summary>
    public sealed class PackedInt8Weights
    {
        internal PackedInt8Weights(sbyte[] weights, int rowLength, int taps, int tapStride, int[] bias, long[] modelBias, long[] radius)
        {
            Weights = weights;
            RowLength = rowLength;
            Taps = taps;
            TapStride = tapStride;
            Bias = bias;
            ModelBias = modelBias;
            AccumulatorRadius = radius;
            AccumulatorBounds = new long[bias.Length];
            for (int c = 0; c < bias.Length; c++) AccumulatorBounds[c] = Math.Abs(modelBias[c]) + radius[c];
        }

        /// <summary>Per output channel: the model's bias; TFLM's accumulator is within <see cref="AccumulatorRadius"/> of it.</summary>
        public long[] ModelBias { get; }

        /// <summary>Per output channel: max |x + input_offset| · Σ|w| over every int8 input x.</summary>
        public long[] AccumulatorRadius { get; }

        /// <summary>Weights per channel; channel c's weight t is at c·<see cref="RowLength"/> + t·<see cref="TapStride"/>.</summary>
        public int Taps { get; }
        public int TapStride { get; }

        /// <summary>
        /// A copy in which the given channels (value non-null) have zero weights and the given bias: their accumulator
        /// is then that bias for every input.
        /// </summary>
        public PackedInt8Weights WithConstantChannels(int?[] biasOfConstant)
        {
            var weights = (sbyte[])Weights.Clone();
            var bias = (int[])Bias.Clone();
            var modelBias = (long[])ModelBias.Clone();
            var radius = (long[])AccumulatorRadius.Clone();
            for (int c = 0; c < bias.Length; c++)
            {
                if (biasOfConstant[c] is not int b) continue;
                for (int t = 0; t < Taps; t++) weights[c * RowLength + t * TapStride] = 0;
                bias[c] = b;
                modelBias[c] = b;
                radius[c] = 0;
            }
            return new PackedInt8Weights(weights, RowLength, Taps, TapStride, bias, modelBias, radius);
        }

        /// <summary>The packed weights (see the method that built them for the layout).</summary>
        public sbyte[] Weights { get; }

        /// <summary>Values per output channel in <see cref="Weights"/> (rows: padded to a multiple of 4).</summary>
        public int RowLength { get; }

        /// <summary>Per output channel: bias + input_offset · Σ weights, wrapped to int32 like TFLM's sums.</summary>
        public int[] Bias { get; }

        /// <summary>Per output channel: a bound on |Σ (x + input_offset)·w + bias| over every int8 input x.</summary>
        public long[] AccumulatorBounds { get; }
    }

    /// <summary>
    /// Build-time packing of int8 weights for the C kernels. Folding input_offset·Σw into the bias is exact:
    /// TFLM computes Σ over the valid taps of (x + input_offset)·w + bias in wrapping int32 arithmetic; the
    /// kernels compute Σ over all taps of x·w + (bias + input_offset·Σw), reading the input zero point
    /// (x = −input_offset) where the window leaves the input, which cancels the folded term of that tap.
    /// Both sums are equal modulo 2^32, the only precision TFLM keeps.
    /// </summary>
    public static class Int8WeightPacking
    {
        /// <summary>
        /// Rows of a CONV_2D filter (OHWI: <paramref name="outChannels"/> rows of kh·kw·ic values) or of
        /// FULLY_CONNECTED weights, each zero-padded to a multiple of 4 values so that a kernel reads whole
        /// words; the zero weights make the padding values irrelevant.
        /// </summary>
        /// <param name="bias">One value per output channel, or empty (no bias).</param>
        public static PackedInt8Weights Rows(ReadOnlySpan<sbyte> filter, int outChannels, ReadOnlySpan<int> bias, int inputZeroPoint)
        {
            if (outChannels <= 0 || filter.Length % outChannels != 0)
                throw new ArgumentException($"{filter.Length} weights do not split into {outChannels} rows");
            int length = filter.Length / outChannels;
            int rowLength = (length + 3) & ~3;
            var packed = new sbyte[outChannels * rowLength];
            for (int c = 0; c < outChannels; c++)
                filter.Slice(c * length, length).CopyTo(packed.AsSpan(c * rowLength, length));
            return Fold(packed, rowLength, outChannels, length, 1, bias, inputZeroPoint);
        }

        /// <summary>
        /// A DEPTHWISE_CONV_2D filter ([1, kh, kw, channels]) as the conv rows of a depthwise layer with one
        /// input channel (then each output channel is a KxK convolution of that channel): row c holds the
        /// channel's kh·kw taps, zero-padded to a multiple of 4.
        /// </summary>
        public static PackedInt8Weights DepthwiseAsRows(ReadOnlySpan<sbyte> filter, int channels, ReadOnlySpan<int> bias, int inputZeroPoint)
        {
            if (channels <= 0 || filter.Length % channels != 0)
                throw new ArgumentException($"{filter.Length} weights do not split into {channels} channels");
            int taps = filter.Length / channels;
            var rows = new sbyte[filter.Length];
            for (int t = 0; t < taps; t++)
                for (int c = 0; c < channels; c++) rows[c * taps + t] = filter[t * channels + c];
            return Rows(rows, channels, bias, inputZeroPoint);
        }

        /// <summary>
        /// A DEPTHWISE_CONV_2D filter kept in the model's layout ([kh·kw][channels]; the kernel widens it
        /// into scratch at run time), with its folded bias.
        /// </summary>
        public static PackedInt8Weights Depthwise(ReadOnlySpan<sbyte> filter, int channels, ReadOnlySpan<int> bias, int inputZeroPoint)
        {
            if (channels <= 0 || filter.Length % channels != 0)
                throw new ArgumentException($"{filter.Length} weights do not split into {channels} channels");
            return Fold(filter.ToArray(), 1, channels, filter.Length / channels, channels, bias, inputZeroPoint);
        }

        /// <summary>
        /// Folded bias and bounds of channel c over its <paramref name="taps"/> weights at
        /// c·<paramref name="rowLength"/> + t·<paramref name="tapStride"/>.
        /// </summary>
        private static PackedInt8Weights Fold(sbyte[] weights, int rowLength, int channels, int taps, int tapStride, ReadOnlySpan<int> bias, int inputZeroPoint)
        {
            if (!bias.IsEmpty && bias.Length != channels)
                throw new ArgumentException($"{bias.Length} bias values for {channels} output channels");
            if (inputZeroPoint < sbyte.MinValue || inputZeroPoint > sbyte.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(inputZeroPoint), inputZeroPoint, "an int8 zero point is in [-128, 127]");
            int inputOffset = -inputZeroPoint;
            // The largest |x + input_offset| over int8 x.
            long inputMagnitude = Math.Max(Math.Abs(sbyte.MinValue + inputOffset), Math.Abs(sbyte.MaxValue + inputOffset));
            var folded = new int[channels];
            var modelBias = new long[channels];
            var radius = new long[channels];
            for (int c = 0; c < channels; c++)
            {
                long sum = 0, magnitude = 0;
                for (int t = 0; t < taps; t++)
                {
                    int w = weights[c * rowLength + t * tapStride];
                    sum += w;
                    magnitude += Math.Abs(w);
                }
                long b = bias.IsEmpty ? 0 : bias[c];
                folded[c] = unchecked((int)(b + inputOffset * sum));
                modelBias[c] = b;
                radius[c] = inputMagnitude * magnitude;
            }
            return new PackedInt8Weights(weights, rowLength, taps, tapStride, folded, modelBias, radius);
        }
    }
}
