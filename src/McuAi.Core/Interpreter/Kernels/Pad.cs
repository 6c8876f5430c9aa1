using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// PAD and PADV2: the input surrounded by a constant, up to 5 dimensions, as TFLM does. The fill is
    /// PADV2's constant input when given, else the output zero point for int8 (TFLM's choice) and 0
    /// otherwise. Types: float32, int8, int16, int32. Prepare builds the output-to-input index map.
    /// </summary>
    [KernelFor(BuiltinOperator.PAD)]
    [KernelFor(BuiltinOperator.PADV2)]
    public sealed class PadKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var paddings = context.Input(1);
            var constant = context.OptionalInput(2);
            var output = context.Output(0);
            if (input.Type is not (TensorType.FLOAT32 or TensorType.INT8 or TensorType.INT16 or TensorType.INT32))
                throw context.UnsupportedType(input);
            if (output.Type != input.Type) throw context.UnsupportedType(output);
            QuantizedMultipliers.RequireConstant(paddings, context);
            int rank = input.Rank;
            if (rank > 5) throw context.Fail(DiagnosticCodes.InvalidOperator, $"PAD supports at most 5 dimensions, not {rank}");
            if (paddings.ElementCount != 2L * rank || output.Rank != rank)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"paddings '{paddings.Name}' must have shape [{rank}, 2]");
            var before = new int[rank];
            for (int d = 0; d < rank; d++)
            {
                long b = Read(paddings, 2 * d, context), a = Read(paddings, 2 * d + 1, context);
                if (b < 0 || a < 0 || input.Shape[d] + b + a != output.Shape[d])
                    throw context.Fail(DiagnosticCodes.InvalidOperator,
                        $"padding dimension {d} of [{string.Join(",", input.Shape)}] by ({b}, {a}) does not give output [{string.Join(",", output.Shape)}]");
                before[d] = (int)b;
            }
            return new GatherOp(input, output, Map(input.Shape, output.Shape, before), Fill(input, output, constant, context));
        }

        private static long Read(RuntimeTensor paddings, int i, PrepareContext context) => paddings.Type switch
        {
            TensorType.INT32 => paddings.As<int>()[i],
            TensorType.INT64 => paddings.As<long>()[i],
            _ => throw context.UnsupportedType(paddings),
        };

        private static long Fill(RuntimeTensor input, RuntimeTensor output, RuntimeTensor? constant, PrepareContext context)
        {
            if (constant is not null)
            {
                if (constant.Type != input.Type || constant.ElementCount != 1) throw context.UnsupportedType(constant);
                QuantizedMultipliers.RequireConstant(constant, context);
                return input.Type switch
                {
                    TensorType.FLOAT32 => GatherOp.FloatBits(constant.As<float>()[0]),
                    TensorType.INT8 => constant.As<sbyte>()[0],
                    TensorType.INT16 => constant.As<short>()[0],
                    _ => constant.As<int>()[0],
                };
            }
            return input.Type == TensorType.INT8 ? output.ZeroPoint : 0;
        }

        /// <summary>For each output element, the input element it copies, or −1 in the padding.</summary>
        private static int[] Map(int[] inShape, int[] outShape, int[] before)
        {
            int rank = outShape.Length;
            long count = 1;
            foreach (int d in outShape) count *= d;
            var map = new int[checked((int)count)];
            var position = new int[rank];
            for (int i = 0; i < map.Length; i++)
            {
                int index = 0;
                for (int d = 0; d < rank; d++)
                {
                    int k = position[d] - before[d];
                    if (k < 0 || k >= inShape[d]) { index = -1; break; }
                    index = index * inShape[d] + k;
                }
                map[i] = index;
                for (int d = rank - 1; d >= 0; d--)
                {
                    if (++position[d] < outShape[d]) break;
                    position[d] = 0;
                }
            }
            return map;
        }
    }
}
