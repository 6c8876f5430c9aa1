using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using McuAi.CodeGen;
using McuAi.TfLite;

namespace McuAi.Compiler
{
    /// <summary>The C text of one model's <c>S_model.c</c>, in the pieces the template places.</summary>
    public sealed class CModelSource
    {
        /// <summary><c>#include</c> lines of the kernels' headers.</summary>
        public string Includes { get; internal set; } = "";
        /// <summary>The activation buffer and the state buffer.</summary>
        public string Buffers { get; internal set; } = "";
        /// <summary>Constant arrays and the layers' params structs.</summary>
        public string Constants { get; internal set; } = "";
        /// <summary>Statements of S_init (state reset).</summary>
        public string Init { get; internal set; } = "";
        /// <summary>Statements of S_invoke: one kernel call per layer.</summary>
        public string Calls { get; internal set; } = "";
        /// <summary>Statements of S_input / S_output (a switch over the index).</summary>
        public string InputCases { get; internal set; } = "";
        public string OutputCases { get; internal set; } = "";
    }

    /// <summary>
    /// Spells a <see cref="LayerProgram"/> and its <see cref="MemoryPlan"/> in C99: constant arrays (int8 as
    /// string literals, which compile fast), one designated-initializer params struct per layer, and a
    /// straight-line invoke. Deterministic: invariant culture, no names from the model except in escaped comments.
    /// </summary>
    public static class CEmitter
    {
        public static CModelSource Emit(LayerProgram program, MemoryPlan plan, int alignment, string? arenaSection, string? dataSection)
        {
            string s = program.Symbol;
            var tensors = program.Model.MainSubgraph.Tensors;
            var tensorConstants = program.TensorConstants;
            var source = new CModelSource();

            source.Includes = string.Concat(program.Kernels.Select(k => $"#include \"{k}.h\"\n"));

            var buffers = new StringBuilder();
            buffers.Append($"/* Activations and scratch: {plan.ArenaBytes} bytes, {plan.Slots.Count} blocks placed by McuAi.Build's memory plan. */\n");
            buffers.Append($"static uint8_t {s}_arena[{Math.Max(plan.ArenaBytes, 1)}] MCUAI_ALIGN({alignment}){Section(arenaSection)};\n");
            if (plan.StateBytes > 0)
                buffers.Append($"/* State (variable tensors): {plan.StateBytes} bytes, kept across invocations, reset by {s}_init(). */\n")
                       .Append($"static uint8_t {s}_state[{plan.StateBytes}] MCUAI_ALIGN({alignment}){Section(arenaSection)};\n");
            source.Buffers = buffers.ToString();

            string Pointer(int tensor, bool write)
            {
                int root = program.Root(tensor);
                string type = CTypes.Name(CTypes.Of(tensors[root].Type) ?? CElementType.UInt8);
                string qualifier = write ? "" : "const ";
                if (tensorConstants.TryGetValue(root, out var array)) return array.Name;
                if (plan.StateOffsets.TryGetValue(root, out int state)) return $"({qualifier}{type}*)({s}_state + {state})";
                return $"({qualifier}{type}*)({s}_arena + {plan.TensorOffsets[root]})";
            }

            var constants = new StringBuilder();
            var emitted = new HashSet<ConstantArray>();
            void EmitArray(ConstantArray array, string? comment)
            {
                if (!emitted.Add(array)) return;
                if (comment is not null) constants.Append("/* ").Append(comment).Append(" */\n");
                AppendArray(constants, array, array.IsModelData ? dataSection : null);
            }
            foreach (var pair in tensorConstants.OrderBy(p => p.Key))
                EmitArray(pair.Value, $"tensor {pair.Key}: {CText.Comment(tensors[pair.Key].Name)}");

            var calls = new StringBuilder();
            for (int n = 0; n < program.Layers.Count; n++)
            {
                var layer = program.Layers[n];
                constants.Append($"\n/* layer {n}: operator {layer.OperatorIndex} ({layer.OpName}) */\n");
                foreach (var field in layer.Params)
                    if (field.Value is ParamValue.ArrayPointer p) EmitArray(p.Array, null);
                var fieldText = new List<string>();
                foreach (var field in layer.Params)
                {
                    if (field.Value is ParamValue.TensorTable table)
                    {
                        string tableName = $"{s}_l{n}_{field.Name}";
                        constants.Append($"static const void* const {tableName}[{table.Tensors.Count}] = {{ ")
                                 .Append(string.Join(", ", table.Tensors.Select(t => Pointer(t, write: false))))
                                 .Append(" };\n");
                        fieldText.Add($".{field.Name} = {tableName}");
                    }
                    else fieldText.Add($".{field.Name} = {Value(field.Value)}");
                }
                constants.Append($"static const {layer.ParamsType} {s}_l{n} = {{\n  ")
                         .Append(string.Join(",\n  ", fieldText))
                         .Append("\n};\n");

                var args = new List<string> { $"&{s}_l{n}" };
                args.AddRange(layer.Inputs.Select(t => Pointer(t, write: false)));
                args.AddRange(layer.Outputs.Select(t => Pointer(t, write: true)));
                if (layer.ScratchBytes > 0) args.Add($"{s}_arena + {plan.ScratchOffsets[n]}");
                calls.Append($"  {layer.Function}({string.Join(", ", args)}); /* {layer.OpName} */\n");
            }
            source.Constants = constants.ToString();
            source.Calls = calls.ToString();

            var init = new StringBuilder();
            foreach (var pair in plan.StateOffsets.OrderBy(p => p.Key))
            {
                var tensor = tensors[pair.Key];
                init.Append($"  memset({s}_state + {pair.Value}, 0, {tensor.ByteSize});\n");
            }
            source.Init = init.ToString();

            source.InputCases = Cases(program.Inputs, t => Pointer(t, write: true));
            source.OutputCases = Cases(program.Outputs, t => Pointer(t, write: true));
            return source;
        }

