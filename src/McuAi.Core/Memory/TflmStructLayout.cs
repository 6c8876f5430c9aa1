using System;

namespace McuAi.Memory
{
    /// <summary>
    /// Sizes and alignments of the TFLM structures that live in the arena, for a target pointer size.
    /// Derived from the struct definitions in tensorflow/lite/micro/c/common.h, micro_allocator.h,
    /// micro_allocation_info.h, memory_planner/greedy_memory_planner.h and
    /// arena_allocator/single_arena_buffer_allocator.h, laid out with the usual C rules
    /// (each member at a multiple of its alignment, the struct padded to its largest member), as both
    /// x86-64 gcc and arm-none-eabi gcc do. Built with TF_LITE_STATIC_MEMORY, which drops the
    /// dynamic-memory members from TfLiteTensor and TfLiteNode.
    /// </summary>
    public sealed class TflmStructLayout
    {
        public TflmStructLayout(int pointerSize, bool? shortEnums = null)
        {
            if (pointerSize != 4 && pointerSize != 8)
                throw new ArgumentOutOfRangeException(nameof(pointerSize), pointerSize, "TFLM targets have 4- or 8-byte pointers");
            PointerSize = pointerSize;
            // arm-none-eabi gcc follows the bare-metal AAPCS, whose enums are as small as their values
            // allow (-fshort-enums by default); x86-64 and 64-bit Arm Linux use int-sized enums.
            EnumSize = shortEnums ?? pointerSize == 4 ? 1 : 4;
        }

        /// <summary>Size (and alignment) of a C enum such as TfLiteType: 1 with short enums, else 4.</summary>
        public int EnumSize { get; }
        private int E => EnumSize;

        public int PointerSize { get; }
        private int P => PointerSize;

        /// <summary>Rounds <paramref name="size"/> up to <paramref name="alignment"/>, as C pads a struct.</summary>
        private static int Pad(int size, int alignment) => (size + alignment - 1) / alignment * alignment;

        /// <summary>TfLiteEvalTensor: data pointer, dims pointer, TfLiteType (an int-sized enum).</summary>
        public int EvalTensor => new CStruct().Fields(2, P, P).Field(E, E).Size;

        /// <summary>TfLiteTensor (static memory): TfLiteQuantization {enum, void*}, params {float, int32},
        /// data, dims, size_t bytes, type, allocation_type, bool is_variable.</summary>
        public int Tensor => new CStruct()
            .Field(E, E).Field(P, P)      // TfLiteQuantization
            .Field(4, 4).Field(4, 4)      // TfLiteQuantizationParams
            .Fields(3, P, P)              // data, dims, bytes
            .Field(E, E).Field(E, E)      // type, allocation_type
            .Field(1, 1)                  // is_variable
            .Size;

        /// <summary>TfLiteNode (static memory): six pointers and an int.</summary>
        public int Node => Pad(6 * P + 4, P);

        /// <summary>NodeAndRegistration: a TfLiteNode and a registration pointer.</summary>
        public int NodeAndRegistration => Node + P;

        /// <summary>TfLiteAffineQuantization: scale and zero-point array pointers, int32 quantized_dimension.</summary>
        public int AffineQuantization => Pad(2 * P + 4, P);

        /// <summary>TfLiteIntArray of <paramref name="count"/> elements: an int size then the ints (4-byte aligned).</summary>
        public static int IntArray(int count) => 4 + 4 * count;

        /// <summary>ScratchBufferRequest: size_t bytes, int node_idx, int subgraph_idx.</summary>
        public int ScratchBufferRequest => Pad(P + 8, P);

        /// <summary>ScratchBufferHandle: one data pointer.</summary>
        public int ScratchBufferHandle => P;

        /// <summary>SubgraphAllocations: node_and_registrations and tensors pointers.</summary>
        public int SubgraphAllocations => 2 * P;

        /// <summary>AllocationInfo: size_t bytes, void** output_ptr, three int32 and a bool.</summary>
        public int AllocationInfo => Pad(2 * P + 13, P);

        /// <summary>SingleArenaBufferAllocator: two interface vtable pointers, five arena pointers,
        /// an int temp-buffer count and an intptr_t checksum.</summary>
        public int SingleArenaBufferAllocator => Pad(7 * P + 4, P) + P;

        /// <summary>GreedyMemoryPlanner: vtable, two ints, four array pointers, two ints, one pointer, a bool.</summary>
        public int GreedyMemoryPlannerObject => Pad(Pad(Pad(P + 8, P) + 4 * P + 8, P) + P + 1, P);

        /// <summary>MicroAllocator: vtable, four pointers, a bool, two size_t and the scratch-head pointer.</summary>
        public int MicroAllocatorObject => Pad(5 * P + 1, P) + 3 * P;

        /// <summary>MicroBuiltinDataAllocator: vtable and the persistent allocator pointer.</summary>
        public int BuiltinDataAllocatorObject => 2 * P;

        /// <summary>Bytes of planner scratch per planned buffer: BufferRequirements (4 ints), two int
        /// arrays, a ListEntry (3 ints) and the offset: pointer-size independent.</summary>
        public const int GreedyPlannerBytesPerBuffer = 16 + 4 + 4 + 12 + 4;

        /// <summary>Alignment of every buffer TFLM places in the arena (MicroArenaBufferAlignment()).</summary>
        public const int BufferAlignment = 16;

        /// <summary>The most scratch-buffer requests one operator may make (kMaxScratchBuffersPerOp).</summary>
        public const int MaxScratchBuffersPerOp = 12;
    }
}
