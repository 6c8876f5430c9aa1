using System;
using McuAi.Diagnostics;
using McuAi.Interpreter.Simd;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// SVDF (a rank-decomposed filter over time with a variable state tensor [batch, filters × memory]).
    /// Each invocation shifts the state one step left, writes the feature projection of the input into
    /// the newest column, filters each row over time with the time weights, sums ranks per unit, adds the
    /// bias and applies the activation. Types: float32; int8 input and output with int8 or int16 state and
    /// time weights and int32 bias, bit-exact with TFLM's integer reference (two rescales whose real
    /// multipliers TFLM computes in float).
    /// </summary>
    [KernelFor(BuiltinOperator.SVDF)]
    public sealed class SvdfKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            var shape = new SvdfShape(context);
            var input = context.Input(0);
            return input.Type switch
            {
                TensorType.FLOAT32 => new FloatSvdf(context, shape),
                TensorType.INT8 => new IntegerSvdf(context, shape),
                _ => throw context.UnsupportedType(input),
            };
        }
    }

    /// <summary>The dimensions of an SVDF operator, checked once.</summary>
    public sealed class SvdfShape
    {
        public SvdfShape(PrepareContext context)
        {
            var input = context.Input(0);
            var features = context.Input(1);
            var time = context.Input(2);
            var bias = context.OptionalInput(3);
            var state = context.Input(4);
            var output = context.Output(0);
            Rank = context.RequireOptions().GetInt32("rank");
            if (input.Rank != 2 || features.Rank != 2 || time.Rank != 2 || state.Rank != 2 || output.Rank != 2)
                throw context.Fail(DiagnosticCodes.InvalidOperator, "input, weights, state and output must have 2 dimensions");
            (Batches, InputSize) = (input.Shape[0], input.Shape[1]);
            Filters = features.Shape[0];
            Memory = time.Shape[1];
            if (Rank < 1 || Filters % Rank != 0)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"{Filters} filters do not split into rank {Rank}");
            Units = Filters / Rank;
            if (features.Shape[1] != InputSize || time.Shape[0] != Filters || state.Shape[0] != Batches || state.Shape[1] != Filters * Memory
                || output.Shape[0] != Batches || output.Shape[1] != Units || (bias is not null && bias.ElementCount != Units))
                throw context.Fail(DiagnosticCodes.InvalidOperator, "tensor shapes do not agree (input [batch, in], features [filters, in], time [filters, memory], state [batch, filters × memory], output [batch, units])");
            if (state.IsConstant && !state.Info.IsVariable)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"state '{state.Name}' must be a variable tensor");
            QuantizedMultipliers.RequireConstant(features, context);
            QuantizedMultipliers.RequireConstant(time, context);
        }

        public int Rank { get; }
        public int Batches { get; }
        public int InputSize { get; }
        public int Filters { get; }
        public int Units { get; }
        public int Memory { get; }

        /// <summary>Moves every state value one place towards the start (the oldest column drops out).</summary>
        public static void ShiftLeft<T>(Span<T> state) where T : struct => state.Slice(1).CopyTo(state);
    }

    /// <summary>Float SVDF.</summary>
    public sealed class FloatSvdf : PreparedOp
    {
        private readonly RuntimeTensor _input, _state, _output;
        private readonly SvdfShape _s;
        private readonly float[] _features, _time, _bias, _scratch;
        private readonly float _min, _max;

        public FloatSvdf(PrepareContext context, SvdfShape shape)
        {
            _s = shape;
            _input = context.Input(0);
            _state = context.Input(4);
            _output = context.Output(0);
            var features = context.Input(1);
            var time = context.Input(2);
            if (features.Type != TensorType.FLOAT32) throw context.UnsupportedType(features);
            if (time.Type != TensorType.FLOAT32) throw context.UnsupportedType(time);
            if (_state.Type != TensorType.FLOAT32) throw context.UnsupportedType(_state);
            if (_output.Type != TensorType.FLOAT32) throw context.UnsupportedType(_output);
            _features = features.As<float>().ToArray();
            _time = time.As<float>().ToArray();
            _bias = QuantizedMultipliers.FloatBias(context.OptionalInput(3), shape.Units, context);
            _scratch = new float[shape.Filters];
            (_min, _max) = FusedActivation.FloatRange(FusedActivation.Of(context));
        }

        public override void Eval()
        {
            var input = _input.As<float>();
            var state = _state.As<float>();
            var output = _output.As<float>();
            int memory = _s.Memory, filters = _s.Filters, size = _s.InputSize;
            SvdfShape.ShiftLeft(state.Slice(0, _s.Batches * filters * memory));
            for (int b = 0; b < _s.Batches; b++)
            {
                var row = input.Slice(b * size, size);
                var batchState = state.Slice(b * filters * memory, filters * memory);
                for (int f = 0; f < filters; f++)
                    batchState[f * memory + memory - 1] = Dot.Float(_features.AsSpan(f * size, size), row);
                for (int f = 0; f < filters; f++)
                    _scratch[f] = Dot.Float(_time.AsSpan(f * memory, memory), batchState.Slice(f * memory, memory));
                for (int u = 0; u < _s.Units; u++)
                {
                    float sum = _bias[u];
                    for (int r = 0; r < _s.Rank; r++) sum += _scratch[u * _s.Rank + r];
                    output[b * _s.Units + u] = FixedPoint.Clamp(sum, _min, _max);
                }
            }
        }
    }

    /// <summary>
    /// Integer SVDF: int8 input and output, int8 feature weights, int8 or int16 time weights and state.
    /// The feature projection is rescaled into the state's scale (zero point added before the clamp);
    /// the time filter runs on state values minus their zero point; the rank sum plus bias is rescaled
    /// to the output and clamped to int8 (TFLM applies no further activation here).
    /// </summary>
    public sealed class IntegerSvdf : PreparedOp
    {
        private readonly RuntimeTensor _input, _state, _output;
        private readonly SvdfShape _s;
        private readonly short[] _features, _time;
        private readonly int[] _bias, _scratch;
        private readonly short[] _row, _stateRow;
        private readonly int _inputZeroPoint, _stateZeroPoint, _outputZeroPoint;
        private readonly int _multiplier1, _shift1, _multiplier2, _shift2;
        private readonly bool _int16State;

        // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
        internal SvdfShape Shape => _s;
        internal int[] Bias => _bias;
        internal (int Input, int State, int Output) ZeroPoints => (_inputZeroPoint, _stateZeroPoint, _outputZeroPoint);
        internal (int Multiplier, int Shift) FeatureRescale => (_multiplier1, _shift1);
        internal (int Multiplier, int Shift) OutputRescale => (_multiplier2, _shift2);
        internal bool Int16State => _int16State;

        public IntegerSvdf(PrepareContext context, SvdfShape shape)
        {
            _s = shape;
            _input = context.Input(0);
            _state = context.Input(4);
            _output = context.Output(0);
            var features = context.Input(1);
            var time = context.Input(2);
            if (features.Type != TensorType.INT8) throw context.UnsupportedType(features);
            if (time.Type is not (TensorType.INT8 or TensorType.INT16)) throw context.UnsupportedType(time);
            if (_state.Type != time.Type) throw context.UnsupportedType(_state);
            if (_output.Type != TensorType.INT8) throw context.UnsupportedType(_output);
            foreach (var t in new[] { _input, features, time, _state, _output }) QuantizedMultipliers.RequireQuantized(t, context);
            _int16State = _state.Type == TensorType.INT16;
            (_multiplier1, _shift1) = FixedPoint.QuantizeMultiplier(_input.Scale * features.Scale / _state.Scale);
            (_multiplier2, _shift2) = FixedPoint.QuantizeMultiplier(_state.Scale * time.Scale / _output.Scale);
            _inputZeroPoint = _input.ZeroPoint;
            _stateZeroPoint = _state.ZeroPoint;
            _outputZeroPoint = _output.ZeroPoint;
            _features = context.Shared("features-int16", () => WideDot.Widen(features.As<sbyte>()));
            _time = context.Shared("time-int16", () => _int16State ? time.As<short>().ToArray() : WideDot.Widen(time.As<sbyte>()));
            _bias = QuantizedMultipliers.Bias(context.OptionalInput(3), shape.Units, context);
            _scratch = new int[shape.Filters];
            _row = new short[shape.InputSize];
            _stateRow = new short[shape.Memory];
        }

        public override void Eval()
        {
            int memory = _s.Memory, filters = _s.Filters, size = _s.InputSize;
            int stateLength = _s.Batches * filters * memory;
            if (_int16State) SvdfShape.ShiftLeft(_state.As<short>().Slice(0, stateLength));
            else SvdfShape.ShiftLeft(_state.As<sbyte>().Slice(0, stateLength));
            var (stateMin, stateMax) = _int16State ? (short.MinValue, short.MaxValue) : (sbyte.MinValue, (int)sbyte.MaxValue);
            var input = _input.As<sbyte>();
            var output = _output.As<sbyte>();
            for (int b = 0; b < _s.Batches; b++)
            {
                var source = input.Slice(b * size, size);
                for (int c = 0; c < size; c++) _row[c] = (short)(source[c] - _inputZeroPoint);
                int batchState = b * filters * memory;
                // Feature projection into the newest state column.
                for (int f = 0; f < filters; f++)
                {
                    int dot = Dot.Int16(_features.AsSpan(f * size, size), _row);
                    int value = FixedPoint.MultiplyByQuantizedMultiplier(dot, _multiplier1, _shift1) + _stateZeroPoint;
                    value = FixedPoint.Clamp(value, stateMin, stateMax);
                    int at = batchState + f * memory + memory - 1;
                    if (_int16State) _state.As<short>()[at] = (short)value;
                    else _state.As<sbyte>()[at] = (sbyte)value;
                }
                // Time filter over each filter's memory.
                for (int f = 0; f < filters; f++)
                    _scratch[f] = TimeDot(_time.AsSpan(f * memory, memory), batchState + f * memory);
                for (int u = 0; u < _s.Units; u++)
                {
                    int sum = _bias[u];
                    for (int r = 0; r < _s.Rank; r++) sum = unchecked(sum + _scratch[u * _s.Rank + r]);
                    int value = FixedPoint.MultiplyByQuantizedMultiplier(sum, _multiplier2, _shift2) + _outputZeroPoint;
                    output[b * _s.Units + u] = (sbyte)FixedPoint.Clamp(value, sbyte.MinValue, sbyte.MaxValue);
                }
            }
        }

        /// <summary>
        /// Σ time·(state − zero point) in int32, as TFLM sums it. int8 state minus its zero point fits int16,
        /// so it takes the vectorised dot; int16 state is symmetric in practice, but a zero point would
        /// leave the int16 range, so that case is summed scalar.
        /// </summary>
        private int TimeDot(ReadOnlySpan<short> time, int start)
        {
            int memory = _s.Memory;
            if (_int16State)
            {
                var state = _state.As<short>().Slice(start, memory);
                if (_stateZeroPoint == 0) return Dot.Int16(time, state);
                int sum = 0;
                for (int j = 0; j < memory; j++) sum = unchecked(sum + time[j] * (state[j] - _stateZeroPoint));
                return sum;
            }
            var state8 = _state.As<sbyte>().Slice(start, memory);
            for (int j = 0; j < memory; j++) _stateRow[j] = (short)(state8[j] - _stateZeroPoint);
            return Dot.Int16(time, _stateRow);
        }
    }
}
