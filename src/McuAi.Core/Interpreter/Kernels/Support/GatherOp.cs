using System;
using System.Runtime.InteropServices;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// Moves elements by an index map computed in Prepare: output[i] = input[map[i]], or the fill value
    /// where map[i] is negative. Shape-only ops (PAD, STRIDED_SLICE, TRANSPOSE) reduce to this, for any
    /// element type, since they never look at the values.
    /// </summary>
    public sealed class GatherOp : PreparedOp
    {
        private readonly RuntimeTensor _input, _output;
        private readonly int[] _map;
        private readonly long _fill;
        private readonly int _elementSize;

        // What the C backend's lowering reads (it fits the map with a box and strides).
        internal int[] Map => _map;
        internal long Fill => _fill;
        internal int ElementSize => _elementSize;

        /// <param name="fill">The fill element's bits (for example a zero point or a float's bit pattern).</param>
        public GatherOp(RuntimeTensor input, RuntimeTensor output, int[] map, long fill = 0)
        {
            _input = input;
            _output = output;
            _map = map;
            _fill = fill;
            _elementSize = output.ElementCount == 0 ? 1 : (int)(output.ByteSize / output.ElementCount);
        }

        public override void Eval()
        {
            switch (_elementSize)
            {
                case 1: Gather(_input.As<byte>(), _output.As<byte>(), (byte)_fill); break;
                case 2: Gather(_input.As<ushort>(), _output.As<ushort>(), (ushort)_fill); break;
                case 4: Gather(_input.As<uint>(), _output.As<uint>(), (uint)_fill); break;
                default: Gather(_input.As<ulong>(), _output.As<ulong>(), (ulong)_fill); break;
            }
        }

        private void Gather<T>(Span<T> input, Span<T> output, T fill) where T : struct
        {
            var map = _map;
            for (int i = 0; i < output.Length; i++)
            {
                int k = map[i];
                output[i] = k >= 0 ? input[k] : fill;
            }
        }

        /// <summary>The bits of a fill value as the element type stores them.</summary>
        public static long FloatBits(float value) => BitConverter.ToInt32(BitConverter.GetBytes(value), 0);
    }
}
