namespace McuAi.Compiler.Lowerings
{
    /// <summary>The optional float bias (input 2) of a weighted op as a weights array, or null (NULL in C) when absent.</summary>
    internal static class FloatBias
    {
        public static ConstantArray? Of(LoweringContext context) =>
            context.Operator.OptionalInput(2) is { } bias ? context.Weights(bias, "bias") : null;
    }
}
