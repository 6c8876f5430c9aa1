using System.Linq;
using McuAi.Interpreter.Kernels;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// The int8 output stage (bias, per-channel multiplier and shift, zero point, activation clamp) of the
    /// weighted ops, as params fields (the multipliers and shifts count as model data: they stand for the model's
    /// per-channel scales): <c>bias</c> (NULL when all zero), <c>multiplier</c>, <c>shift</c>,
    /// <c>output_offset</c>, <c>act_min</c>, <c>act_max</c>, and <c>per_channel</c> = 0 when one
    /// multiplier and shift serve every channel (then the arrays hold one element).
    /// </summary>
    internal static class OutputStageParams
    {
        public static LayerBuilder Add(LayerBuilder call, LoweringContext context, Int8OutputStage stage, bool withPerChannelFlag)
        {
            var multipliers = stage.Multipliers;
            var shifts = stage.Shifts;
            bool uniform = withPerChannelFlag && multipliers.All(m => m == multipliers[0]) && shifts.All(s => s == shifts[0]);
            if (uniform)
            {
                multipliers = new[] { multipliers[0] };
                shifts = new[] { shifts[0] };
            }
            if (withPerChannelFlag) call.Param("per_channel", !uniform);
            return call
                .Param("bias", stage.Bias.All(b => b == 0) ? null : context.Constant("bias", (int[])stage.Bias.Clone(), isModelData: true))
                .Param("multiplier", context.Constant("multiplier", (int[])multipliers.Clone(), isModelData: true))
                .Param("shift", context.Constant("shift", shifts.Select(s => (sbyte)context.Shift(s)).ToArray(), isModelData: true))
                .Param("output_offset", stage.OutputOffset)
                .Param("act_min", stage.Min)
                .Param("act_max", stage.Max);
        }
    }
}
