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
        private readonly float[] _filter;
        private readonly float[] _bias;
        private readonly float _min;
        private readonly float _max;
        private readonly float[] _patch;

        public Conv2DFloat(PrepareContext context, ConvLayout layout, float[] filter)
        {
            _input = context.Input(0);
            _output = context.Output(0);
            _layout = layout;
            _filter = filter;
            _bias = QuantizedMultipliers.FloatBias(context.OptionalInput(2), layout.Geometry.OutputDepth, context);
            (_min, _max) = FusedActivation.FloatRange(FusedActivation.Of(context));
            _patch = new float[layout.PatchSize];
        }

        public override void Eval()
        {
            var g = _layout.Geometry;
            var input = _input.As<float>();
            var output = _output.As<float>();
            int k = _layout.PatchSize;
            int channelsPerGroup = g.OutputDepth / _layout.Groups;
            int o = 0;
            for (int b = 0; b < g.Batches; b++)
                for (int y = 0; y < g.OutputHeight; y++)
                    for (int x = 0; x < g.OutputWidth; x++, o += g.OutputDepth)
                        for (int group = 0; group < _layout.Groups; group++)
                        {
                            Im2Col.Float(input, _patch, _layout, b, y, x, group * _layout.FilterDepth);
                            for (int c = group * channelsPerGroup; c < (group + 1) * channelsPerGroup; c++)
                            {
                                float total = Dot.Float(_patch, _filter.AsSpan(c * k, k));
                                output[o + c] = FixedPoint.Clamp(total + _bias[c], _min, _max);
                            }
                        }
        }
    }
}
