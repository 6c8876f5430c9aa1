using System.Linq;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>CONCATENATION (any type) → <c>mcuai_concat</c>: per outer index, each input's block (a table of input pointers).</summary>
    [Lowers(BuiltinOperator.CONCATENATION)]
    public sealed class ConcatenationLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            if (context.Prepared is not ConcatenationKernel.ConcatenationOp concat) return false;
            context.Call("mcuai_concat")
                .Param("outer", concat.Outer)
                .Param("count", concat.Inputs.Length)
                .Param("block_bytes", context.Constant("blocks", concat.BlockBytes.ToArray()))
                .Param("inputs", ParamValue.TensorPointers(concat.Inputs.Select(t => t.Index).ToArray()))
                .Output(context.Output(0)).Add();
            return true;
        }
    }
}
