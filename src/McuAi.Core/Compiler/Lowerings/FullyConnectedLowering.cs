using McuAi.Interpreter.Kernels;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// FULLY_CONNECTED int8 → <c>mcuai_conv_s8</c> (a 1x1 convolution over the rows) when the weights are
    /// symmetric, else <c>mcuai_fully_connected_s8</c> (weights [outputs][depth] as in the model, with their offset)
    /// or <c>mcuai_fully_connected_f32</c>. The weight layout chosen here is the kernel's contract: change both together.
    /// </summary>
    [Lowers(BuiltinOperator.FULLY_CONNECTED)]
    public sealed class FullyConnectedLowering : ILowering
    {
        public bool TryLower(LoweringContext context)
        {
            // INT4 weights (WeightBits="4") are packed two values per byte: these int8 kernels must not read them.
            if (context.Prepared is FullyConnectedInt8 && context.Input(1).Type != TensorType.INT8) return false;
            switch (context.Prepared)
            {
                case FullyConnectedInt8 fc when fc.WeightOffset == 0:
                    // Symmetric weights (every converter's): a 1x1 convolution over the rows, packed and folded.
                    var packed = Packing.Int8WeightPacking.Rows(context.Input(1).As<sbyte>(), fc.Shape.Outputs, fc.OutputStage.Bias, -fc.InputOffset);
                    Int8ConvCall.ForFullyConnected(fc.Shape).Add(context, packed, fc.OutputStage, fc.InputOffset, context.Input(0), context.Output(0));
                    return true;
                case FullyConnectedInt8 fc:
                    var call = context.Call("mcuai_fully_connected_s8")
                        .Param("batches", fc.Shape.Batches)
                        .Param("depth", fc.Shape.Depth)
                        .Param("outputs", fc.Shape.Outputs)
                        .Param("input_offset", fc.InputOffset)
                        .Param("weight_offset", fc.WeightOffset)
                        .Param("weights", context.Weights(context.Input(1), "weights"));
                    OutputStageParams.Add(call, context, fc.OutputStage, withPerChannelFlag: true)
                        .Input(context.Input(0)).Output(context.Output(0)).Add();
                    return true;
                case FullyConnectedFloat fc when context.Input(1).Type == TensorType.FLOAT32:
                    context.Call("mcuai_fully_connected_f32")
                        .Param("batches", fc.Shape.Batches)
                        .Param("depth", fc.Shape.Depth)
                        .Param("outputs", fc.Shape.Outputs)
                        .Param("act_min", fc.Range.Min).Param("act_max", fc.Range.Max)
                        .Param("weights", context.Weights(context.Input(1), "weights"))
                        .Param("bias", FloatBias.Of(context))
                        .Input(context.Input(0)).Output(context.Output(0)).Add();
                    return true;
                default:
                    return false;
            }
        }
    }
}
