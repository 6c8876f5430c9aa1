using System;
using McuAi.Interpreter.Simd;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>CONV_2D in float (also hybrid models, with the filter dequantized in Prepare).</summary>
    public sealed class Conv2DFloat : PreparedOp
    {
        private readonly RuntimeTensor _input;
        private readonly RuntimeTensor _output;
        private readonly ConvLayout _layout;
        private readonly PackedFloatFilter[] _filters;
        private readonly float[] _bias;
        private readonly float _min;
        private readonly float _max;
        private readonly float[] _patch;
        private readonly float[] _acc;

        // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
        internal ConvLayout Layout => _layout;
        internal (float Min, float Max) Range => (_min, _max);

        public Conv2DFloat(PrepareContext context, ConvLayout layout, float[] filter)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            _layout = layout;
            _filters = context.Shared("filter-packed", () => Pack(filter, layout));
            _bias = QuantizedMultipliers.FloatBias(context.OptionalInput(2), layout.Geometry.OutputDepth, context);
            (_min, _max) = FusedActivation.FloatRange(FusedActivation.Of(context));
            _patch = new float[layout.PatchSize];
            _acc = new float[8 * _filters[0].Blocks];
        }

        /// <summary>One packed filter set per group (groups see disjoint input and output channels).</summary>
        private static PackedFloatFilter[] Pack(float[] filter, ConvLayout layout)
        {
            int perGroup = layout.Geometry.OutputDepth / layout.Groups;
            int k = layout.PatchSize;
            var result = new PackedFloatFilter[layout.Groups];
            for (int g = 0; g < layout.Groups; g++)
                result[g] = PackedFloatFilter.Create(filter.AsSpan(g * perGroup * k, perGroup * k), perGroup, k);
            return result;
        }

        public override void Eval()
        {
            var g = _layout.Geometry;
            var input = _input.As<float>();
            var output = _output.As<float>();
            int channelsPerGroup = g.OutputDepth / _layout.Groups;
            int o = 0;
            for (int b = 0; b < g.Batches; b++)
                for (int y = 0; y < g.OutputHeight; y++)
                    for (int x = 0; x < g.OutputWidth; x++, o += g.OutputDepth)
                        for (int group = 0; group < _layout.Groups; group++)
                        {
                            Im2Col.Float(input, _patch, _layout, b, y, x, group * _layout.FilterDepth);
                            _filters[group].Accumulate(_patch, _acc);
                            int first = group * channelsPerGroup;
                            for (int c = first; c < first + channelsPerGroup; c++)
                                output[o + c] = FixedPoint.Clamp(_acc[c - first] + _bias[c], _min, _max);
                        }
        }
    }
}
