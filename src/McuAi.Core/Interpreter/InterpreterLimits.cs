using System.Globalization;
using McuAi.Analysis;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>
    /// The memory and work the interpreter takes on, checked before it allocates or runs anything. A model's
    /// shapes cost nothing in its file: a 1 KB model can declare a 2 GB activation, or repeat one large
    /// convolution thousands of times. Microcontroller models are far inside both limits (every shared model
    /// needs under 1 MB of activations and at most 30 million operations per inference, mlperf_vww); beyond
    /// them the interpreter refuses with MCUAI1032 instead of running out of memory or for minutes.
    /// </summary>
    public static class InterpreterLimits
    {
        /// <summary>Activation and state memory: 256 MiB (a microcontroller has at most a few MB of RAM).</summary>
        public const long MaxMemoryBytes = 256L * 1024 * 1024;

        /// <summary>
        /// Operations per inference: the multiply-accumulates of every operator (the analysis's MACs) plus
        /// <see cref="OperationsPerElement"/> for every element each operator reads and writes. 2^28, a quarter
        /// of a billion: about a second of the slowest kernels.
        /// </summary>
        public const long MaxOperations = 1L << 28;

        /// <summary>
        /// What an element read or written counts: element-wise kernels (broadcasting, requantizing each value)
        /// spend some 40 ns an element where a convolution spends under 1 ns a multiply-accumulate.
        /// </summary>
        public const int OperationsPerElement = 32;

        /// <summary>Work of one inference of subgraph 0, by <see cref="MaxOperations"/>'s measure (saturating).</summary>
        public static long Operations(Model model)
        {
            var graph = model.MainSubgraph;
            long total = 0;
            foreach (var op in graph.Operators)
            {
                total = Add(total, MacCounter.Count(model, graph, op));
                foreach (int i in op.Inputs) if (i >= 0) total = Add(total, OperationsPerElement * graph.Tensors[i].ElementCount);
                foreach (int o in op.Outputs) if (o >= 0) total = Add(total, OperationsPerElement * graph.Tensors[o].ElementCount);
            }
            return total;
        }

        internal static void CheckWork(Model model, string? fileName)
        {
            long operations = Operations(model);
            if (operations > MaxOperations)
                throw new McuAiException(DiagnosticCodes.InterpreterLimit, fileName,
                    $"one inference takes about {N(operations)} operations (multiply-accumulates, and {OperationsPerElement} per element read or written), more than the {N(MaxOperations)} " +
                    "the interpreter runs; a microcontroller model needs far fewer. Check the model's shapes.");
        }

        internal static void CheckMemory(Model model, long activationBytes, string? fileName)
        {
            long total = activationBytes;
            foreach (var t in model.MainSubgraph.Tensors)
                if (t.IsVariable) total = Add(total, t.ByteSize);
            if (total > MaxMemoryBytes)
                throw new McuAiException(DiagnosticCodes.InterpreterLimit, fileName,
                    $"the model's activations and state need {N(total)} bytes, more than the {N(MaxMemoryBytes)} the interpreter allocates; " +
                    "a microcontroller model needs far less. Check the model's shapes.");
        }

        private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

        private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
    }
}
