namespace McuAi.Compiler.Cost
{
    /// <summary>
    /// The shape terms of one kernel call that its instruction cost is linear in (<see cref="KernelCostTable"/>).
    /// Weighted kernels (MACs &gt; 0): the call, multiply-accumulates executed, window values gathered (output pixels ×
    /// window length), output pixels (finding each window), output elements, output elements rescaled by the exact
    /// double-rounding stage, output channels (per-call preparation of per-channel constants), bitmap blocks scanned
    /// (block-sparse filters), and the MACs of the output pixels left over after mcuai_conv_s8's blocks of four (run one
    /// pixel at a time). Other kernels: the call, output elements, activation input elements, rows (innermost runs
    /// of a box copy), window values read (a pool: output elements × window taps) and output elements computed through
    /// the broadcast index walk (a binary op whose inputs differ in shape).
    /// </summary>
    public readonly record struct CostTerms(long Calls, long Macs, long Window, long Pixels, long Outputs, long ExactOutputs, long Channels, long Inputs, long Rows, long Blocks,
        long RemainderMacs, long Broadcast = 0)
    {
        public const int Count = 12;

        public static readonly string[] Names = { "Call", "Macs", "Window", "Pixels", "Outputs", "ExactOutputs", "Channels", "Inputs", "Rows", "Blocks", "RemainderMacs", "Broadcast" };

        public long this[int term] => term switch
        {
            0 => Calls, 1 => Macs, 2 => Window, 3 => Pixels, 4 => Outputs, 5 => ExactOutputs, 6 => Channels, 7 => Inputs, 8 => Rows, 9 => Blocks, 10 => RemainderMacs,
            11 => Broadcast,
            _ => throw new System.ArgumentOutOfRangeException(nameof(term)),
        };

        /// <summary>A weighted kernel: <paramref name="rowLength"/> weights per output channel and output pixel.</summary>
        public static CostTerms Weighted(long pixels, int outChannels, long rowLength, bool exact) =>
            new(1, pixels * outChannels * rowLength, pixels * rowLength, pixels, pixels * outChannels, exact ? pixels * outChannels : 0, outChannels, 0, 0, 0, 0);

        /// <summary>A dense int8 convolution (mcuai_conv_s8): <paramref name="rowLength"/> packed weights per output channel.</summary>
        public static CostTerms DenseConv(long pixels, int outChannels, int rowLength, bool exact) =>
            Weighted(pixels, outChannels, rowLength, exact) with { RemainderMacs = pixels >= 4 ? pixels % 4 * outChannels * rowLength : 0 };

        /// <summary>A block-sparse int8 convolution (mcuai_sparse_conv_s8_b4/_b8/_b16): <paramref name="storedValues"/> filter values kept in non-zero blocks.</summary>
        public static CostTerms SparseConv(long pixels, int outChannels, int depth, int block, long storedValues) =>
            new(1, pixels * storedValues, pixels * depth, pixels, pixels * outChannels, pixels * outChannels, outChannels, 0, 0, pixels * outChannels * (depth / block), 0);

        /// <summary>A kernel without weights: element-wise, pooling, tables, data movement.</summary>
        public static CostTerms Elementwise(long outputs, long inputs, long rows, long window = 0, long broadcast = 0) =>
            new(1, 0, window, 0, outputs, 0, 0, inputs, rows, 0, 0, broadcast);
    }
}
