using System;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// Element-wise ops on an 8-bit input → a 256-entry table (<c>mcuai_lut8</c> to 8 bits, in place; <c>mcuai_lut8_f32</c>
    /// to float). The table is made by running the interpreter's own prepared operator over all 256 input values, so it
    /// is bit-exact by construction, whatever the op's fixed-point recipe.
    /// </summary>
    [Lowers(BuiltinOperator.LOGISTIC)]
    [Lowers(BuiltinOperator.TANH)]
    [Lowers(BuiltinOperator.QUANTIZE)]
    [Lowers(BuiltinOperator.DEQUANTIZE)]
    [Lowers(BuiltinOperator.RELU)]
    [Lowers(BuiltinOperator.RELU6)]
    [Lowers(BuiltinOperator.LEAKY_RELU)]
    [Lowers(BuiltinOperator.HARD_SWISH)]
    public sealed class LookupTableLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            var (input, output) = (context.Input(0), context.Output(0));
            if (input.Type is not (TensorType.INT8 or TensorType.UINT8) || input.ElementCount != output.ElementCount || input.ElementCount == 0)
                return false;
            switch (output.Type)
            {
                case TensorType.INT8:
                case TensorType.UINT8:
                    context.Call("mcuai_lut8")
                        .Param("count", input.ElementCount)
                        .Param("table", context.Constant("table", Table(context, 1)))
                        .Input(input).Output(output).InPlace().Add();
                    return true;
                case TensorType.FLOAT32:
                    var bytes = Table(context, 4);
                    var floats = new float[256];
                    System.Buffer.BlockCopy(bytes, 0, floats, 0, bytes.Length);
                    context.Call("mcuai_lut8_f32")
                        .Param("count", input.ElementCount)
                        .Param("table", context.Constant("table", floats))
                        .Input(input).Output(output).Add();
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The output bytes for input bytes 0..255: the prepared operator evaluated over probe buffers that hold every value
        /// (several passes when the tensor has fewer than 256 elements); its tensors' own memory is restored afterwards.
        /// </summary>
        private static byte[] Table(LoweringContext context, int outputSize)
        {
            var (input, output) = (context.Input(0), context.Output(0));
            int n = checked((int)input.ElementCount);
            var savedIn = input.Data;
            var savedOut = output.Data;
            var probeIn = new byte[n];
            var probeOut = new byte[n * outputSize];
            var table = new byte[256 * outputSize];
            try
            {
                input.Data = probeIn;
                output.Data = probeOut;
                for (int start = 0; start < 256; start += n)
                {
                    for (int i = 0; i < n; i++) probeIn[i] = (byte)(start + i);
                    context.Prepared.Eval();
                    for (int i = 0; i < n && start + i < 256; i++)
                        System.Buffer.BlockCopy(probeOut, i * outputSize, table, (start + i) * outputSize, outputSize);
                }
            }
            finally
            {
                input.Data = savedIn;
                output.Data = savedOut;
            }
            return table;
        }
    }
}
