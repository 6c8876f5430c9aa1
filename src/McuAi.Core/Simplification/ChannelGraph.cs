using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>What happens to one constant when channels go: keep the indices of <see cref="Layout"/> along <see cref="Axis"/>.</summary>
    /// <param name="Slot">The operator input holding the constant.</param>
    internal sealed record ConstantSlice(int Operator, int Slot, int Axis, ChannelLayout Layout, SliceRole Role);

    internal enum SliceRole
    {
        /// <summary>The filter rows (and bias) of the layer that produces the channels.</summary>
        ProducerOutput,
        /// <summary>The filter columns of a CONV_2D or FULLY_CONNECTED that reads the channels.</summary>
        ConsumerInput,
        /// <summary>A per-channel constant of an operator that keeps the channels apart (depthwise filter, ADD operand).</summary>
        Channelwise,
    }

    /// <summary>
    /// The channel structure of a model for channel pruning: the channel spaces (<see cref="ChannelSpaces"/>), the
    /// layout of every activation's last dimension in those spaces, and every constant to slice when channels of a
    /// space go. Built in one pass over the operators in execution order. Operators whose channels follow their
    /// input (activations, pooling, depthwise convolution with multiplier 1, MEAN over other axes, PAD without
    /// channel padding, RESHAPE that keeps or flattens the channels) pass the layout on; element-wise binary ops and
    /// CONCATENATION along another axis join their operands' spaces; CONCATENATION along the channels concatenates
    /// layouts. Any other operator freezes the spaces it touches.
    /// </summary>
    internal sealed class ChannelGraph
    {
        private readonly Model _model;
        private readonly SubGraph _graph;
        private readonly ConstantEditor _uses;

        private ChannelGraph(Model model)
        {
            _model = model;
            _graph = model.MainSubgraph;
            _uses = new ConstantEditor(model);
            Layouts = new ChannelLayout?[_graph.Tensors.Count];
        }

        public ChannelSpaces Spaces { get; } = new();
        /// <summary>The layout of each activation's last dimension (null for constants and unused tensors).</summary>
        public ChannelLayout?[] Layouts { get; }
        public List<ConstantSlice> Slices { get; } = new();
        /// <summary>RESHAPE, SQUEEZE and EXPAND_DIMS operators whose target shape follows their (pruned) output.</summary>
        public List<int> Reshapes { get; } = new();

        public static ChannelGraph Build(Model model)
        {
            var g = new ChannelGraph(model);
            for (int k = 0; k < g._graph.Operators.Count; k++) g.Visit(k);
            foreach (int o in g._graph.Outputs) g.FreezeTensor(o, "a model output");
            return g;
        }

        private Tensor T(int index) => _graph.Tensors[index];

        private bool IsActivation(int index) => index >= 0 && !_model.IsConstant(T(index));

        private static int LastDim(Tensor t) => t.Shape.Length == 0 ? 1 : t.Shape[t.Shape.Length - 1];

        /// <summary>The layout of an activation, made frozen on first sight for model inputs and variables.</summary>
        private ChannelLayout LayoutOf(int index)
        {
            if (Layouts[index] is { } known) return known;
            var t = T(index);
            string why = t.IsVariable ? "a variable tensor" : _graph.Inputs.Contains(index) ? "a model input" : "an unsupported producer";
            return Layouts[index] = ChannelLayout.Single(Spaces.New(LastDim(t), why), LastDim(t));
        }

        private void SetOutput(int index, ChannelLayout layout)
        {
            Layouts[index] = layout;
            // Per-channel quantized activations (rare) would need their parameters sliced too: keep them whole.
            if (T(index).Quantization is { Scale.Length: > 1 }) FreezeTensor(index, "a per-channel quantized activation");
        }

        private void FreezeTensor(int index, string because)
        {
            if (index < 0 || _model.IsConstant(T(index))) return;
            foreach (int s in LayoutOf(index).Spaces) Spaces.Freeze(s, because);
        }

        /// <summary>An operator whose channels cannot follow: its inputs keep their channels, its outputs are new frozen spaces.</summary>
        private void Opaque(Operator op, string because)
        {
            foreach (int i in op.Inputs) if (IsActivation(i)) FreezeTensor(i, because);
            foreach (int o in op.Outputs)
                if (o >= 0) Layouts[o] = ChannelLayout.Single(Spaces.New(LastDim(T(o)), because), LastDim(T(o)));
        }

        private void Slice(int k, int slot, int axis, ChannelLayout layout, SliceRole role) => Slices.Add(new ConstantSlice(k, slot, axis, layout, role));

        /// <summary>A constant this operator alone reads, of a type whose elements can be sliced.</summary>
        private bool Sliceable(Operator op, int slot) =>
            slot < op.Inputs.Length && _uses.IsPrivate(op.Inputs[slot]) && T(op.Inputs[slot]).Type.ElementSize() > 0;

        private bool OptionalSliceable(Operator op, int slot) => slot >= op.Inputs.Length || op.Inputs[slot] < 0 || Sliceable(op, slot);

        private void Visit(int k)
        {
            var op = _graph.Operators[k];
            var code = _model.CodeOf(op);
            string name = code.DisplayName;
            if (op.Outputs.Length == 0 || op.Inputs.Length == 0 || !IsActivation(op.Inputs[0]))
            {
                Opaque(op, name);
                return;
            }
            switch (code.IsCustom ? BuiltinOperator.CUSTOM : code.Op)
            {
                case BuiltinOperator.CONV_2D: Convolution(k, op, name); break;
                case BuiltinOperator.FULLY_CONNECTED: FullyConnected(k, op, name); break;
                case BuiltinOperator.DEPTHWISE_CONV_2D: Depthwise(k, op, name); break;
                case BuiltinOperator.AVERAGE_POOL_2D:
                case BuiltinOperator.MAX_POOL_2D:
                case BuiltinOperator.L2_POOL_2D:
                case BuiltinOperator.RELU:
                case BuiltinOperator.RELU6:
                case BuiltinOperator.RELU_N1_TO_1:
                case BuiltinOperator.RELU_0_TO_1:
                case BuiltinOperator.LOGISTIC:
                case BuiltinOperator.TANH:
                case BuiltinOperator.HARD_SWISH:
                case BuiltinOperator.LEAKY_RELU:
                case BuiltinOperator.ELU:
                case BuiltinOperator.ABS:
                case BuiltinOperator.NEG:
                case BuiltinOperator.QUANTIZE:
                case BuiltinOperator.DEQUANTIZE:
                case BuiltinOperator.RESIZE_BILINEAR:
                case BuiltinOperator.RESIZE_NEAREST_NEIGHBOR:
                case BuiltinOperator.SQRT:
                case BuiltinOperator.RSQRT:
                case BuiltinOperator.SQUARE:
                case BuiltinOperator.EXP:
                case BuiltinOperator.LOG:
                case BuiltinOperator.FLOOR:
                    PassThrough(op, name); break;
                case BuiltinOperator.PAD:
                case BuiltinOperator.PADV2:
                case BuiltinOperator.MIRROR_PAD:
                    Pad(op, name); break;
                case BuiltinOperator.MEAN:
                case BuiltinOperator.SUM:
                case BuiltinOperator.REDUCE_MAX:
                case BuiltinOperator.REDUCE_MIN:
                    Reduce(op, name); break;
                case BuiltinOperator.RESHAPE:
                case BuiltinOperator.SQUEEZE:
                case BuiltinOperator.EXPAND_DIMS:
                    Reshape(k, op, name); break;
                case BuiltinOperator.ADD:
                case BuiltinOperator.SUB:
                case BuiltinOperator.MUL:
                case BuiltinOperator.DIV:
                case BuiltinOperator.MAXIMUM:
                case BuiltinOperator.MINIMUM:
                case BuiltinOperator.SQUARED_DIFFERENCE:
                case BuiltinOperator.PRELU:
                    Elementwise(k, op, name); break;
                case BuiltinOperator.CONCATENATION:
                    Concatenation(k, op, name); break;
                default:
                    Opaque(op, name); break;
            }
        }

        /// <summary>CONV_2D: reads its input's channels through the filter's last axis, makes a new space of filter-row channels.</summary>
        private void Convolution(int k, Operator op, string name)
        {
            var input = LayoutOf(op.Inputs[0]);
            if (!Sliceable(op, 1) || !OptionalSliceable(op, 2) || T(op.Inputs[1]).Shape.Length != 4)
            {
                Opaque(op, name + " with a shared or non-constant filter or bias");
                return;
            }
            var filter = T(op.Inputs[1]);
            if (input.Repeat != 1 || filter.Shape[3] != input.Length)
            {
                Opaque(op, name + " with grouped channels");
                return;
            }
            Slice(k, 1, 3, input, SliceRole.ConsumerInput);
            Produce(k, op, filter.Shape[0]);
        }

        private void FullyConnected(int k, Operator op, string name)
        {
            var input = LayoutOf(op.Inputs[0]);
            if (!Sliceable(op, 1) || !OptionalSliceable(op, 2) || T(op.Inputs[1]).Shape.Length != 2 ||
                (op.Options is { Schema: not null } o && o.GetInt32("weights_format") != 0))
            {
                Opaque(op, name + " with shared, non-constant or shuffled weights or bias");
                return;
            }
            var weights = T(op.Inputs[1]);
            int depth = weights.Shape[1];
            // A FULLY_CONNECTED over a rank > 2 input flattens it: its depth repeats the channels over the trailing positions.
            int times = FlattenedRepeat(T(op.Inputs[0]).Shape, input, depth);
            if (times == 0)
            {
                Opaque(op, name + " whose depth does not follow its input's channels");
                return;
            }
            Slice(k, 1, 1, input.Repeated(times), SliceRole.ConsumerInput);
            if (LastDim(T(op.Outputs[0])) != weights.Shape[0])
            {
                Opaque(op, name + " with an unusual output shape");
                return;
            }
            Produce(k, op, weights.Shape[0]);
        }

        /// <summary>How many times the layout repeats in <paramref name="length"/> values flattened from <paramref name="shape"/>; 0 when they do not line up.</summary>
        private static int FlattenedRepeat(int[] shape, ChannelLayout layout, long length)
        {
            if (layout.Length == 0 || length % layout.Length != 0) return 0;
            long suffix = 1;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                suffix *= shape[d];
                if (suffix == length) return (int)(length / layout.Length);
                if (suffix > length) break;
            }
            return 0;
        }

        /// <summary>The output of a CONV_2D or FULLY_CONNECTED: a new prunable space; the filter rows and the bias follow it.</summary>
        private void Produce(int k, Operator op, int channels)
        {
            var layout = ChannelLayout.Single(Spaces.New(channels), channels);
            Slice(k, 1, 0, layout, SliceRole.ProducerOutput);
            if (op.Inputs.Length > 2 && op.Inputs[2] >= 0) Slice(k, 2, 0, layout, SliceRole.ProducerOutput);
            SetOutput(op.Outputs[0], layout);
        }

        private void Depthwise(int k, Operator op, string name)
        {
            var input = LayoutOf(op.Inputs[0]);
            if (!Sliceable(op, 1) || !OptionalSliceable(op, 2) || T(op.Inputs[1]).Shape.Length != 4)
            {
                Opaque(op, name + " with a shared or non-constant filter or bias");
                return;
            }
            if (input.Repeat != 1 || T(op.Inputs[1]).Shape[3] != input.Length)
            {
                Opaque(op, name + " with a depth multiplier");
                return;
            }
            Slice(k, 1, 3, input, SliceRole.Channelwise);
            if (op.Inputs.Length > 2 && op.Inputs[2] >= 0) Slice(k, 2, 0, input, SliceRole.Channelwise);
            SetOutput(op.Outputs[0], input);
        }

        private void PassThrough(Operator op, string name)
        {
            var input = LayoutOf(op.Inputs[0]);
            if (op.Outputs.Length != 1 || LastDim(T(op.Outputs[0])) != input.Length)
            {
                Opaque(op, name);
                return;
            }
            SetOutput(op.Outputs[0], input);
        }

        private void Pad(Operator op, string name)
        {
            // Paddings [rank, 2]: the last row pads the channels, which must stay unpadded.
            int[]? paddings = op.Inputs.Length > 1 && op.Inputs[1] >= 0 ? IntConstant(op.Inputs[1]) : null;
            if (paddings is null || paddings.Length < 2 || paddings[paddings.Length - 1] != 0 || paddings[paddings.Length - 2] != 0)
            {
                Opaque(op, name + " of the channels");
                return;
            }
            PassThrough(op, name);
        }

        private void Reduce(Operator op, string name)
        {
            int rank = T(op.Inputs[0]).Shape.Length;
            int[]? axes = op.Inputs.Length > 1 && op.Inputs[1] >= 0 ? IntConstant(op.Inputs[1]) : null;
            if (axes is null || axes.Any(a => (a < 0 ? a + rank : a) == rank - 1))
            {
                Opaque(op, name + " over the channels");
                return;
            }
            PassThrough(op, name);
        }

        private void Reshape(int k, Operator op, string name)
        {
            var input = LayoutOf(op.Inputs[0]);
            var output = T(op.Outputs[0]);
            int times = FlattenedRepeat(T(op.Inputs[0]).Shape, input, LastDim(output));
            if (times == 0 || (times > 1 && output.Shape.Length < 1))
            {
                Opaque(op, name + " that moves the channels");
                return;
            }
            Reshapes.Add(k);
            SetOutput(op.Outputs[0], times == 1 ? input : input.Repeated(times));
        }

        /// <summary>ADD, MUL, ... : full-width activation operands share their channels; per-channel constants are sliced with them.</summary>
        private void Elementwise(int k, Operator op, string name)
        {
            long width = LastDim(T(op.Outputs[0]));
            ChannelLayout? joined = null;
            var constants = new List<int>();
            for (int slot = 0; slot < op.Inputs.Length; slot++)
            {
                int i = op.Inputs[slot];
                if (i < 0) continue;
                var t = T(i);
                if (_model.IsConstant(t))
                {
                    if (t.Shape.Length > 0 && LastDim(t) == width && width > 1) constants.Add(slot);
                    else if (t.Shape.Length > 0 && LastDim(t) != 1) { Opaque(op, name + " with an operand of another width"); return; }
                    continue;
                }
                var layout = LayoutOf(i);
                if (layout.Length == 1 && width > 1) continue; // broadcast along the channels
                if (layout.Length != width) { Opaque(op, name + " with an operand of another width"); return; }
                if (joined is null) joined = layout;
                else if (!Join(joined, layout)) { Opaque(op, name + " joining differently concatenated channels"); return; }
            }
            if (joined is null || constants.Any(slot => !Sliceable(op, slot)))
            {
                Opaque(op, name);
                return;
            }
            foreach (int slot in constants) Slice(k, slot, T(op.Inputs[slot]).Shape.Length - 1, joined, SliceRole.Channelwise);
            SetOutput(op.Outputs[0], joined);
        }

        private bool Join(ChannelLayout a, ChannelLayout b)
        {
            if (!a.SameShape(b)) return false;
            for (int s = 0; s < a.Segments.Count; s++) Spaces.Union(a.Segments[s].Space, b.Segments[s].Space);
            return true;
        }

        private void Concatenation(int k, Operator op, string name)
        {
            var output = T(op.Outputs[0]);
            int rank = output.Shape.Length;
            int axis = op.Options is { Schema: not null } o ? o.GetInt32("axis") : 0;
            if (axis < 0) axis += rank;
            if (op.Inputs.Any(i => i < 0 || !IsActivation(i)))
            {
                Opaque(op, name + " with constant inputs");
                return;
            }
            var layouts = op.Inputs.Select(LayoutOf).ToList();
            if (axis == rank - 1)
            {
                if (layouts.Any(l => l.Repeat != 1)) { Opaque(op, name); return; }
                SetOutput(op.Outputs[0], ChannelLayout.Concat(layouts));
                return;
            }
            var first = layouts[0];
            foreach (var other in layouts.Skip(1))
                if (!Join(first, other)) { Opaque(op, name + " joining differently concatenated channels"); return; }
            SetOutput(op.Outputs[0], first);
        }

        private int[]? IntConstant(int index)
        {
            var t = T(index);
            if (!_model.IsConstant(t)) return null;
            var data = _model.DataOf(t).Span;
            return t.Type switch
            {
                TensorType.INT32 => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(data).ToArray(),
                TensorType.INT64 => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(data).ToArray().Select(v => (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, v))).ToArray(),
                _ => null,
            };
        }
    }
}
