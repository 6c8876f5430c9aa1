using System;
using System.Collections.Generic;
using System.Globalization;
using McuAi.Diagnostics;

namespace McuAi.TfLite
{
    /// <summary>
    /// Subgraphs that operators call (IF, WHILE, CALL_ONCE, CALL and the StableHLO control flow: every
    /// options field named <c>subgraph</c> or <c>*_subgraph_index</c>): each index exists, no subgraph calls
    /// itself through others (TFLM would recurse until its stack overflows), and walking the calls, as
    /// TFLM's memory planning does once per call, visits a bounded number of operators (a chain of
    /// subgraphs each calling the next twice doubles the walk at every level).
    /// </summary>
    internal static class ControlFlowValidator
    {
        /// <summary>Operators a walk through the calls may visit, per operator of the model (plus a small allowance).</summary>
        public const int VisitsPerOperator = 64;

        public static void Validate(Model model, string? fileName)
        {
            var calls = new List<int>[model.Subgraphs.Count];
            long operators = 0;
            bool any = false;
            for (int s = 0; s < calls.Length; s++)
            {
                calls[s] = new List<int>();
                var g = model.Subgraphs[s];
                operators += g.Operators.Count;
                for (int k = 0; k < g.Operators.Count; k++)
                    foreach (long callee in Callees(g.Operators[k]))
                    {
                        if (callee < 0 || callee >= calls.Length)
                            throw new McuAiException(DiagnosticCodes.IndexOutOfRange, fileName,
                                $"operator {k} ({model.CodeOf(g.Operators[k]).ShownName}) of subgraph {s} calls subgraph {callee.ToString(CultureInfo.InvariantCulture)}, but the model has {calls.Length}. The file is corrupted.");
                        calls[s].Add((int)callee);
                        any = true;
                    }
            }
            if (!any) return;
            long limit = VisitsPerOperator * operators + 4096;
            var visits = new long[calls.Length];
            var state = new byte[calls.Length]; // 0 new, 1 on the current path (met again: a cycle), 2 done
            for (int root = 0; root < calls.Length; root++)
            {
                if (state[root] != 0) continue;
                // Depth-first without recursion: a chain of thousands of subgraphs must not overflow the stack.
                var path = new Stack<(int Subgraph, int Next)>();
                path.Push((root, 0));
                state[root] = 1;
                while (path.Count > 0)
                {
                    var (s, next) = path.Pop();
                    if (next < calls[s].Count)
                    {
                        path.Push((s, next + 1));
                        int callee = calls[s][next];
                        if (state[callee] == 1)
                            throw new McuAiException(DiagnosticCodes.GraphOrder, fileName,
                                $"subgraph {callee} calls itself through control-flow operators (subgraph {s} calls it back); TFLM would recurse without end. The file is corrupted.");
                        if (state[callee] == 0)
                        {
                            state[callee] = 1;
                            path.Push((callee, 0));
                        }
                        continue;
                    }
                    // Every callee is done: the walk from s visits its operators and, per call, the callee's walk.
                    long total = model.Subgraphs[s].Operators.Count;
                    foreach (int callee in calls[s])
                    {
                        total += visits[callee];
                        if (total > limit)
                            throw new McuAiException(DiagnosticCodes.DecodeBudgetExceeded, fileName,
                                $"the subgraphs call each other so often that walking the calls from subgraph {s} visits more than {limit.ToString("N0", CultureInfo.InvariantCulture)} operators " +
                                $"({VisitsPerOperator} per operator of the model, plus 4,096). The file is corrupted or hostile.");
                    }
                    visits[s] = total;
                    state[s] = 2;
                }
            }
        }

        /// <summary>The subgraph indices an operator's options name.</summary>
        private static IEnumerable<long> Callees(Operator op)
        {
            foreach (var options in new[] { op.BuiltinOptions, op.BuiltinOptions2 })
            {
                if (options?.Schema is not { } schema) continue;
                foreach (var field in schema.Fields)
                {
                    if (!field.IsScalar || !(field.Name == "subgraph" || field.Name.EndsWith("subgraph_index", StringComparison.Ordinal))) continue;
                    // An absent index reads as its default (0), as the consumers read it.
                    object value = options.GetRaw(field.Id) ?? field.DefaultValue;
                    yield return value is ulong ul ? (long)Math.Min(ul, long.MaxValue) : Convert.ToInt64(value, CultureInfo.InvariantCulture);
                }
            }
        }
    }
}
