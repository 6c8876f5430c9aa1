using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Interpreter;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>Shapes as the shape-generic kernels take them: MCUAI_MAX_DIMS dimensions, left-padded with 1.</summary>
    internal static class ShapeParams
    {
        /// <summary>MCUAI_MAX_DIMS in mcuai_rt.h.</summary>
        public const int MaxDims = 6;

        public static int[] Padded(IReadOnlyList<int> shape, LoweringContext context)
        {
            if (shape.Count > MaxDims) throw context.Unsupported($"a tensor of rank {shape.Count} (at most {MaxDims})");
            var result = Enumerable.Repeat(1, MaxDims).ToArray();
            for (int i = 0; i < shape.Count; i++) result[MaxDims - shape.Count + i] = shape[i];
            return result;
        }

        /// <summary>
        /// <c>mcuai_broadcast</c> (mcuai_broadcast.h) for inputs <paramref name="a"/> and <paramref name="b"/> of a binary op
        /// whose shapes the interpreter has already checked: the output's dimensions and each input's element stride per
        /// output dimension, 0 where it repeats.
        /// </summary>
        public static ParamValue Broadcast(RuntimeTensor a, RuntimeTensor b, RuntimeTensor output, LoweringContext context)
        {
            var dims = Padded(output.Shape, context);
            bool elementwise = a.ElementCount == output.ElementCount && b.ElementCount == output.ElementCount
                && Padded(a.Shape, context).SequenceEqual(dims) && Padded(b.Shape, context).SequenceEqual(dims);
            return ParamValue.Struct(
                new ParamField("elementwise", ParamValue.Of(elementwise)),
                new ParamField("count", ParamValue.Of(output.ElementCount)),
                new ParamField("dims", ParamValue.Of(dims)),
                new ParamField("a_strides", ParamValue.Of(Strides(Padded(a.Shape, context)))),
                new ParamField("b_strides", ParamValue.Of(Strides(Padded(b.Shape, context)))));
        }

        /// <summary>Element strides of a padded shape, 0 for dimensions of size 1 (they repeat when broadcast).</summary>
        private static int[] Strides(int[] dims)
        {
            var strides = new int[dims.Length];
            int stride = 1;
            for (int d = dims.Length - 1; d >= 0; d--)
            {
                strides[d] = dims[d] == 1 ? 0 : stride;
                stride = checked(stride * dims[d]);
            }
            return strides;
        }
    }
}
