using System;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// MEAN over constant axes. Float32: sum then divide by the count. int8 and int16 bit-exact with TFLM:
    /// raw values summed in int32, the input zero point removed as zero_point × count, and the division
    /// folded into the input/output multiplier (multiplier × 2^k / count, shift − k, with 2^k ≤ count),
    /// then the 32-bit rescale, output zero point and clamp.
    /// </summary>
    [KernelFor(BuiltinOperator.MEAN)]
    public sealed class MeanKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var input = context.Input(0);
            var axes = context.Input(1);
            var output = context.Output(0);
            if (output.Type != input.Type) throw context.UnsupportedType(output);
            if (axes.Type != TensorType.INT32) throw context.UnsupportedType(axes);
            QuantizedMultipliers.RequireConstant(axes, context);
            int rank = input.Rank;
            var reduced = new bool[rank];
            foreach (int a in axes.As<int>().ToArray())
            {
                int axis = a < 0 ? a + rank : a;
                if (axis < 0 || axis >= rank) throw context.Fail(DiagnosticCodes.InvalidOperator, $"axis {a} is outside an input of rank {rank}");
                reduced[axis] = true;
            }
            var map = OutputIndexOfInput(input.Shape, reduced, out int outputs, out int count);
            if (outputs != output.ElementCount)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"the mean has {outputs} values but output '{output.Name}' has {output.ElementCount}");
            return input.Type switch
            {
                TensorType.FLOAT32 => new FloatMean(input, output, map, count),
                TensorType.INT8 or TensorType.INT16 => new IntegerMean(context, map, count),
                _ => throw context.UnsupportedType(input),
            };
        }

        /// <summary>For every input element, the output element it adds to.</summary>
        private static int[] OutputIndexOfInput(int[] shape, bool[] reduced, out int outputs, out int count)
        {
            int rank = shape.Length;
            long total = 1;
            outputs = 1;
            count = 1;
            for (int d = 0; d < rank; d++)
            {
                total *= shape[d];
                if (reduced[d]) count *= shape[d];
                else outputs *= shape[d];
            }
            var map = new int[total];
            var position = new int[rank];
            for (int i = 0; i < map.Length; i++)
            {
                int index = 0;
                for (int d = 0; d < rank; d++)
                    if (!reduced[d]) index = index * shape[d] + position[d];
                map[i] = index;
                for (int d = rank - 1; d >= 0; d--)
                {
                    if (++position[d] < shape[d]) break;
                    position[d] = 0;
                }
            }
            return map;
        }

        internal sealed class FloatMean : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;
            private readonly int[] _map;
            private readonly float _count;

            internal int[] OutputIndexOfInput => _map;

            public FloatMean(RuntimeTensor input, RuntimeTensor output, int[] map, int count) => (_input, _output, _map, _count) = (input, output, map, count);

            public override void Eval()
            {
                var x = _input.As<float>();
                var y = _output.As<float>();
                y.Clear();
                for (int i = 0; i < x.Length; i++) y[_map[i]] += x[i];
                if (_count > 0) for (int o = 0; o < y.Length; o++) y[o] /= _count;
            }
        }

        internal sealed class IntegerMean : PreparedOp
        {
            private readonly RuntimeTensor _input, _output;
            private readonly int[] _map;
            private readonly int[] _sums;
            private readonly int _count, _multiplier, _shift, _inputZeroPoint, _outputZeroPoint, _min, _max;

            // What the C backend's lowering reads.
            internal int[] OutputIndexOfInput => _map;
            internal int Count => _count;
            internal (int Multiplier, int Shift) Rescale => (_multiplier, _shift);
            internal (int Input, int Output) ZeroPoints => (_inputZeroPoint, _outputZeroPoint);
            internal (int Min, int Max) Range => (_min, _max);

            public IntegerMean(PrepareContext context, int[] map, int count)
            {
                _input = context.Input(0);
                _output = context.Output(0);
                QuantizedMultipliers.RequireQuantized(_input, context);
                QuantizedMultipliers.RequireQuantized(_output, context);
                _map = map;
                _count = count;
                _sums = new int[_output.ElementCount];
                var (multiplier, shift) = FixedPoint.QuantizeMultiplier((double)_input.Scale / _output.Scale);
                if (count > 0)
                {
                    // Fold 1/count into the multiplier, keeping the shift within what the rescale accepts.
                    int k = Math.Min(Math.Min(FloorLog2(count), 32), 31 + shift);
                    multiplier = (int)(((long)multiplier << k) / count);
                    shift -= k;
                }
                (_multiplier, _shift) = (multiplier, shift);
                _inputZeroPoint = _input.ZeroPoint;
                _outputZeroPoint = _output.ZeroPoint;
                (_min, _max) = FusedActivation.TypeRange(_output.Type);
            }

            private static int FloorLog2(int x)
            {
                int n = 0;
                while ((x >>= 1) != 0) n++;
                return n;
            }

            public override void Eval()
            {
                Array.Clear(_sums, 0, _sums.Length);
                if (_input.Type == TensorType.INT16)
                {
                    var x = _input.As<short>();
                    for (int i = 0; i < x.Length; i++) _sums[_map[i]] = unchecked(_sums[_map[i]] + x[i]);
                }
                else
                {
                    var x = _input.As<sbyte>();
                    for (int i = 0; i < x.Length; i++) _sums[_map[i]] = unchecked(_sums[_map[i]] + x[i]);
                }
                if (_count == 0) { _output.Data.Span.Clear(); return; }
                for (int o = 0; o < _sums.Length; o++)
                {
                    int shifted = unchecked((int)(_sums[o] - (long)_inputZeroPoint * _count));
                    int value = FixedPoint.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(shifted, _multiplier, _shift) + _outputZeroPoint, _min, _max);
                    if (_output.Type == TensorType.INT16) _output.As<short>()[o] = (short)value;
                    else _output.As<sbyte>()[o] = (sbyte)value;
                }
            }
        }
    }
}
