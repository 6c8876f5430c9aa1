using System;
using McuAi.Interpreter.Simd;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// CONV_2D with int8 input, filter and output and int32 bias, bit-exact with TFLM's per-channel
    /// kernel: acc = Σ filter · (input + input_offset) + bias over the window (padding contributes
    /// nothing), rescaled per output channel, plus the output zero point, clamped. The filter is
    /// repacked once (<see cref="PackedInt8Filter"/>; an INT4 filter is unpacked first, as TFLM does); each window is gathered once per output pixel and group.
    /// </summary>
    public sealed class Conv2DInt8 : PreparedOp
    {
        private readonly RuntimeTensor _input;
        private readonly RuntimeTensor _output;
        private readonly ConvLayout _layout;
        private readonly PackedInt8Filter[] _filters;
        private readonly int _inputOffset;
        private readonly Int8OutputStage _outputStage;
        private readonly short[] _patch;
        private readonly int[] _acc;

        // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
        internal ConvLayout Layout => _layout;
        internal int InputOffset => _inputOffset;
        internal Int8OutputStage OutputStage => _outputStage;

        public Conv2DInt8(PrepareContext context, ConvLayout layout)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            var filter = context.Input(1);
            _layout = layout;
            int channels = layout.Geometry.OutputDepth;
            _outputStage = Int8OutputStage.PerChannel(context, channels);
            // TFLM's int8 convolution treats filters as symmetric: their zero point is not applied.
            _filters = context.Shared("filter-packed", () => Pack(FilterValues.Int8(context, filter), layout));
            _inputOffset = -_input.ZeroPoint;
            _patch = new short[2 * _filters[0].Pairs];
            _acc = new int[8 * _filters[0].Blocks];
        }

        /// <summary>One packed filter set per group (groups see disjoint input and output channels).</summary>
        private static PackedInt8Filter[] Pack(ReadOnlySpan<sbyte> filter, ConvLayout layout)
        {
            int perGroup = layout.Geometry.OutputDepth / layout.Groups;
            int k = layout.PatchSize;
            var result = new PackedInt8Filter[layout.Groups];
            for (int g = 0; g < layout.Groups; g++)
                result[g] = PackedInt8Filter.Create(filter.Slice(g * perGroup * k, perGroup * k), perGroup, k, 0);
            return result;
        }

        public override void Eval()
        {
            var g = _layout.Geometry;
            var input = _input.As<sbyte>();
            var output = _output.As<sbyte>();
            int channelsPerGroup = g.OutputDepth / _layout.Groups;
            int o = 0;
            for (int b = 0; b < g.Batches; b++)
                for (int y = 0; y < g.OutputHeight; y++)
                    for (int x = 0; x < g.OutputWidth; x++, o += g.OutputDepth)
                        for (int group = 0; group < _layout.Groups; group++)
                        {
                            Im2Col.Int8(input, _patch, _layout, b, y, x, group * _layout.FilterDepth, _inputOffset);
                            _filters[group].Accumulate(_patch, _acc);
                            int first = group * channelsPerGroup;
                            for (int c = first; c < first + channelsPerGroup; c++)
                                output[o + c] = _outputStage.Apply(_acc[c - first], c);
                        }
        }
    }
}
