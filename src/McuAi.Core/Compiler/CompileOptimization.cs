using System;

namespace McuAi.Compiler
{
    /// <summary>
    /// What the C backend favours where a layer has two forms (item metadata <c>Optimize</c>, CLI <c>--optimize</c>):
    /// <see cref="Speed"/> (the default) takes the block-sparse form of a pruned filter only where the instruction cost
    /// model (<see cref="Cost.InstructionCostModel"/>) says it is not slower than the dense kernel; <see cref="Size"/>
    /// takes it wherever it stores the filter in at most 3/4 of the dense bytes.
    /// </summary>
    public enum CompileOptimization
    {
        Speed,
        Size,
    }

    public static class CompileOptimizations
    {
        /// <summary>"speed" or "size" (case-insensitive); null for anything else.</summary>
        public static CompileOptimization? Parse(string? text) =>
            string.Equals(text, "speed", StringComparison.OrdinalIgnoreCase) ? CompileOptimization.Speed
            : string.Equals(text, "size", StringComparison.OrdinalIgnoreCase) ? CompileOptimization.Size
            : null;

        public static string Name(this CompileOptimization optimization) => optimization == CompileOptimization.Size ? "size" : "speed";
    }
}
