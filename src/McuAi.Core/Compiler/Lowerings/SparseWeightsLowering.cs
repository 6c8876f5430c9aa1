using System;
using McuAi.Compiler.Cost;
using McuAi.Compiler.Packing;
using McuAi.Interpreter.Kernels;
using McuAi.Simplification;
using McuAi.TfLite;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// CONV_2D and FULLY_CONNECTED with magnitude-pruned int8 filters → <c>mcuai_sparse_conv_s8_b4</c>, <c>_b8</c> or <c>_b16</c> (its block size): the filter in the
    /// block-sparse form of <see cref="SparseWeightLayout"/> (a bit per block, the non-zero blocks' values), the zero
    /// blocks skipped. Chosen per layer at build time when the form stores the filter in at most
    /// <see cref="MaxSparseShare"/> of its dense bytes and, with Optimize="speed" (the default), when the instruction
    /// cost model estimates it no slower than the dense kernel (<c>mcuai_conv_s8</c>); otherwise (an unpruned model, or
    /// a filter whose zero blocks do not pay for the bit scan) the dense lowering takes the layer.
    /// The block size is the one of 16, 8 and 4 dividing the input channels that stores the fewest bytes.
    /// </summary>
    [Lowers(BuiltinOperator.CONV_2D, Order = -1)]
    [Lowers(BuiltinOperator.FULLY_CONNECTED, Order = -1)]
    public sealed class SparseWeightsLowering : ILowering
    {
        /// <summary>Largest share of the dense filter bytes (bitmap + stored values) for which the sparse form is chosen.</summary>
        public const double MaxSparseShare = 0.75;

        private static readonly int[] s_blockSizes = { 16, 8, 4 };

        public bool TryLower(LoweringContext context)
        {
            if (context.Operator.OptionalInput(1) is not { Type: TensorType.INT8, IsConstant: true } filter) return false;
            switch (context.Prepared)
            {
                case Conv2DInt8 conv when conv.Layout.FilterDepth == conv.Layout.Geometry.InputDepth:
                {
                    var g = conv.Layout.Geometry;
                    return TryAdd(context, filter, Int8ConvCall.FromGeometry(g, g.InputDepth), (long)g.Batches * g.OutputHeight * g.OutputWidth,
                        g.FilterHeight * g.FilterWidth, g.OutputDepth, g.InputDepth, conv.InputOffset, conv.OutputStage);
                }
                case FullyConnectedInt8 fc when fc.WeightOffset == 0:
                    return TryAdd(context, filter, Int8ConvCall.ForFullyConnected(fc.Shape), fc.Shape.Batches, 1, fc.Shape.Outputs, fc.Shape.Depth, fc.InputOffset, fc.OutputStage);
                default:
                    return false;
            }
        }

        /// <summary>The layout that stores the filter (rows of <paramref name="rowLength"/> values) in the fewest bytes, or null when none is worth it.</summary>
        internal static SparseWeightLayout? Choose(ReadOnlySpan<sbyte> values, int rowLength)
        {
            SparseWeightLayout? best = null;
            foreach (int block in s_blockSizes)
            {
                if (rowLength % block != 0) continue;
                var layout = SparseWeightLayout.Build(values, rowLength, block);
                if (best is null || layout.SparseBytes(8) < best.SparseBytes(8)) best = layout;
            }
            return best is not null && best.SparseBytes(8) <= MaxSparseShare * best.DenseBytes(8) ? best : null;
        }

        private static bool TryAdd(LoweringContext context, Interpreter.RuntimeTensor filter, Int8ConvCall conv, long pixels, int taps, int outChannels,
            int rowLength, int inputOffset, Int8OutputStage stage)
        {
            if (Choose(filter.As<sbyte>(), rowLength) is not { } layout) return false;
            // The rows as the dense kernel prepares them (their length, a multiple of the block, needs no padding); the
            // output stage's packing may zero constant channels, so the stored blocks are taken from its rows. Packed once:
            // the speed check estimates the dense call on the same rows.
            var rows = Int8WeightPacking.Rows(filter.As<sbyte>(), outChannels, stage.Bias, -inputOffset);
            if (context.Optimization == CompileOptimization.Speed && IsSlowerThanDense(rows, layout, pixels, taps, outChannels, taps * rowLength, stage)) return false;
            conv.Add(context, rows, stage, inputOffset, context.Input(0), context.Output(0), ConvRowsForm.Sparse(layout.BlockSize));
            return true;
        }

        /// <summary>
        /// True when the cost model estimates the sparse call slower than the dense one the dense lowering would make
        /// (mcuai_conv_s8 on the packed rows, with the output stage form it would choose), or cannot estimate either.
        /// </summary>
        private static bool IsSlowerThanDense(PackedInt8Weights packed, SparseWeightLayout layout, long pixels, int taps, int outChannels, int depth,
            Int8OutputStage stage)
        {
            Int8Rescale rescale;
            try
            {
                rescale = Int8RescalePacking.Pack(packed, stage.Multipliers, stage.Shifts, stage.OutputOffset, stage.Min, stage.Max).Rescale;
            }
            catch (ArgumentException)
            {
                return false; // the dense kernel cannot take this output stage: the sparse one (exact stage) is the only form
            }
            long? dense = InstructionCostModel.Estimate(InstructionCostModel.DenseConvKey(packed.RowLength, taps, depth / taps, pixels),
                CostTerms.DenseConv(pixels, outChannels, packed.RowLength, !rescale.IsFast));
            long? sparse = InstructionCostModel.Estimate(InstructionCostModel.SparseConvKey,
                CostTerms.SparseConv(pixels, outChannels, depth, layout.BlockSize, layout.Values.Length));
            return dense is not long d || sparse is not long s || s > d;
        }
    }
}
