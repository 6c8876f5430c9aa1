using System;
using System.Collections.Generic;
using System.Globalization;
using McuAi.Diagnostics;

namespace McuAi.TfLite
{
    /// <summary>
    /// Checks every operator's builtin options once, for every consumer (analysis, arena planning, code
    /// generation, the interpreter, the quantizer): the options table is the one the op takes (not another
    /// table of the union, not an index this schema does not know), and the values the consumers compute
    /// with are in range (strides, dilations and filter sizes of at least 1, enum values the schema defines).
    /// TFLM parses a mismatched table as absent and divides by a zero stride; here both are coded errors.
    /// </summary>
    internal static class OperatorValidator
    {
        /// <summary>Fields that divide or step through a tensor: 0 or less is never valid.</summary>
        private static readonly HashSet<string> s_atLeastOne = new(StringComparer.Ordinal)
        {
            "stride_w", "stride_h", "stride_d", "dilation_w_factor", "dilation_h_factor", "dilation_d_factor", "filter_width", "filter_height",
        };

        /// <summary>Enum-typed fields and how many values the schema defines.</summary>
        private static readonly Dictionary<string, int> s_enumSizes = new(StringComparer.Ordinal)
        {
            ["Padding"] = 2,
            ["ActivationFunctionType"] = 6,
            ["FullyConnectedOptionsWeightsFormat"] = 2,
            ["TensorType"] = Enum.GetValues(typeof(TensorType)).Length,
        };

        /// <summary>
        /// Operands TFLM's Prepare insists on for the ops whose shapes every consumer reads (the arena planner,
        /// the MAC count, the interpreter): how many inputs, which must be 4-D or 2-D, and whether the
        /// options (strides, padding) must be there — TFLM would divide by the zero stride of absent options.
        /// </summary>
        private sealed record OperandRule(int MinInputs, int MaxInputs, int[] FourD, int[] TwoD, bool NeedsOptions);

        /// <summary>Index k ≥ 0 is input k; -1 is output 0.</summary>
        private static readonly Dictionary<BuiltinOperator, OperandRule> s_operands = new()
        {
            [BuiltinOperator.CONV_2D] = new(2, 3, new[] { 0, 1, -1 }, Array.Empty<int>(), true),
            [BuiltinOperator.DEPTHWISE_CONV_2D] = new(2, 3, new[] { 0, 1, -1 }, Array.Empty<int>(), true),
            [BuiltinOperator.TRANSPOSE_CONV] = new(3, 4, new[] { 1, 2, -1 }, Array.Empty<int>(), true),
            [BuiltinOperator.AVERAGE_POOL_2D] = new(1, 1, new[] { 0, -1 }, Array.Empty<int>(), true),
            [BuiltinOperator.MAX_POOL_2D] = new(1, 1, new[] { 0, -1 }, Array.Empty<int>(), true),
            [BuiltinOperator.L2_POOL_2D] = new(1, 1, new[] { 0, -1 }, Array.Empty<int>(), true),
            [BuiltinOperator.FULLY_CONNECTED] = new(2, 3, Array.Empty<int>(), new[] { 1 }, false),
        };

        public static void Validate(Model model, SubGraph graph, Operator op, int index, string where, string? fileName)
        {
            var code = model.CodeOf(op);
            if (!code.IsCustom && s_operands.TryGetValue(code.Op, out var rule)) Operands(graph, op, rule, index, code.ShownName, where, fileName);
            if (!OptionsTableOfOp.TryGet(code.Op, out var expected, out bool secondUnion)) return;
            string name = code.ShownName;
            var stored = op.BuiltinOptions;
            var stored2 = op.BuiltinOptions2;
            var options = secondUnion ? stored2 : stored;
            var stray = secondUnion ? stored : stored2;
            if (stray is not null)
                throw Mismatch(fileName, $"operator {index} ({name}){where} stores {Describe(stray)} in {(secondUnion ? "builtin_options" : "builtin_options_2")}, " +
                    $"where {name} takes {(expected is null ? "no options" : expected.Name + " in " + (secondUnion ? "builtin_options_2" : "builtin_options"))}");
            if (options is null) return;
            if (expected is null || options.Schema != expected)
                throw Mismatch(fileName, $"operator {index} ({name}){where} stores {Describe(options)}, but {name} takes {(expected is null ? "no options" : expected.Name)}");
            Values(options, index, name, where, fileName);
        }