        private static string Cases(IReadOnlyList<int> tensors, Func<int, string> pointer)
        {
            var text = new StringBuilder("  switch (index) {\n");
            for (int i = 0; i < tensors.Count; i++)
                text.Append($"    case {i}: return (void*){pointer(tensors[i])};\n");
            text.Append("    default: return NULL;\n  }");
            return text.ToString();
        }

        private static string Section(string? section) => string.IsNullOrEmpty(section) ? "" : $" MCUAI_SECTION(\"{section}\")";

        private static string Value(ParamValue value) => value switch
        {
            ParamValue.Integer i => Integer(i.Value),
            ParamValue.Real r => Float(r.Value),
            ParamValue.Integers list => "{ " + string.Join(", ", list.Values.Select(v => Integer(v))) + " }",
            ParamValue.ArrayPointer p => p.Array.Name,
            ParamValue.NullPointer => "NULL",
            ParamValue.Nested n => "{ " + string.Join(", ", n.Fields.Select(f => $".{f.Name} = {Value(f.Value)}")) + " }",
            _ => throw new InvalidOperationException("unexpected param value " + value.GetType().Name),
        };

        /// <summary>An integer literal; INT32_MIN and INT64 extremes are written so that no literal overflows.</summary>
        internal static string Integer(long value) =>
            value == int.MinValue ? "(-2147483647 - 1)"
            : value == long.MinValue ? "(-9223372036854775807LL - 1)"
            : value > int.MaxValue || value < int.MinValue ? value.ToString(CultureInfo.InvariantCulture) + "LL"
            : value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A float literal that reads back to the same value on every runtime (9 significant digits).</summary>
        internal static string Float(float value)
        {
            if (float.IsNaN(value)) return "(0.0f / 0.0f)";
            if (float.IsPositiveInfinity(value)) return "(1.0f / 0.0f)";
            if (float.IsNegativeInfinity(value)) return "(-1.0f / 0.0f)";
            string text = value.ToString("G9", CultureInfo.InvariantCulture);
            if (text.IndexOf('.') < 0 && text.IndexOf('E') < 0) text += ".0";
            return text + "f";
        }

        private static void AppendArray(StringBuilder text, ConstantArray array, string? section)
        {
            string type = CTypes.Name(array.Type);
            int count = Math.Max(array.Count, 1);
            text.Append($"static const {type} {array.Name}[{count}] MCUAI_ALIGN({array.Alignment}){Section(section)} =");
            switch (array.Values)
            {
                case sbyte[] { Length: > 0 } bytes:
                    text.Append('\n').Append(Encoding.ASCII.GetString(ModelDataEncoder.EncodeStringLiteral(System.Runtime.InteropServices.MemoryMarshal.AsBytes(bytes.AsSpan())))).Append(";\n");
                    return;
                case byte[] { Length: > 0 } bytes:
                    text.Append('\n').Append(Encoding.ASCII.GetString(ModelDataEncoder.EncodeStringLiteral(bytes))).Append(";\n");
                    return;
            }
            text.Append(" {");
            const int PerLine = 12;
            for (int i = 0; i < array.Count; i++)
            {
                text.Append(i % PerLine == 0 ? "\n  " : " ");
                text.Append(array.Values switch
                {
                    short[] v => Integer(v[i]),
                    int[] v => Integer(v[i]),
                    float[] v => Float(v[i]),
                    _ => throw new InvalidOperationException("unexpected array type " + array.Values.GetType().Name),
                });
                if (i + 1 < array.Count) text.Append(',');
            }
            if (array.Count == 0) text.Append(" 0");
            text.Append("\n};\n");
        }
    }
}
