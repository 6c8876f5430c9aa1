using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// RESHAPE: the output tensor already has its final (static) shape, so evaluation copies bytes;
    /// the optional shape input and the new_shape option are not needed at run time.
    /// </summary>
    [KernelFor(BuiltinOperator.RESHAPE)]
    public sealed class ReshapeKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var output = context.Output(0);
            if (input.Type != output.Type)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"input is {input.Type} but output is {output.Type}");
            if (input.ElementCount != output.ElementCount)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"input '{input.Name}' has {input.ElementCount} elements but output '{output.Name}' has {output.ElementCount}");
            return new CopyOp(input, output);
        }
    }

    /// <summary>Copies the input's bytes to the output (RESHAPE, SQUEEZE and other shape-only ops).</summary>
    public sealed class CopyOp : PreparedOp
    {
        private readonly RuntimeTensor _input;
        private readonly RuntimeTensor _output;

        public CopyOp(RuntimeTensor input, RuntimeTensor output)
        {
            _input = input;
            _output = output;
        }

        public override void Eval()
        {
            var source = _input.Data.Span;
            var target = _output.Data.Span;
            if (source.Length == 0 || source.Overlaps(target)) return;
            source.Slice(0, _output.ByteSize).CopyTo(target);
        }
    }
}
