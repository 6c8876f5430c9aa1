using System;
using McuAi.Compiler.Packing;
using McuAi.Interpreter.Kernels;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// The packed weights, folded bias and output stage (<c>mcuai_rescale_s8 rescale</c>) of the int8 weighted
    /// kernels mcuai_conv_s8 and mcuai_depthwise_s8, from the interpreter's prepared output stage: the fast or
    /// exact form of the rescale is chosen here (<see cref="Int8RescalePacking"/>), per layer. All four arrays count as
    /// model data (the multipliers and shifts stand for the model's per-channel scales, as in <see cref="OutputStageParams"/>).
    /// </summary>
    internal static class Int8RescaleParams
    {
        /// <param name="addWeights">Adds the weights in the kernel's form (null: the packed int8 weights as they are).</param>
        /// <param name="prefix">What names the kernel's mcuai_conv_s8_params fields ("conv." in a params struct that embeds them).</param>
        public static LayerBuilder Add(LayerBuilder call, LoweringContext context, PackedInt8Weights packed, Int8OutputStage stage,
            Action<LayerBuilder, PackedInt8Weights>? addWeights = null, string prefix = "") =>
            Add(call, context, Pack(context, packed, stage), addWeights, prefix);

        /// <summary>
        /// The output stage's form (fast or exact) and the rows as it packs them (constant channels zeroed), for a lowering
        /// whose kernel depends on the form; then <see cref="Add(LayerBuilder, LoweringContext, Int8PackedStage, Action{LayerBuilder, PackedInt8Weights}?, string)"/>.
        /// </summary>
        /// <param name="leftShifts">The kernel reads MCUAI_RESCALE_LEFT (mcuai_depthwise_s8): left-shifted channels may take the fast form.</param>
        public static Int8PackedStage Pack(LoweringContext context, PackedInt8Weights packed, Int8OutputStage stage, bool leftShifts = false)
        {
            // The kernels' shifts are defined within ±31 only: an absurd scale is MCUAI6002, not undefined C.
            foreach (int shift in stage.Shifts) context.Shift(shift);
            context.Int8ActivationRange(stage.Min, stage.Max);
            var (rescale, rows) = Int8RescalePacking.Pack(packed, stage.Multipliers, stage.Shifts, stage.OutputOffset, stage.Min, stage.Max, leftShifts);
            return new Int8PackedStage(rescale, rows);
        }

        public static LayerBuilder Add(LayerBuilder call, LoweringContext context, Int8PackedStage stage,
            Action<LayerBuilder, PackedInt8Weights>? addWeights = null, string prefix = "")
        {
            var (rescale, packed) = stage;
            if (addWeights is null) call.Param(prefix + "weights", context.Constant("weights", packed.Weights, isModelData: true));
            else addWeights(call, packed);
            return call
                .Param(prefix + "bias", context.Constant("bias", packed.Bias, isModelData: true))
                .Param(prefix + "rescale.multiplier", context.Constant("multiplier", rescale.Multipliers, isModelData: true))
                .Param(prefix + "rescale.shift", context.Constant("shift", rescale.Shifts, isModelData: true))
                .Param(prefix + "rescale.output_zp", rescale.OutputZeroPoint)
                .Param(prefix + "rescale.act_min", rescale.ActivationMin)
                .Param(prefix + "rescale.act_max", rescale.ActivationMax)
                .Param(prefix + "rescale.mode", rescale.Mode);
        }
    }

    /// <summary>An output stage in the form the kernels take it, and the rows as it packed them.</summary>
    internal sealed record Int8PackedStage(Int8Rescale Rescale, PackedInt8Weights Rows);
}
