using System.Collections.Generic;
using McuAi.TfLite;

namespace McuAi.Memory
{
    /// <summary>
    /// Buffer lifetimes exactly as TFLM's AllocationInfoBuilder::MarkAllocationLifetimes
    /// (micro_allocation_info.cc) marks them, in "allocation scopes": scope 0 is the start of the
    /// subgraph, operator k of a single-subgraph model is scope k + 1. Subgraph inputs and outputs are
    /// created at the start; an operator's outputs are (re)created at its scope; inputs and outputs
    /// are last used at the scope of their last reader or writer; subgraph outputs live to the end.
    /// Control-flow operators (IF, WHILE, CALL_ONCE) open nested scopes for their subgraphs, and their
    /// scratch buffers span them. Tensors nobody touches keep the lifetime (-1, -1).
    /// </summary>
    internal sealed class TflmLifetimes
    {
        private readonly Model _model;
        private int _scope;

        public TflmLifetimes(Model model)
        {
            _model = model;
            First = new int[model.Subgraphs.Count][];
            Last = new int[model.Subgraphs.Count][];
            OperatorScope = new int[model.Subgraphs.Count][];
            ScratchStart = new int[model.Subgraphs.Count][];
            for (int s = 0; s < model.Subgraphs.Count; s++)
            {
                int n = model.Subgraphs[s].Tensors.Count;
                First[s] = Filled(n, -1);
                Last[s] = Filled(n, -1);
                OperatorScope[s] = Filled(model.Subgraphs[s].Operators.Count, -1);
                ScratchStart[s] = Filled(model.Subgraphs[s].Operators.Count, -1);
            }
            Mark(0, depth: 0);
        }

        public int[][] First { get; }
        public int[][] Last { get; }
        /// <summary>The scope at the end of each operator (where its scratch buffers end).</summary>
        public int[][] OperatorScope { get; }
        /// <summary>The scope at which each operator's scratch buffers begin.</summary>
        public int[][] ScratchStart { get; }

        /// <summary>The operator of subgraph <paramref name="s"/> running at <paramref name="scope"/>:
        /// the one whose scopes (including nested subgraphs) contain it; the subgraph's start counts as
        /// operator 0.</summary>
        public int OperatorAt(int s, int scope)
        {
            var starts = ScratchStart[s];
            var ends = OperatorScope[s];
            int result = 0;
            for (int k = 0; k < ends.Length; k++)
            {
                if (starts[k] <= scope && scope <= ends[k]) return k;
                if (ends[k] <= scope) result = k;
            }
            return result;
        }

        private static int[] Filled(int n, int value)
        {
            var a = new int[n];
            for (int i = 0; i < n; i++) a[i] = value;
            return a;
        }

        private void Mark(int s, int depth)
        {
            // A malformed model could nest subgraphs in a cycle; TFLM would recurse forever, we stop.
            if (depth > 32 || s < 0 || s >= _model.Subgraphs.Count) return;
            var g = _model.Subgraphs[s];
            foreach (int t in g.Inputs) Created(s, t);
            foreach (int t in g.Outputs) Created(s, t);
            for (int k = 0; k < g.Operators.Count; k++)
            {
                _scope++;
                var op = g.Operators[k];
                foreach (int t in op.Outputs) Created(s, t);
                int start = _scope;
                foreach (int nested in NestedSubgraphs(op))
                {
                    _scope++;
                    Mark(nested, depth + 1);
                }
                foreach (int t in op.Inputs) Used(s, t);
                foreach (int t in op.Outputs) Used(s, t);
                ScratchStart[s][k] = start;
                OperatorScope[s][k] = _scope;
            }
            foreach (int t in g.Outputs) Used(s, t);
        }

        private void Created(int s, int t)
        {
            if (t < 0 || t >= First[s].Length) return;
            First[s][t] = _scope;
            Last[s][t] = _scope;
        }

        private void Used(int s, int t)
        {
            if (t < 0 || t >= Last[s].Length) return;
            Last[s][t] = _scope;
        }

        private IEnumerable<int> NestedSubgraphs(Operator op)
        {
            var o = op.Options;
            if (o is null) yield break;
            switch (_model.CodeOf(op).Op)
            {
                case BuiltinOperator.IF:
                    yield return o.GetInt32("then_subgraph_index");
                    yield return o.GetInt32("else_subgraph_index");
                    break;
                case BuiltinOperator.WHILE:
                    yield return o.GetInt32("cond_subgraph_index");
                    yield return o.GetInt32("body_subgraph_index");
                    break;
                case BuiltinOperator.CALL_ONCE:
                    yield return o.GetInt32("init_subgraph_index");
                    break;
            }
        }
    }
}
