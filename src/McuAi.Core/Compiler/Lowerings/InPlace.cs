using McuAi.Interpreter;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>In-place hints for element-wise kernels (element i read before element i is written).</summary>
    internal static class InPlace
    {
        /// <summary>Lets the output overwrite <paramref name="input"/> (argument 0) when both have the same byte size.</summary>
        public static LayerBuilder OverFirstInputOfSameSize(LayerBuilder call, RuntimeTensor input, RuntimeTensor output) =>
            input.ByteSize == output.ByteSize && input.ElementCount == output.ElementCount ? call.InPlace(0) : call;
    }
}