        private static void Operands(SubGraph graph, Operator op, OperandRule rule, int index, string name, string where, string? fileName)
        {
            string? problem = null;
            Tensor? Operand(int k) => k < 0 ? (op.Outputs.Length > 0 ? graph.Tensors[op.Outputs[0]] : null)
                : k < op.Inputs.Length && op.Inputs[k] >= 0 ? graph.Tensors[op.Inputs[k]] : null;
            if (op.Inputs.Length < rule.MinInputs || op.Inputs.Length > rule.MaxInputs || op.Outputs.Length != 1)
                problem = $"has {op.Inputs.Length} inputs and {op.Outputs.Length} outputs; the op takes {rule.MinInputs}{(rule.MaxInputs > rule.MinInputs ? "-" + rule.MaxInputs : "")} and 1";
            else if (rule.NeedsOptions && op.Options is null)
                problem = "has no builtin options (strides, padding), which the op needs";
            else
            {
                foreach (var (ks, rank) in new[] { (rule.FourD, 4), (rule.TwoD, 2) })
                    foreach (int k in ks)
                    {
                        var t = Operand(k);
                        if (t is null) { problem ??= $"lacks its {(k < 0 ? "output" : "input " + k)}"; continue; }
                        if (t.Shape.Length != rank)
                            problem ??= $"{(k < 0 ? "output" : "input " + k)} '{MessageText.Quote(t.Name)}' has {t.Shape.Length} dimensions [{string.Join(",", t.Shape)}]; the op needs {rank}";
                    }
            }
            if (problem is not null)
                throw new McuAiException(DiagnosticCodes.InvalidOperator, fileName, $"operator {index} ({name}){where} {problem}; TFLM cannot prepare it. Export the model again.");
        }

        private static void Values(OperatorOptions options, int index, string name, string where, string? fileName)
        {
            var schema = options.Schema!;
            foreach (var field in schema.Fields)
            {
                if (!field.IsScalar || field.Kind == OptionFieldKind.Float32 || field.Kind == OptionFieldKind.Float64 || field.Kind == OptionFieldKind.Bool) continue;
                long value = AsInt64(options.GetRaw(field.Id) ?? field.DefaultValue);
                string? problem = null;
                if (s_atLeastOne.Contains(field.Name) && value < 1) problem = "must be at least 1";
                else if (schema.Name == "SVDFOptions" && field.Name == "rank" && value < 1) problem = "must be at least 1";
                else if (s_enumSizes.TryGetValue(field.SchemaType, out int size) && (value < 0 || value >= size))
                    problem = $"is not a {field.SchemaType} the schema defines (0 to {size - 1})";
                if (problem is not null)
                    throw new McuAiException(DiagnosticCodes.OptionOutOfRange, fileName,
                        $"operator {index} ({name}){where}: {schema.Name}.{field.Name} is {value.ToString(CultureInfo.InvariantCulture)}; it {problem}. The file is corrupted; export the model again.");
            }
        }

        private static long AsInt64(object value) =>
            value is ulong u ? (u > long.MaxValue ? long.MaxValue : (long)u) : Convert.ToInt64(value, CultureInfo.InvariantCulture);

        private static string Describe(OperatorOptions options) =>
            options.Schema is null ? $"options of union type {options.UnionIndex}, which this schema does not define" : options.Schema.Name;

        private static McuAiException Mismatch(string? fileName, string what) =>
            new(DiagnosticCodes.OptionsTableMismatch, fileName, what + ". The file is corrupted; export the model again.");
    }
}
