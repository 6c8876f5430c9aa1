using System;
using System.Globalization;
using System.Runtime.InteropServices;
using McuAi.Compiler.Packing;
using McuAi.Simplification;

namespace McuAi.Compiler.Lowerings
{
    /// <summary>
    /// How the prepared int8 rows of a convolution (<see cref="PackedInt8Weights"/>: input offset folded into the bias,
    /// constant channels zeroed by the output stage's packing) reach the C runtime: the dense kernel <c>mcuai_conv_s8</c>,
    /// or one of its weight formats, which share its driver (mcuai_conv_run) and differ only in how a row is stored:
    /// <see cref="Int4"/> (<c>mcuai_conv_s4</c>) and <see cref="Sparse"/> (<c>mcuai_sparse_conv_s8_b4</c>, <c>_b8</c>, <c>_b16</c>).
    /// </summary>
    internal abstract class ConvRowsForm
    {
        public static readonly ConvRowsForm Dense = new DenseRows();
        public static readonly ConvRowsForm Int4 = new Int4Rows();

        /// <summary>Block-sparse rows with blocks of <paramref name="blockSize"/> weights (<see cref="SparseWeightLayout"/>).</summary>
        public static ConvRowsForm Sparse(int blockSize) => new SparseRows(blockSize);

        /// <summary>
        /// The block-sparse kernel for blocks of <paramref name="blockSize"/> weights: one file pair per block size
        /// (mcuai_sparse_conv_s8_b4, _b8, _b16), so that a model compiles and links only the block sizes its layers use.
        /// </summary>
        public static string SparseKernel(int blockSize) => SparseKernelPrefix + blockSize.ToString(CultureInfo.InvariantCulture);

        /// <summary>The block size of a block-sparse kernel (<see cref="SparseKernel"/>), or null for another kernel.</summary>
        public static int? SparseBlockOf(string kernel) =>
            kernel.StartsWith(SparseKernelPrefix, StringComparison.Ordinal)
            && int.TryParse(kernel.Substring(SparseKernelPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int block) ? block : null;

        private const string SparseKernelPrefix = "mcuai_sparse_conv_s8_b";

        /// <summary>The kernel (runtime files and function).</summary>
        public abstract string Kernel { get; }

        /// <summary>
        /// The function called for a layer whose output stage takes the form <paramref name="rescale"/>: the fast stage
        /// without clamp calls the kernel's <c>_fast</c> entry, which runs every block of four pixels in assembly on a
        /// Cortex-M and so links no C loop beside it (a model whose layers all take it does not carry that loop).
        /// </summary>
        public string Function(Int8Rescale rescale) => rescale.Mode == Int8Rescale.Fast ? Kernel + "_fast" : Kernel;

        /// <summary>The kernel's params struct (null: the kernel's name + "_params").</summary>
        public virtual string? ParamsType => null;

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

            public override string Kernel => SparseKernel(_block);

            public override string ParamsType => "mcuai_sparse_conv_s8_params";

            public override string Prefix => "conv.";

            public override void AddWeights(LayerBuilder call, LoweringContext context, PackedInt8Weights rows)
            {
                if (rows.RowLength % _block != 0) throw new InvalidOperationException($"rows of {rows.RowLength} values are not whole blocks of {_block}");
                var layout = SparseWeightLayout.Build(rows.Weights, rows.RowLength, _block);
                call.Param("conv.weights", context.Constant("values", layout.Values, isModelData: true))
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
