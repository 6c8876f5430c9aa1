using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// CONCATENATION along one axis, for any element type: for each index of the dimensions before the
    /// axis, the inputs' blocks are copied one after the other. Raw values are copied as TFLM copies them:
    /// an input quantized differently from the output is not requantized (converters give all of them one
    /// scale). Fused activations are refused, as in TFLM.
    /// </summary>
    [KernelFor(BuiltinOperator.CONCATENATION)]
    public sealed class ConcatenationKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var output = context.Output(0);
            var options = context.RequireOptions();
            if (options.FusedActivation != ActivationFunctionType.NONE)
                throw context.Fail(DiagnosticCodes.InterpreterUnsupportedOption, $"a fused {options.FusedActivation} on CONCATENATION is not supported (TFLM refuses it too)");
            int rank = output.Rank;
            int axis = options.GetInt32("axis");
            if (axis < 0) axis += rank;
            if (axis < 0 || axis >= rank) throw context.Fail(DiagnosticCodes.InvalidOperator, $"axis {options.GetInt32("axis")} is outside rank {rank}");
            int elementSize = output.ElementCount == 0 ? 1 : (int)(output.ByteSize / output.ElementCount);
            int outer = 1;
            for (int d = 0; d < axis; d++) outer *= output.Shape[d];
            int inner = 1;
            for (int d = axis + 1; d < rank; d++) inner *= output.Shape[d];
            var inputs = new RuntimeTensor[context.Inputs.Length];
            var blockBytes = new int[inputs.Length];
            int axisTotal = 0;
            for (int k = 0; k < inputs.Length; k++)
            {
                var input = context.Input(k);
                if (input.Type != output.Type) throw context.UnsupportedType(input);
                if (input.Rank != rank) throw context.Fail(DiagnosticCodes.InvalidOperator, $"input '{input.Name}' has rank {input.Rank}, the output {rank}");
                for (int d = 0; d < rank; d++)
                    if (d != axis && input.Shape[d] != output.Shape[d])
                        throw context.Fail(DiagnosticCodes.InvalidOperator, $"input '{input.Name}' [{string.Join(",", input.Shape)}] does not match output [{string.Join(",", output.Shape)}] outside axis {axis}");
                inputs[k] = input;
                blockBytes[k] = input.Shape[axis] * inner * elementSize;
                axisTotal += input.Shape[axis];
            }
            if (axisTotal != output.Shape[axis])
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"the inputs add up to {axisTotal} along axis {axis}, the output has {output.Shape[axis]}");
            return new ConcatenationOp(inputs, output, blockBytes, outer);
        }

        internal sealed class ConcatenationOp : PreparedOp
        {
            private readonly RuntimeTensor[] _inputs;
            private readonly RuntimeTensor _output;
            private readonly int[] _blockBytes;
            private readonly int _outer;

            internal RuntimeTensor[] Inputs => _inputs;
            internal int[] BlockBytes => _blockBytes;
            internal int Outer => _outer;

            public ConcatenationOp(RuntimeTensor[] inputs, RuntimeTensor output, int[] blockBytes, int outer) =>
                (_inputs, _output, _blockBytes, _outer) = (inputs, output, blockBytes, outer);

            public override void Eval()
            {
                var target = _output.Data.Span;
                int offset = 0;
                for (int o = 0; o < _outer; o++)
                    for (int k = 0; k < _inputs.Length; k++)
                    {
                        int size = _blockBytes[k];
                        _inputs[k].Data.Span.Slice(o * size, size).CopyTo(target.Slice(offset, size));
                        offset += size;
                    }
            }
        }
    }
}
