using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// STRIDED_SLICE with constant begin, end and strides, begin/end/shrink-axis masks and the offset
    /// option (end relative to the resolved begin), resolved per axis as TFLite's StridedSliceStartForAxis
    /// and StridedSliceEndForAxis do: negative indices count from the end, clamp, then the masks take the
    /// whole axis. Any element type (the op only moves elements). ellipsis_mask and new_axis_mask
    /// are refused, as TFLM refuses them.
    /// </summary>
    [KernelFor(BuiltinOperator.STRIDED_SLICE)]
    public sealed class StridedSliceKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (output.Type != input.Type) throw context.UnsupportedType(output);
            var options = context.RequireOptions();
            if (options.GetInt32("ellipsis_mask") != 0 || options.GetInt32("new_axis_mask") != 0)
                throw context.Fail(DiagnosticCodes.InterpreterUnsupportedOption,
                    "ellipsis_mask and new_axis_mask are not supported (TFLM does not support them either); rewrite the slice without them");
            int rank = input.Rank;
            var begin = Indices(context, 1, rank);
            var end = Indices(context, 2, rank);
            var strides = Indices(context, 3, rank);
            int beginMask = options.GetInt32("begin_mask"), endMask = options.GetInt32("end_mask");
            int shrinkMask = options.GetInt32("shrink_axis_mask");
            bool offset = options.GetBool("offset");
            var starts = new int[rank];
            var counts = new int[rank];
            long total = 1;
            for (int axis = 0; axis < rank; axis++)
            {
                int stride = strides[axis];
                if (stride == 0) throw context.Fail(DiagnosticCodes.InvalidOperator, $"stride of axis {axis} is 0");
                int size = input.Shape[axis];
                int start = Start(begin[axis], stride, size, (beginMask >> axis & 1) != 0);
                int stop = (shrinkMask >> axis & 1) != 0
                    ? (start >= size ? start : start + 1)
                    : Stop(unchecked(offset ? start + end[axis] : end[axis]), stride, size, (endMask >> axis & 1) != 0);
                int count = stride > 0 ? Math.Max(0, (stop - start + stride - 1) / stride) : Math.Max(0, (start - stop - stride - 1) / -stride);
                starts[axis] = start;
                counts[axis] = size == 0 ? 0 : count;
                total *= counts[axis];
            }
            if (total != output.ElementCount)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"the slice has {total} elements but output '{output.Name}' [{string.Join(",", output.Shape)}] has {output.ElementCount}");
            return new GatherOp(input, output, Map(input.Shape, starts, counts, strides, (int)total));
        }

        private static int[] Indices(PrepareContext context, int index, int rank)
        {
            var tensor = context.Input(index);
            QuantizedMultipliers.RequireConstant(tensor, context);
            if (tensor.ElementCount != rank)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"'{tensor.Name}' has {tensor.ElementCount} values for an input of rank {rank}");
            return tensor.Type switch
            {
                TensorType.INT32 => tensor.As<int>().ToArray(),
                TensorType.INT64 => Array.ConvertAll(tensor.As<long>().ToArray(), v => (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, v))),
                _ => throw context.UnsupportedType(tensor),
            };
        }

        private static int Start(int start, int stride, int size, bool masked)
        {
            if (masked) return stride > 0 ? 0 : size - 1;
            if (start < 0) start += size;
            return stride > 0 ? FixedPoint.Clamp(start, 0, size) : FixedPoint.Clamp(start, -1, size - 1);
        }

        private static int Stop(int stop, int stride, int size, bool masked)
        {
            if (masked) return stride > 0 ? size : -1;
            if (stop < 0) stop += size;
            return stride > 0 ? FixedPoint.Clamp(stop, 0, size) : FixedPoint.Clamp(stop, -1, size - 1);
        }

        private static int[] Map(int[] shape, int[] starts, int[] counts, int[] strides, int total)
        {
            int rank = shape.Length;
            var inputStrides = new int[rank];
            int s = 1;
            for (int d = rank - 1; d >= 0; d--)
            {
                inputStrides[d] = s;
                s *= shape[d];
            }
            var map = new int[total];
            var position = new int[rank];
            for (int i = 0; i < total; i++)
            {
                int index = 0;
                for (int d = 0; d < rank; d++) index += (starts[d] + position[d] * strides[d]) * inputStrides[d];
                map[i] = index;
                for (int d = rank - 1; d >= 0; d--)
                {
                    if (++position[d] < counts[d]) break;
                    position[d] = 0;
                }
            }
            return map;
        }
    }
}
