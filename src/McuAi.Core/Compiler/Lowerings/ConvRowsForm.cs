using System;
using System.Runtime.InteropServices;
using McuAi.Compiler.Packing;
using McuAi.Simplification;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// How the prepared int8 rows of a convolution (<see cref="PackedInt8Weights"/>: input offset folded into the bias,
    /// constant channels zeroed by the output stage's packing) reach the C runtime: the dense kernel <c>mcuai_conv_s8</c>,
    /// or one of its weight formats, which share its driver (mcuai_conv_run) and differ only in how a row is stored:
    /// <see cref="Int4"/> (<c>mcuai_conv_s4</c>) and <see cref="Sparse"/> (<c>mcuai_sparse_conv_s8</c>).
    /// </summary>
    internal abstract class ConvRowsForm
    {
        public static readonly ConvRowsForm Dense = new DenseRows();
        public static readonly ConvRowsForm Int4 = new Int4Rows();

        /// <summary>Block-sparse rows with blocks of <paramref name="blockSize"/> weights (<see cref="SparseWeightLayout"/>).</summary>
        public static ConvRowsForm Sparse(int blockSize) => new SparseRows(blockSize);

        /// <summary>The kernel (runtime files, function, params type).</summary>
        public abstract string Kernel { get; }

        /// <summary>What names the fields of mcuai_conv_s8_params within the kernel's params ("" or "conv.").</summary>
        public virtual string Prefix => "";

        /// <summary>The kernel's depth for rows of <paramref name="rowLength"/> values (a multiple of 4).</summary>
        public virtual int Depth(int rowLength) => rowLength;

        /// <summary>Adds the weights (and what else the form needs) of the prepared rows.</summary>
        public abstract void AddWeights(LayerBuilder call, LoweringContext context, PackedInt8Weights rows);

        /// <summary>Packed bytes as the kernels' <c>const int8_t* weights</c> field declares them.</summary>
        internal static sbyte[] AsInt8(byte[] packed) => MemoryMarshal.Cast<byte, sbyte>(packed).ToArray();

        private sealed class DenseRows : ConvRowsForm
        {
            public override string Kernel => "mcuai_conv_s8";

            public override void AddWeights(LayerBuilder call, LoweringContext context, PackedInt8Weights rows) =>
                call.Param("weights", context.Constant("weights", rows.Weights, isModelData: true));
        }

        /// <summary>Rows padded to a multiple of 8 and packed two weights per byte (<see cref="Int4RowPacking"/>).</summary>
        private sealed class Int4Rows : ConvRowsForm
        {
            public override string Kernel => "mcuai_conv_s4";

            /// <summary>Rows of up to 12 values stay as they are: mcuai_conv_s8 widens such rows once per call (its small path).</summary>
            public override int Depth(int rowLength) => rowLength <= 12 ? rowLength : Int4RowPacking.PaddedDepth(rowLength);

            public override void AddWeights(LayerBuilder call, LoweringContext context, PackedInt8Weights rows) =>
                call.Param("weights", context.Constant("weights", AsInt8(Int4RowPacking.Pack(rows.Weights, rows.Bias.Length, rows.RowLength)), isModelData: true));
        }

        /// <summary>The non-zero blocks' weights and one bit per block, each row's bits from a byte boundary; rows are whole blocks (the block divides the input channels).</summary>
        private sealed class SparseRows : ConvRowsForm
        {
            private readonly int _block;

            public SparseRows(int block) => _block = block;

            public override string Kernel => "mcuai_sparse_conv_s8";

            public override string Prefix => "conv.";

            public override void AddWeights(LayerBuilder call, LoweringContext context, PackedInt8Weights rows)
            {
                if (rows.RowLength % _block != 0) throw new InvalidOperationException($"rows of {rows.RowLength} values are not whole blocks of {_block}");
                var layout = SparseWeightLayout.Build(rows.Weights, rows.RowLength, _block);
                call.Param("conv.weights", context.Constant("values", layout.Values, isModelData: true))
                    .Param("block", _block)
                    .Param("bitmap", context.Constant("bitmap", RowAlignedBitmap(layout), isModelData: true));
            }

            /// <summary>
            /// The layout's bits with every row starting a byte (mcuai_sparse_conv_s8.h): the kernel then reads a row's bits a
            /// byte at a time from a byte address, at the cost of at most one byte per row.
            /// </summary>
            internal static byte[] RowAlignedBitmap(SparseWeightLayout layout)
            {
                int rowBytes = (layout.BlocksPerRow + 7) / 8;
                var bitmap = new byte[checked(layout.Rows * rowBytes)];
                for (int r = 0; r < layout.Rows; r++)
                    for (int b = 0; b < layout.BlocksPerRow; b++)
                        if (layout.IsStored(r, b)) bitmap[r * rowBytes + b / 8] |= (byte)(1 << (b % 8));
                return bitmap;
            }
        }
    }
}
